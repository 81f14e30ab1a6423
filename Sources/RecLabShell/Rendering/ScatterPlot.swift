/// A scatter plot drawn in the terminal: braille dots (2 × 4 per cell),
/// axes with round ticks, and labels beside (or near) the points that have room.
///
/// ```
/// pc2
///  0.5 ┤      ⠂ Mary Poppins
///    0 ┤  ⠁  ⠄     ⠈
/// -0.5 ┤ ⠐      ⠠
///      └──┬─────┬─────┬──
///        -1     0     1  pc1
/// ```
///
/// Points with a coordinate that is not a finite number, or outside a
/// range given by the caller, are not drawn. A range with no extent (one
/// point, all points equal) is widened around its value.
public struct ScatterPlot: Sendable {
    /// One point, optionally labelled.
    public struct Point: Sendable, Equatable {
        /// Horizontal coordinate.
        public var x: Double
        /// Vertical coordinate.
        public var y: Double
        /// Text written beside the point when there is room for it.
        public var label: String?

        /// A point at (`x`, `y`).
        public init(x: Double, y: Double, label: String? = nil) {
            self.x = x
            self.y = y
            self.label = label
        }
    }

    /// What ``render()`` drew.
    public struct Drawing: Sendable {
        /// The lines of the plot, each at most ``ScatterPlot/width`` cells wide.
        public var lines: [String]
        /// The labels that found room, in the order they were placed.
        public var labels: [PlacedLabel]
        /// Their texts.
        public var placedLabels: [String] { labels.map(\.text) }
        /// The number of points drawn.
        public var drawnPoints: Int

        /// The lines joined by newlines.
        public var text: String { lines.joined(separator: "\n") }
    }

    /// The points, labelled ones placed in order: give the most important first.
    public var points: [Point]
    /// The most labels written; more labelled points may be given, the
    /// later ones taking the place of those that find no room.
    public var labelLimit: Int
    /// The widest a line may be, in cells (at least 12).
    public var width: Int
    /// The height of the plotting area, in lines (at least 2).
    public var height: Int
    /// The horizontal range shown; `nil` fits the points.
    public var xRange: ClosedRange<Double>?
    /// The vertical range shown; `nil` fits the points.
    public var yRange: ClosedRange<Double>?
    /// The name of the horizontal axis, written at its right end.
    public var xTitle: String
    /// The name of the vertical axis, written above it.
    public var yTitle: String

    /// A plot of `points` in at most `width` cells across and `height`
    /// lines of plotting area.
    public init(points: [Point], width: Int = 80, height: Int = 20, xRange: ClosedRange<Double>? = nil,
                yRange: ClosedRange<Double>? = nil, xTitle: String = "", yTitle: String = "", labelLimit: Int = 12) {
        self.points = points
        self.labelLimit = labelLimit
        self.width = width
        self.height = height
        self.xRange = xRange
        self.yRange = yRange
        self.xTitle = xTitle
        self.yTitle = yTitle
    }

    /// Draws the plot.
    ///
    /// - Complexity: O(points + width × height + labels × width), labels
    ///   placed as ``placeLabels(_:on:limit:)`` says.
    public func render() -> Drawing {
        let width = max(12, self.width), height = max(2, self.height)
        let shown = points.filter { $0.x.isFinite && $0.y.isFinite }
        let xs = ScatterPlot.fitted(xRange, shown.map(\.x)), ys = ScatterPlot.fitted(yRange, shown.map(\.y))
        let yTicks = AxisTicks(lower: ys.lowerBound, upper: ys.upperBound, target: max(2, height / 4))
        var yLabels = ScatterPlot.tickLabels(yTicks)
        var labelWidth = yLabels.map(\.displayWidth).max() ?? 0
        if width - labelWidth - 2 < 8 {  // too narrow for tick labels and a plot: keep the plot
            (yLabels, labelWidth) = (yTicks.values.map { _ in "" }, 0)
        }
        let plotColumns = width - labelWidth - 2
        var canvas = BrailleCanvas(columns: plotColumns, rows: height)
        let column = { (x: Double) in ScatterPlot.position(x, in: xs, steps: canvas.dotColumns) }
        let row = { (y: Double) in canvas.dotRows - 1 - ScatterPlot.position(y, in: ys, steps: canvas.dotRows) }

        var drawn: [(point: Point, cellRow: Int, cellColumn: Int)] = []
        for p in shown where xs.contains(p.x) && ys.contains(p.y) {
            let (x, y) = (column(p.x), row(p.y))
            canvas.setDot(x: x, y: y)
            drawn.append((p, y / 4, x / 2))
        }
        let placed = ScatterPlot.placeLabels(drawn, on: &canvas, limit: labelLimit)

        var lines: [String] = []
        if !yTitle.isEmpty { lines.append(yTitle.truncated(toWidth: width)) }
        var tickLabels: [Int: String] = [:]
        for (value, text) in zip(yTicks.values, yLabels) where tickLabels[row(value) / 4] == nil {
            tickLabels[row(value) / 4] = text
        }
        for r in 0 ..< height {
            let label = (tickLabels[r] ?? "").padded(toWidth: labelWidth, alignment: .right)
            lines.append(label + " " + (tickLabels[r] == nil ? "│" : "┤") + canvas.line(r))
        }
        lines += xAxis(xs, plotColumns: plotColumns, indent: labelWidth + 1, width: width, column: column)
        let top = yTitle.isEmpty ? 0 : 1
        let labels = placed.map { label in
            PlacedLabel(text: label.text, line: top + label.row,
                        columns: labelWidth + 2 + label.column ..< labelWidth + 2 + label.column + label.text.displayWidth)
        }
        return Drawing(lines: lines.map { ScatterPlot.trimmed($0) }, labels: labels, drawnPoints: drawn.count)
    }

