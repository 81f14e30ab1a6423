import RecLab

/// Text and tables in the order a verb shows them, as the parts of an
/// ``Outcome/report(_:)``: so a notebook (and a Jupyter front end) keeps
/// each table as a table, not as box-drawing inside text, and the report's
/// table can be bound or piped (`n = explain jabril 318`).
struct ReportBuilder {
    private var parts: [ReportPart] = []
    private var text = ""

    /// Adds text, joined to the text before it.
    mutating func add(_ more: String) { text += more }

    /// Adds a table, shown whole.
    mutating func add(_ table: Table) {
        flushText()
        parts.append(.table(table, rows: table.rowCount))
    }

    /// The parts, the last text included.
    func finished() -> [ReportPart] {
        var copy = self
        copy.flushText()
        return copy.parts
    }

    private mutating func flushText() {
        if !text.isEmpty { parts.append(.text(text)) }
        text = ""
    }
}
