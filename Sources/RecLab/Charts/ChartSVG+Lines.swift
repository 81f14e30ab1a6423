extension ChartSVG {
    /// Several lines on one set of axes, each with a dot at every point and
    /// a legend when there is more than one, the vertical axis fitted to the
    /// values (not from 0: the differences are the point). `xTicks` labels
    /// the horizontal axis (``tune`` puts one per value tried).
    ///
    /// - Complexity: O(points).
    public static func lines(_ series: [(name: String, points: [(x: Double, y: Double)])], title: String,
                             xTitle: String, yTitle: String, xTicks: [Tick]) -> SVGDocument {
        let shown = series.map { s in (s.name, s.points.filter { $0.x.isFinite && $0.y.isFinite }) }
        let all = shown.flatMap(\.1)
        let xs = fitted(all.map(\.x) + xTicks.map(\.value)), ys = fitted(all.map(\.y))
        let padX = max((xs.upperBound - xs.lowerBound) * 0.04, 0.2), padY = (ys.upperBound - ys.lowerBound) * 0.08
        // Room at the top for the legend.
        let legend = shown.count > 1 ? Frame.legendHeight(rows: shown.count) / Frame.plotHeight : 0
        let top = ys.upperBound + padY + (ys.upperBound - ys.lowerBound + 2 * padY) * legend
        var frame = Frame(x: xs.lowerBound - padX ... xs.upperBound + padX, y: ys.lowerBound - padY ... top)
        frame.axes(title: title, xTitle: xTitle, yTitle: yTitle, xTicks: xTicks, yTicks: ticks(frame.y, target: 6))
        for (k, s) in shown.enumerated() {
            let colour = colours[k % colours.count]
            frame.svg.polyline(s.1.map { (frame.px($0.x), frame.py($0.y)) }, stroke: colour)
            for p in s.1 { frame.svg.circle(x: frame.px(p.x), y: frame.py(p.y), radius: 3.5, fill: colour) }
        }
        frame.legend(shown.map(\.0), opacity: 1)
        return frame.svg
    }
}
