import Foundation

/// SVG charts at 800 × 500: a title, a plotting area with axes, round
/// ticks and axis titles, and bars, a line or dots.
public enum ChartSVG {
    /// Colours of successive series: blue, orange (readable when overlaid).
    public static let colours = ["#3b6fb6", "#e0782f", "#3a9a5b", "#b03a6f"]

    /// One labelled tick.
    public typealias Tick = (value: Double, label: String)

    /// Where the plotting area lies and how values map onto it.
    struct Frame {
        var svg = SVGDocument(width: 800, height: 500)
        let left = 90.0, right = 770.0, top = 60.0, bottom = 430.0
        var x: ClosedRange<Double>
        var y: ClosedRange<Double>

        func px(_ v: Double) -> Double { left + (v - x.lowerBound) / span(x) * (right - left) }
        func py(_ v: Double) -> Double { bottom - (v - y.lowerBound) / span(y) * (bottom - top) }
        private func span(_ r: ClosedRange<Double>) -> Double { r.upperBound > r.lowerBound ? r.upperBound - r.lowerBound : 1 }

        /// Title, axes, ticks with labels and light grid lines, axis titles.
        mutating func axes(title: String, xTitle: String, yTitle: String, xTicks: [Tick], yTicks: [Tick]) {
            svg.text(title, x: 400, y: 32, anchor: "middle", size: 18, bold: true)
            for t in yTicks where y.contains(t.value) {
                let p = py(t.value)
                svg.line(x1: left, y1: p, x2: right, y2: p, stroke: "#e4e4e4")
                svg.line(x1: left - 5, y1: p, x2: left, y2: p)
                svg.text(t.label, x: left - 8, y: p + 4, anchor: "end")
            }
            for t in xTicks where x.contains(t.value) {
                let p = px(t.value)
                svg.line(x1: p, y1: bottom, x2: p, y2: bottom + 5)
                svg.text(t.label, x: p, y: bottom + 20, anchor: "middle")
            }
            svg.line(x1: left, y1: bottom, x2: right, y2: bottom)
            svg.line(x1: left, y1: top, x2: left, y2: bottom)
            svg.text(xTitle, x: (left + right) / 2, y: bottom + 48, anchor: "middle", size: 14)
            svg.text(yTitle, x: 24, y: (top + bottom) / 2, anchor: "middle", size: 14, rotate: -90)
        }

        /// The plotting area's height in pixels.
        static var plotHeight: Double { Frame(x: 0 ... 1, y: 0 ... 1).bottom - Frame(x: 0 ... 1, y: 0 ... 1).top }

        /// The pixels a legend of `rows` series takes from the top of the
        /// plotting area, with a gap under it.
        static func legendHeight(rows: Int) -> Double { 8 + 20 * Double(rows) + 8 }

        /// A legend in the top right corner, one swatch per series.
        mutating func legend(_ names: [String], opacity: Double) {
            guard names.count > 1 else { return }
            for (k, name) in names.enumerated() {
                let y = top + 8 + Double(k) * 20
                svg.rect(x: right - 160, y: y, width: 14, height: 14, fill: colours[k % colours.count], opacity: opacity)
                svg.text(name, x: right - 140, y: y + 12)
            }
        }
    }

    /// Round ticks over `range` labelled with their values.
    static func ticks(_ range: ClosedRange<Double>, target: Int) -> [Tick] {
        let t = AxisTicks(lower: range.lowerBound, upper: range.upperBound, target: target)
        return t.values.map { ($0, abs($0) >= 1e5 ? compact($0) : t.label($0)) }
    }

    /// Vertical bars of one or more histograms on the same edges (drawn
    /// translucent over each other when several), counts on a log scale
    /// when asked: from 1 at the bottom, a count of 1 drawn as a 3-pixel
    /// stub so it differs from an empty bin.
    ///
    /// - Complexity: O(series × bins).
    public static func histogram(_ series: [(name: String, histogram: Histogram)], title: String, xTitle: String,
                                 log: Bool) -> SVGDocument {
        let edges = series.first?.histogram.edges ?? [0, 1]
        let most = Double(series.flatMap(\.histogram.counts).max() ?? 0)
        // A log axis runs from a count of 1 (log 0 has no place on it) to the
        // next power of ten; heights are in decades.
        let height = { (c: Int) -> Double in log ? (c > 0 ? log10(Double(c)) : 0) : Double(c) }
        // Several series get a legend in the top right corner: the axis goes
        // high enough that no bar reaches under it.
        let reserved = series.count > 1 ? Frame.legendHeight(rows: series.count) / (Frame.plotHeight) : 0
        let top = log ? max(max(1, log10(max(1, most)).rounded(.up)) + 0.001, log10(max(1, most)) / (1 - reserved))
            : max(1, most * 1.05 / (1 - reserved))
        var frame = Frame(x: (edges.first ?? 0) ... (edges.last ?? 1), y: 0 ... top)
        var yTicks: [Tick] = []
        if log {
            for k in 0 ... Int(top) { yTicks.append((Double(k), compact(pow(10, Double(k))))) }
        } else {
            yTicks = ticks(0 ... top, target: 6)
        }
        var xTicks: [Tick]
        let discrete = series.first?.histogram.isDiscrete ?? false
        if discrete, edges.count <= 31 {
            xTicks = zip(edges, edges.dropFirst()).map { (($0 + $1) / 2, SVGDocument.number(($0 + $1) / 2)) }
        } else {
            xTicks = ticks(frame.x, target: 8)
        }
        frame.axes(title: title, xTitle: xTitle, yTitle: log ? "count (log scale)" : "count", xTicks: xTicks, yTicks: yTicks)
        let opacity = series.count > 1 ? 0.55 : 1
        for (k, s) in series.enumerated() {
            for (b, c) in s.histogram.counts.enumerated() where c > 0 && b + 1 < edges.count {
                let (x0, x1) = (frame.px(edges[b]), frame.px(edges[b + 1]))
                // A count of 1 sits on a log axis' start: a 3-pixel stub shows
                // it. On a linear axis a hairline keeps small counts visible,
                // as the terminal's eighth-block does.
                let y = min(frame.py(height(c)), frame.bottom - (log ? 3 : 1))
                let gap = x1 - x0 > 6 ? 1.0 : 0
                frame.svg.rect(x: x0 + gap, y: y, width: x1 - x0 - 2 * gap, height: frame.bottom - y,
                               fill: colours[k % colours.count], opacity: opacity)
            }
        }
        frame.legend(series.map(\.name), opacity: opacity)
        return frame.svg
    }

