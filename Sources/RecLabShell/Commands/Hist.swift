import Foundation
import RecLab

extension Verbs {
    /// `hist [TABLE] COL [COL…] [bins N] [log] [to PATH.svg]`.
    static let hist = Verb(
        name: "hist", group: .pictures,
        summary: "a histogram of a numeric column: bars in the terminal, an SVG file with 'to'",
        forms: ["hist [TABLE] COL [COL …] [bins N] [log] [to PATH.svg]"],
        example: """
            hist ratings rating                     # one bar per half star
            stats ratings by movieId | hist count log
            hist ratings rating to ratings.svg      # also written as SVG (800×500)
            hist before.mean after.mean bins 20     # two tables' columns overlaid, same bins
            """,
        notes: """
            Ratings in steps of 0.5 get one bar per half star, small integer ranges one bar
            per value; other columns about log2(n)+1 bins of a round width (at most 40),
            or about N with 'bins N' (1 to 1000). 'log' draws counts on a log scale
            (power laws: ratings per movie, per user) starting at a count of 1: a bin of
            1 is a stub (▌), an empty bin has no bar. Missing cells are left out, with a
            note. Several columns (TABLE.COL names another table's column) are counted on
            the same bins and drawn over each other.
            """,
        fills: ["COL": .numericColumns],
        gives: .picture
    ) { call in
        // `hist before.mean after.mean`: the first word names its own table.
        let qualified = call.arguments.peek.flatMap { t in
            t.text.firstIndex(of: ".").flatMap { call.session.workspace.table(String(t.text[..<$0])) }
        }
        let table = try call.input == nil ? qualified ?? call.table(columnsFollow: true) : call.table(columnsFollow: true)
        var columns: [(name: String, column: Column, token: Token)] = []
        repeat {
            columns.append(try ChartArguments.numericColumn(&call, of: table))
        } while columns.count < 4 && call.arguments.peek.map { t in
            t.name != nil && !["bins", "log", "to"].contains(t.text.lowercased())
        } == true
        var binning = Histogram.Binning.automatic
        var log = false
        var path: Token?
        while let t = call.arguments.peek {
            if call.arguments.take("bins") {
                binning = .count(try call.arguments.expectInteger("the number of bins", in: 1 ... 1000, usage: call.usage))
            } else if call.arguments.take("log") {
                log = true
            } else if t.isWord("to") {
                path = try ChartArguments.svgPath(&call)
            } else {
                break
            }
        }
        try call.arguments.expectEnd(usage: call.usage)

        let cancel = call.session.cancellation
        var series: [(name: String, histogram: Histogram)] = []
        do throws(RecLabError) {
            let first = try Histogram(column: columns[0].column, binning: binning, cancel: cancel)
            series.append((columns[0].name, first))
            if columns.count > 1 {
                let merged = try Histogram.sharedEdges(columns.map(\.column), binning: binning, cancel: cancel)
                series = []
                for c in columns {
                    var h = try Histogram(column: c.column, binning: binning, edges: merged.edges, cancel: cancel)
                    h.isDiscrete = merged.isDiscrete
                    series.append((c.name, h))
                }
            }
        } catch {
            throw ShellError(error.message, at: columns[0].token)
        }
        let title = "histogram of " + columns.map(\.name).joined(separator: " and ")
        var text = HistogramBars(series: series, log: log, width: ChartArguments.width(call.session)).render()
        for (name, h) in series {
            if h.total == 0 { text += "\nnote: \(name) has no values to count" }
            if h.skipped > 0 { text += "\nnote: \(NumberFormatting.counted(h.skipped, "missing cell")) of \(name) left out" }
        }
        let svg = ChartSVG.histogram(series, title: title, xTitle: columns.count == 1 ? columns[0].name : "value", log: log)
        return ChartArguments.picture(text: text, svg: svg, title: title, path: path, call: &call)
    }
}
