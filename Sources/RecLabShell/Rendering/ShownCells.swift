/// The part of a table a renderer shows, already formatted: headers and the
/// text of the first rows of each column, plus what the footer says about
/// the rows left out.
struct ShownCells {
    /// One column's formatted header and cells.
    struct ShownColumn {
        /// The column name, cut and with control characters made visible
        /// (``CellFormatter/shown(_:)``).
        var header: String
        /// The formatted cells of the shown rows.
        var cells: [String]
        /// Where the header and cells sit in the column.
        var alignment: CellAlignment
        /// Whether the column holds numbers (which are never cut to fit).
        var isNumeric: Bool
        /// The widest of the header and cells, at least 1.
        var naturalWidth: Int
    }

    /// The columns, in table order.
    var columns: [ShownColumn]
    /// How many rows are shown.
    var rowCount: Int
    /// How many rows the table has.
    var totalRowCount: Int

    /// Formats the first `maxRows` rows of `table`, reading no other row.
    init(_ table: Table, maxRows: Int, formatter: CellFormatter) {
        let shownRows = min(table.rowCount, max(0, maxRows))
        rowCount = shownRows
        totalRowCount = table.rowCount
        columns = table.columns.map { column in
            let header = CellFormatter.shown(column.name)
            let cells = formatter.format(column, rows: 0..<shownRows)
            let width = cells.reduce(header.displayWidth) { Swift.max($0, $1.displayWidth) }
            return ShownColumn(
                header: header, cells: cells, alignment: CellFormatter.alignment(of: column),
                isNumeric: column.type.isNumeric, naturalWidth: Swift.max(1, width))
        }
    }

    /// How to see the rows a truncated table leaves out.
    static let showAllHint = "(set rows all)"

    /// The lines under the table about rows: `(no rows)` for an empty
    /// table, `… N more rows (set rows all)` when rows were left out (and
    /// how to see them), else nothing.
    var footerLines: [String] {
        if totalRowCount == 0 { return ["(no rows)"] }
        let hidden = totalRowCount - rowCount
        if hidden > 0 { return ["… \(NumberFormatting.grouped(hidden)) more \(hidden == 1 ? "row" : "rows") \(ShownCells.showAllHint)"] }
        return []
    }
}
