import RecLab

/// A line chart in the terminal: the points joined by braille dots, drawn
/// on a ``ScatterPlot`` (its axes and ticks) with the segments filled in.
struct LinePlot {
    /// The points, in the order they are joined.
    var points: [(x: Double, y: Double)]
    /// The widest a line may be, in cells.
    var width: Int
    /// The height of the plotting area, in lines.
    var height: Int
    /// The names of the axes.
    var xTitle: String, yTitle: String
    /// Whether the vertical axis starts at zero (for counts).
    var fromZero = true

    /// Draws the line.
    ///
    /// - Complexity: O(points + width × height).
    func render() -> String {
        var shown = points.filter { $0.x.isFinite && $0.y.isFinite }
        // More points than dot columns (a thinned 33.8M-row line keeps 4,000):
        // four per dot column draw the same dots, with far fewer segments to fill in.
        if shown.count > 8 * width, zip(shown, shown.dropFirst()).allSatisfy({ $0.x <= $1.x }) {
            shown = LinePoints.thinned(shown.map { LinePoints.Point(x: $0.x, y: $0.y) }, slices: 2 * width).map { ($0.x, $0.y) }
        }
        let ys = shown.map(\.y), xs = shown.map(\.x)
        // Counts start at zero so their size is read honestly.
        let low = fromZero ? min(0, ys.min() ?? 0) : (ys.min() ?? 0), high = ys.max() ?? 1
        let yRange: ClosedRange<Double>? = low < high ? low ... high : nil
        let xSpan = max((xs.max() ?? 1) - (xs.min() ?? 0), .leastNormalMagnitude), ySpan = max(high - low, .leastNormalMagnitude)
        // Enough steps per segment that neighbouring dots touch: as many as
        // the dots it spans across or down (2 per cell across, 4 down).
        var dense: [ScatterPlot.Point] = []
        for (a, b) in zip(shown, shown.dropFirst()) {
            let across = abs(b.x - a.x) / xSpan * Double(2 * width), down = abs(b.y - a.y) / ySpan * Double(4 * height)
            let steps = max(1, min(400, Int(max(across, down).rounded(.up))))
            for k in 0 ..< steps {
                let f = Double(k) / Double(steps)
                dense.append(.init(x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f))
            }
        }
        if let last = shown.last { dense.append(.init(x: last.x, y: last.y)) }
        return ScatterPlot(points: dense, width: width, height: height, yRange: yRange, xTitle: xTitle, yTitle: yTitle)
            .render().text
    }
}
