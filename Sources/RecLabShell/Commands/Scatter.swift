import Foundation
import RecLab

extension Verbs {
    /// `scatter [TABLE] X Y [label COL] [to PATH.svg]`.
    static let scatter = Verb(
        name: "scatter", group: .pictures,
        summary: "a scatter plot of two numeric columns: braille dots in the terminal, an SVG file with 'to'",
        forms: ["scatter [TABLE] X Y [label COL] [to PATH.svg]"],
        example: """
            s = stats ratings by movieId
            scatter s count mean label title              # outliers labelled by title
            scatter s count mean label title to s.svg     # also written as SVG (800×500)
            """,
        notes: """
            Labels go to the points farthest from the middle of the cloud, farthest first:
            up to a dozen in the terminal, each beside its point, on the row above or below,
            or two rows away joined by ╎, where it touches no other label or point and
            hides few dots; 30 in the SVG. At most 20,000 points, evenly spaced through the
            table, are drawn in the SVG.
            """,
        fills: ["X": .numericColumns, "Y": .numericColumns],
        gives: .picture
    ) { call in
        let table = try call.table(keywords: ["label", "to"], columnsFollow: true)
        let x = try ChartArguments.numericColumn(&call, of: table, what: "the X column", pairs: true)
        let y = try ChartArguments.numericColumn(&call, of: table, what: "the Y column", pairs: true)
        var labels: Column?
        if call.arguments.take("label") {
            let name = try call.column(of: table, "the column to label points with")
            labels = table.columns[table.index(of: name) ?? 0]
        }
        let path = try ChartArguments.svgPath(&call)
        try call.arguments.expectEnd(usage: call.usage)

        var rows: [Int] = [], xs: [Double] = [], ys: [Double] = []
        for i in 0 ..< table.rowCount {
            guard let a = x.column.number(at: i), let b = y.column.number(at: i), a.isFinite, b.isFinite else { continue }
            rows.append(i)
            xs.append(a)
            ys.append(b)
        }
        let skipped = table.rowCount - rows.count
        let order = ScatterPlot.farthestFirst(x: xs, y: ys)
        let label = { (k: Int) -> String? in labels.flatMap { c in c.isMissing(rows[k]) ? nil : c.value(at: rows[k]).description } }
        let width = ChartArguments.width(call.session)
        let height = width >= 80 ? 20 : max(8, width / 4)
        let terminalPoints = order.enumerated().map { rank, k in
            ScatterPlot.Point(x: xs[k], y: ys[k], label: rank < 60 ? label(k).map { $0.truncated(toWidth: 22) } : nil)
        }
        var text = ScatterPlot(points: terminalPoints, width: width, height: height, xTitle: x.name, yTitle: y.name).render().text
        if rows.isEmpty { text += "\nnote: no rows with both \(x.name) and \(y.name) to draw" }
        if skipped > 0 { text += "\nnote: \(NumberFormatting.counted(skipped, "row")) with missing values left out" }

        let title = "\(y.name) against \(x.name)"
        let svgLabel = { (k: Int) -> String? in label(k).map { $0.truncated(toWidth: 30) } }
        let svg = ChartSVG.scatter(Verbs.svgPoints(xs, ys, order: order, label: svgLabel), title: title, xTitle: x.name, yTitle: y.name)
        return ChartArguments.picture(text: text, svg: svg, title: title, path: path, call: &call)
    }

    /// At most `limit` points (evenly spaced, keeping the `labelled`
    /// farthest), the farthest `labelled` carrying their labels.
    static func svgPoints(_ xs: [Double], _ ys: [Double], order: [Int], label: (Int) -> String?,
                          labelled: Int = 30, limit: Int = 20_000) -> [(x: Double, y: Double, label: String?)] {
        let top = Set(order.prefix(labelled))
        let stride = max(1, (xs.count + limit - 1) / limit)
        return xs.indices.compactMap { k in
            if top.contains(k) { return (xs[k], ys[k], label(k)) }
            return k % stride == 0 ? (xs[k], ys[k], nil) : nil
        }
    }
}
