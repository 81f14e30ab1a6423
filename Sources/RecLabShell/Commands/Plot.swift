import Foundation
import RecLab

extension Verbs {
    /// `plot [TABLE] X [Y] [by day|month|year] [to PATH.svg]`.
    static let plot = Verb(
        name: "plot", group: .pictures,
        summary: "a line chart of Y against X, or of rows (or Y's mean) per day, month or year of a timestamp column",
        forms: ["plot [TABLE] X Y [to PATH.svg]", "plot [TABLE] X [Y|count] by day|month|year [to PATH.svg]"],
        example: """
            plot ratings timestamp by month                 # ratings per month, the whole history
            plot ratings timestamp rating by year           # the mean rating per year
            plot ratings timestamp by year to per-year.svg  # also written as SVG (800×500)
            s = stats ratings by movieId
            plot s count mean                               # mean rating against number of ratings
            """,
        notes: """
            With 'by', X holds Unix seconds (as MovieLens timestamps do) and each point is a
            calendar day, month or year in UTC: the number of rows in it, or the mean of Y
            when Y is a column. Empty periods count 0, so gaps show. Without 'by', the rows
            are joined in order of X. Over 4,000 rows, X's range is cut into 1,000 slices
            and each keeps its first and last row and its lowest and highest Y, so the line
            looks as it would through every row, spikes included, and draws at once.
            """,
        fills: ["X": .numericColumns, "Y": .numericColumns],
        gives: .picture
    ) { call in
        let table = try call.table(keywords: ["by", "to"], columnsFollow: true)
        let x = try ChartArguments.numericColumn(&call, of: table, what: "the X column", pairs: true)
        var y: (name: String, column: Column, token: Token)?
        if let t = call.arguments.peek, t.name != nil, !["by", "to"].contains(t.text.lowercased()) {
            if t.text.lowercased() == "count", table.index(of: t.text) == nil {
                _ = call.arguments.next()
            } else {
                y = try ChartArguments.numericColumn(&call, of: table, what: "the Y column", pairs: true)
            }
        }
        var unit: TimeSeries.Unit?
        if call.arguments.take("by") {
            let t = try call.arguments.expectName("day, month or year", usage: call.usage)
            guard let u = TimeSeries.Unit(rawValue: t.text.lowercased()) else {
                throw ShellError("expected day, month or year after 'by', found '\(t.text)'", at: t)
            }
            unit = u
        }
        let path = try ChartArguments.svgPath(&call)
        try call.arguments.expectEnd(usage: call.usage)

        let width = ChartArguments.width(call.session)
        let height = width >= 80 ? 16 : max(6, width / 5)
        if let unit {
            let series: TimeSeries
            do throws(RecLabError) {
                series = try TimeSeries(times: x.column, unit: unit, values: y?.column, cancel: call.session.cancellation)
            } catch {
                throw ShellError(error.message, at: error.message.contains("timestamp") || y == nil ? x.token : (y?.token ?? x.token))
            }
            let values = y == nil ? series.counts.map(Double.init) : series.means
            let yTitle = y.map { "mean \($0.name) per \(unit.rawValue)" } ?? "rows per \(unit.rawValue)"
            let points = zip(series.positions, values).map { (x: $0, y: $1) }
            let title = "\(yTitle), by \(x.name)"
            var text = LinePlot(points: points, width: width, height: height, xTitle: "year", yTitle: yTitle, fromZero: y == nil).render()
            if let first = series.labels.first, let last = series.labels.last {
                text += "\n\(NumberFormatting.counted(series.labels.count, unit.rawValue)), \(first) to \(last) (UTC)"
            } else {
                text += "\nnote: no timestamps to plot"
            }
            if series.skipped > 0 { text += "\nnote: \(NumberFormatting.counted(series.skipped, "row")) with missing values left out" }
            let svg = ChartSVG.line(points, title: title, xTitle: "year", yTitle: yTitle)
            return ChartArguments.picture(text: text, svg: svg, title: title, path: path, call: &call)
        }
        guard let y else {
            throw ShellError("say what to draw against \(x.name): a Y column, or 'by day|month|year' to count rows per period",
                             at: call.arguments.endToken)
        }
        let line: LinePoints
        do throws(RecLabError) {
            line = try LinePoints(x: x.column, y: y.column, cancel: call.session.cancellation)
        } catch {
            throw ShellError(error.message, at: x.token)
        }
        let points = line.points.map { (x: $0.x, y: $0.y) }
        let skipped = line.skipped
        let title = "\(y.name) by \(x.name)"
        var text = LinePlot(points: points, width: width, height: height, xTitle: x.name, yTitle: y.name, fromZero: false).render()
        if points.isEmpty { text += "\nnote: no rows with both \(x.name) and \(y.name) to plot" }
        if skipped > 0 { text += "\nnote: \(NumberFormatting.counted(skipped, "row")) with missing values left out" }
        let svg = ChartSVG.line(points, title: title, xTitle: x.name, yTitle: y.name)
        return ChartArguments.picture(text: text, svg: svg, title: title, path: path, call: &call)
    }
}
