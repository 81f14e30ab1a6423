extension TableRenderer {
    /// `table` as a GitHub-Markdown table, for notebook export: the same
    /// cells and row limit as ``render(_:)`` but no width limit, numbers
    /// right-aligned by the delimiter row, and Markdown's special characters
    /// in cells escaped (`|` → `\|`). Footer lines follow after a blank line
    /// so Markdown does not read them as rows. No final newline.
    public func renderMarkdown(_ table: Table) -> String {
        if table.columns.isEmpty { return "(empty table)" }
        let shown = ShownCells(table, maxRows: maxRows, formatter: cellFormatter)
        let headers = shown.columns.map { TableRenderer.markdownEscaped($0.header) }
        let cells = shown.columns.map { $0.cells.map(TableRenderer.markdownEscaped) }
        let alignments = shown.columns.map(\.alignment)
        // Padding is not needed by Markdown, but keeps the exported source readable.
        let widths = shown.columns.indices.map { column in
            cells[column].reduce(max(3, headers[column].displayWidth)) { max($0, $1.displayWidth) }
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
        for row in 0..<shown.rowCount {
            lines.append(line(cells.map { $0[row] }))
        }
        let footer = shown.footerLines
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
