extension TableRenderer {
    /// `table` as a GitHub-Markdown table, for notebook export: the same
    /// cells and row limit as ``render(_:)`` but no width limit, numbers
    /// right-aligned by the delimiter row, and Markdown's special characters
    /// in cells escaped (`|` → `\|`). Footer lines follow after a blank line
    /// so Markdown does not read them as rows. No final newline.
    public func renderMarkdown(_ table: Table) -> String {
        if table.columns.isEmpty { return "(empty table)" }
        let shown = ShownCells(table, maxRows: maxRows, formatter: cellFormatter)
        return TableRenderer.markdownTable(
            headers: shown.columns.map(\.header),
            rows: (0..<shown.rowCount).map { row in shown.columns.map { $0.cells[row] } },
            alignments: shown.columns.map(\.alignment), footer: shown.footerLines)
    }

    /// The lines of a GitHub-Markdown table of cells already formatted:
    /// Markdown's special characters escaped, columns padded (Markdown does
    /// not need it, but the exported source stays readable), the delimiter
    /// row aligning each column, and the footer after a blank line so
    /// Markdown does not read it as rows. No final newline.
    static func markdownTable(headers: [String], rows: [[String]], alignments: [CellAlignment],
                              footer: [String]) -> String {
        let headers = headers.map(markdownEscaped)
        let cells = rows.map { $0.map(markdownEscaped) }
        let widths = headers.indices.map { column in
            cells.reduce(max(3, headers[column].displayWidth)) { max($0, $1[column].displayWidth) }
        }
        func line(_ texts: [String]) -> String {
            "| " + texts.indices.map { texts[$0].padded(toWidth: widths[$0], alignment: alignments[$0]) }
                .joined(separator: " | ") + " |"
        }
        var lines = [line(headers)]
        lines.append("|" + widths.indices.map { column in
            let dashes = String(repeating: "-", count: widths[column] + 1)
            return alignments[column] == .right ? dashes + ":" : ":" + dashes
        }.joined(separator: "|") + "|")
        lines += cells.map(line)
        if !footer.isEmpty { lines += [""] + footer }
        return lines.joined(separator: "\n")
    }

    /// `text` with the characters that Markdown would read as table
    /// structure, emphasis, code, links or HTML escaped with a backslash.
    static func markdownEscaped(_ text: String) -> String {
        let special: Set<Character> = ["\\", "|", "*", "_", "`", "<", ">", "[", "]"]
        guard text.contains(where: special.contains) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 4)
        for character in text {
            if special.contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }
}
