/// Draws tables for the terminal as Unicode box tables:
///
/// ```
/// ┌────────┬─────────┬────────┬───────────┐
/// │ userId │ movieId │ rating │ timestamp │
/// ├────────┼─────────┼────────┼───────────┤
/// │      1 │       1 │    4.0 │ 964982703 │
/// └────────┴─────────┴────────┴───────────┘
/// … 100,835 more rows
/// ```
///
/// Only the shown rows are read, so drawing the head of a table of tens of
/// millions of rows costs the same as drawing a small one.
public struct TableRenderer: Sendable {
    /// The most rows drawn; the rest are counted in a `… N more rows` line.
    public var maxRows: Int
    /// The widest, in terminal cells, any line of the output may be (the
    /// terminal's width), or `nil` for no limit. Limits below 5 count as 5.
    public var maxWidth: Int?
    /// Digits after the point for computed decimals.
    public var precision: Int
    /// What a missing cell shows; empty by default.
    public var missingMarker: String
    /// Whether Unix-second columns show as dates (``CellFormatter/dates``).
    public var dates: Bool
    /// How ``render(_:)`` draws a table (`set mode`).
    public var mode: TableMode

    /// Creates a renderer.
    public init(maxRows: Int = 20, maxWidth: Int? = 100, precision: Int = 4, missingMarker: String = "", dates: Bool = false,
                mode: TableMode = .box) {
        self.mode = mode
        self.maxRows = maxRows
        self.maxWidth = maxWidth
        self.precision = precision
        self.missingMarker = missingMarker
        self.dates = dates
    }

    /// The formatter this renderer uses for cells.
    public var cellFormatter: CellFormatter {
        CellFormatter(precision: precision, missingMarker: missingMarker, dates: dates)
    }

    /// `table` drawn in ``mode``: its shown rows, then any footer lines,
    /// lines separated by `\n`, with no final newline. A table without
    /// columns is `(empty table)`.
    ///
    /// - Complexity: O(shown rows × columns), independent of the table's size.
    public func render(_ table: Table) -> String {
        if table.columns.isEmpty { return "(empty table)" }
        switch mode {
        case .box: return renderBox(table)
        case .markdown: return renderMarkdown(table)
        case .csv: return renderDelimited(table, delimiter: UInt8(ascii: ","))
        case .tsv: return renderDelimited(table, delimiter: 9)
        case .json: return renderJSON(table)
        }
    }

    /// `table` as a box table followed by any footer lines (`… N more rows`,
    /// `… and K more columns: a, b`, `(no rows)`), lines separated by `\n`,
    /// with no final newline.
    ///
    /// - Complexity: O(shown rows × columns), independent of the table's size.
    public func renderBox(_ table: Table) -> String {
        if table.columns.isEmpty { return "(empty table)" }
        let shown = ShownCells(table, maxRows: maxRows, formatter: cellFormatter)
        let natural = shown.columns.map(\.naturalWidth)
        let layout = TableLayout.fit(natural: natural, isText: shown.columns.map { !$0.isNumeric }, maxWidth: maxWidth)
        let columns = Array(shown.columns.prefix(layout.widths.count))
        let widths = layout.widths

        var lines: [String] = []
        lines.reserveCapacity(shown.rowCount + 6)
        lines.append(TableRenderer.border(widths, left: "┌", middle: "┬", right: "┐"))
        lines.append(TableRenderer.row(widths, columns.map(\.header), columns.map(\.alignment)))
        if shown.rowCount > 0 {
            lines.append(TableRenderer.border(widths, left: "├", middle: "┼", right: "┤"))
            for row in 0..<shown.rowCount {
                lines.append(TableRenderer.row(widths, columns.map { $0.cells[row] }, columns.map(\.alignment)))
            }
        }
        lines.append(TableRenderer.border(widths, left: "└", middle: "┴", right: "┘"))

        var footer = shown.footerLines
        let dropped = shown.columns.dropFirst(columns.count).map(\.header)
        if !dropped.isEmpty {
            let noun = dropped.count == 1 ? "column" : "columns"
            footer.append("… and \(NumberFormatting.grouped(dropped.count)) more \(noun): \(dropped.joined(separator: ", "))")
        }
        if let maxWidth {
            let limit = max(maxWidth, TableLayout.minimumWidth)
            // A hint that does not fit is left out rather than cut.
            footer = footer.map { line in
                let hint = " " + ShownCells.showAllHint
                let bare = line.displayWidth > limit && line.hasSuffix(hint) ? String(line.dropLast(hint.count)) : line
                return bare.truncated(toWidth: limit)
            }
        }
        return (lines + footer).joined(separator: "\n")
    }

    /// A one-line description of a bound table: `ratings: 100,836 rows × 4 columns`.
    public static func summary(name: String, table: Table) -> String {
        "\(name): \(NumberFormatting.counted(table.rowCount, "row")) × \(NumberFormatting.counted(table.columns.count, "column"))"
    }

    /// A horizontal rule: `┌──────┬─────┐` and its kin.
    static func border(_ widths: [Int], left: String, middle: String, right: String) -> String {
        left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: middle) + right
    }

    /// One line of cells, each fitted to its column's width: cut with `…`
    /// when too wide, padded on the side its alignment leaves open.
    static func row(_ widths: [Int], _ texts: [String], _ alignments: [CellAlignment]) -> String {
        var line = "│"
        for (column, width) in widths.enumerated() {
            let text = texts[column].truncated(toWidth: width)
            line += " " + text.padded(toWidth: width, alignment: alignments[column]) + " │"
        }
        return line
    }
}