    /// The axis line with its ticks, the tick labels, and the axis title.
    private func xAxis(_ xs: ClosedRange<Double>, plotColumns: Int, indent: Int, width: Int,
                       column: (Double) -> Int) -> [String] {
        let ticks = AxisTicks(lower: xs.lowerBound, upper: xs.upperBound, target: max(2, plotColumns / 12))
        var axis = Array(repeating: "─", count: plotColumns)
        var labels = Array(repeating: Character(" "), count: width)
        var free = 0  // the first cell a next label may use (one blank after the last)
        for (value, label) in zip(ticks.values, ScatterPlot.tickLabels(ticks)) {
            let c = column(value) / 2
            guard c >= 0, c < plotColumns else { continue }
            axis[c] = "┬"
            let text = Array(label)
            let start = min(max(indent + 1 + c - text.count / 2, free), width - text.count)
            guard start >= free, start >= 0 else { continue }
            for (k, ch) in text.enumerated() { labels[start + k] = ch }
            free = start + text.count + 1
        }
        var lines = [String(repeating: " ", count: indent) + "└" + axis.joined()]
        var tickLine = String(labels)
        let title = xTitle.truncated(toWidth: width)
        if !title.isEmpty {
            // Beside the last tick label when it fits, else on a line of its own.
            let used = free + 1
            if used + title.displayWidth <= width {
                tickLine = String(labels.prefix(width - title.displayWidth)) + title
            } else {
                lines.append(ScatterPlot.trimmed(tickLine))
                tickLine = title.padded(toWidth: width, alignment: .right)
            }
        }
        lines.append(tickLine)
        return lines
    }

    /// The ticks' labels: compact from 100,000 up (`900M`, `1.2G`, as the
    /// SVG axes and the histogram's count axis write them) when that still
    /// tells every tick apart, else with the decimals the step needs.
    static func tickLabels(_ ticks: AxisTicks) -> [String] {
        let compact = ticks.values.map { abs($0) >= 1e5 ? ChartSVG.compact($0) : ticks.label($0) }
        return Set(compact).count == compact.count ? compact : ticks.values.map(ticks.label)
    }

    /// The range given, or the points' range, widened when it has no extent.
    static func fitted(_ given: ClosedRange<Double>?, _ values: [Double]) -> ClosedRange<Double> {
        if let given, given.lowerBound.isFinite, given.upperBound.isFinite, given.lowerBound < given.upperBound {
            return given
        }
        guard let low = values.min(), let high = values.max() else { return 0 ... 1 }
        if low < high { return low ... high }
        let pad = low == 0 ? 1 : abs(low) * 0.1
        return (low - pad) ... (low + pad)
    }

    /// The dot index (0 ..< steps) of `value` within `range`.
    static func position(_ value: Double, in range: ClosedRange<Double>, steps: Int) -> Int {
        let fraction = (value / 2 - range.lowerBound / 2) / (range.upperBound / 2 - range.lowerBound / 2)
        guard fraction.isFinite else { return 0 }
        return Int((min(1, max(0, fraction)) * Double(steps - 1)).rounded())
    }

    /// The line without trailing spaces.
    static func trimmed(_ line: String) -> String {
        var s = Substring(line)
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
