import Foundation

extension Notebook {
    /// A file a notebook export writes beside the notebook (a chart's SVG).
    public struct Attachment: Sendable, Equatable {
        /// The path relative to the notebook's folder, as linked.
        public var path: String
        /// The file's text.
        public var contents: String
    }

    /// The notebook as Markdown: prose as paragraphs, each command in a
    /// fenced code block, then its output: text in a plain fenced block (so
    /// alignment survives), tables as Markdown tables, errors as a quoted
    /// `**error:**` line, and pictures as links to SVG files in the folder
    /// `filesFolder` (returned as attachments to write there).
    ///
    /// - Complexity: O(size of the recorded output).
    public func markdown(title: String, filesFolder: String) -> (text: String, attachments: [Attachment]) {
        var parts = ["# \(title)"]
        var attachments: [Attachment] = []
        var cellNumber = 0
        let entries = finishedCells
        if !entries.contains(where: { $0.command != nil }) {
            parts.append("_This session has no cells yet._")
        }
        for entry in entries {
            if let command = entry.command {
                cellNumber += 1
                parts.append(Notebook.fenced(command, language: "reclab"))
            }
            var pictureNumber = 0
            for block in entry.blocks {
                switch block {
                case .prose(let text):
                    let trimmed = text.trimmingCharacters(in: .newlines)
                    if !trimmed.isEmpty { parts.append(trimmed) }
                case .text(let text):
                    let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
                    if !body.isEmpty { parts.append(Notebook.fenced(body, language: "text")) }
                case .table(let table):
                    parts.append(table.markdown)
                case .error(let message):
                    parts.append("> **error:** " + TableRenderer.markdownEscaped(message))
                case .picture(let svg, let title, _):
                    pictureNumber += 1
                    let name = "cell-\(cellNumber)" + (pictureNumber > 1 ? "-\(pictureNumber)" : "") + ".svg"
                    let path = filesFolder + "/" + name
                    attachments.append(Attachment(path: path, contents: svg))
                    parts.append("![\(TableRenderer.markdownEscaped(title))](\(Notebook.linkEscaped(path)))")
                }
            }
        }
        return (parts.joined(separator: "\n\n") + "\n", attachments)
    }

    /// `text` in a fenced code block whose fence is longer than any run of
    /// backticks inside it.
    static func fenced(_ text: String, language: String) -> String {
        var longest = 0, run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return fence + language + "\n" + text + "\n" + fence
    }

    /// A relative link with the characters that would end it percent-encoded.
    static func linkEscaped(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(.init(charactersIn: "()"))) ?? path
    }
}

extension NotebookTable {
    /// The table as a GitHub-Markdown table, written as
    /// ``TableRenderer/renderMarkdown(_:)`` writes one: numbers
    /// right-aligned by the delimiter row, `|` and the like escaped, the
    /// footer after a blank line.
    var markdown: String {
        if headers.isEmpty { return footer.joined(separator: "\n") }
        let table = TableRenderer.markdownTable(headers: headers, rows: rows,
                                                alignments: rightAligned.map { $0 ? .right : .left }, footer: footer)
        return caption.map { $0 + "\n\n" + table } ?? table
    }
}