    /// A line through `points` (in the order given), with `xTicks` when
    /// the caller labels the horizontal axis itself (dates).
    ///
    /// - Complexity: O(points).
    public static func line(_ points: [(x: Double, y: Double)], title: String, xTitle: String, yTitle: String,
                            xTicks given: [Tick]? = nil) -> SVGDocument {
        let shown = points.filter { $0.x.isFinite && $0.y.isFinite }
        let xs = fitted(shown.map(\.x)), ys = fitted(shown.map(\.y) + [0])
        var frame = Frame(x: xs, y: ys.lowerBound ... ys.upperBound + (ys.upperBound - ys.lowerBound) * 0.05)
        frame.axes(title: title, xTitle: xTitle, yTitle: yTitle, xTicks: given ?? ticks(xs, target: 8),
                   yTicks: ticks(frame.y, target: 6))
        frame.svg.polyline(shown.map { (frame.px($0.x), frame.py($0.y)) }, stroke: colours[0])
        return frame.svg
    }

    /// Every point as a dot, and the labelled ones' labels beside them.
    ///
    /// - Complexity: O(points).
    public static func scatter(_ points: [(x: Double, y: Double, label: String?)], title: String, xTitle: String,
                               yTitle: String) -> SVGDocument {
        let shown = points.filter { $0.x.isFinite && $0.y.isFinite }
        let xs = fitted(shown.map(\.x)), ys = fitted(shown.map(\.y))
        let padX = (xs.upperBound - xs.lowerBound) * 0.04, padY = (ys.upperBound - ys.lowerBound) * 0.04
        var frame = Frame(x: xs.lowerBound - padX ... xs.upperBound + padX, y: ys.lowerBound - padY ... ys.upperBound + padY)
        frame.axes(title: title, xTitle: xTitle, yTitle: yTitle, xTicks: ticks(frame.x, target: 8), yTicks: ticks(frame.y, target: 6))
        let radius = shown.count > 5000 ? 1.5 : 3
        for p in shown { frame.svg.circle(x: frame.px(p.x), y: frame.py(p.y), radius: radius, fill: colours[0], opacity: 0.6) }
        // Labels in the order given (most important first), each skipped
        // when it would overlap one already placed; flipped left near the right edge.
        var placed: [(x: Double, y: Double, w: Double)] = []
        for p in shown {
            guard let label = p.label, !label.isEmpty else { continue }
            let w = Double(label.count) * 6.2, px = frame.px(p.x), py = frame.py(p.y) - 4
            let left = px + 5 + w > 795 ? px - 5 - w : px + 5
            guard !placed.contains(where: { abs($0.y - py) < 12 && left < $0.x + $0.w + 4 && $0.x < left + w + 4 }) else { continue }
            placed.append((left, py, w))
            frame.svg.text(label, x: left, y: py, size: 11)
        }
        return frame.svg
    }

    /// `250k`, `1.25M`, `3G`: large tick values short enough to read.
    public static func compact(_ v: Double) -> String {
        let a = abs(v)
        let (scaled, suffix): (Double, String) = a >= 1e9 ? (v / 1e9, "G") : a >= 1e6 ? (v / 1e6, "M") : a >= 1e3 ? (v / 1e3, "k") : (v, "")
        return SVGDocument.number(scaled) + suffix
    }

    /// The values' range, widened when it has no extent.
    static func fitted(_ values: [Double]) -> ClosedRange<Double> {
        guard let low = values.min(), let high = values.max() else { return 0 ... 1 }
        if low < high { return low ... high }
        let pad = low == 0 ? 1 : abs(low) * 0.1
        return (low - pad) ... (low + pad)
    }
}
