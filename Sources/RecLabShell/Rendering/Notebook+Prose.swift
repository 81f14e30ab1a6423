import Foundation
import RecLab

extension Notebook {
    /// A prose entry (comment lines) as HTML, read as the Markdown a
    /// notebook's text is: `#` headings (one level below the page's title),
    /// `-`/`*` and `1.` lists, paragraphs split by blank lines, and inline
    /// `code`, **strong**, *emphasis* or _emphasis_, and [links](https://…).
    /// The Markdown export keeps the text as it is, so both read the same.
    ///
    /// - Complexity: O(characters).
    static func proseBlocksHTML(_ text: String) -> String {
        var html = ""
        var paragraph: [String] = []
        var list: (ordered: Bool, items: [String])?
        func flush() {
            if !paragraph.isEmpty {
                html += "<p class=\"prose\">\(paragraph.map(inlineHTML).joined(separator: "\n"))</p>\n"
                paragraph = []
            }
            if let open = list {
                let tag = open.ordered ? "ol" : "ul"
                html += "<\(tag) class=\"prose\">" + open.items.map { "<li>\(inlineHTML($0))</li>" }.joined() + "</\(tag)>\n"
                list = nil
            }
        }
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { flush(); continue }
            if let (level, heading) = heading(line) {
                flush()
                html += "<h\(level)>\(inlineHTML(heading))</h\(level)>\n"
            } else if let (ordered, item) = listItem(line) {
                if !paragraph.isEmpty || list.map({ $0.ordered != ordered }) == true { flush() }
                list = (ordered, (list?.items ?? []) + [item])
            } else if var open = list, !open.items.isEmpty, raw.hasPrefix("  ") {
                // An indented line goes on with the item above it.
                open.items[open.items.count - 1] += " " + line
                list = open
            } else {
                if list != nil { flush() }
                paragraph.append(line)
            }
        }
        flush()
        return html
    }

    /// `## Title` as (3, "Title"): Markdown's level plus one, the page's
    /// own title being the only `<h1>`; at most `<h6>`.
    private static func heading(_ line: String) -> (Int, String)? {
        let marks = line.prefix { $0 == "#" }.count
        guard (1...6).contains(marks), line.dropFirst(marks).first == " " else { return nil }
        return (min(marks + 1, 6), line.dropFirst(marks + 1).trimmingCharacters(in: .whitespaces))
    }

    /// `- item`, `* item` (unordered) or `3. item` (ordered).
    private static func listItem(_ line: String) -> (ordered: Bool, item: String)? {
        if line.hasPrefix("- ") || line.hasPrefix("* ") { return (false, String(line.dropFirst(2))) }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, line.dropFirst(digits.count).hasPrefix(". ") else { return nil }
        return (true, String(line.dropFirst(digits.count + 2)))
    }

    /// One line's inline Markdown as HTML, everything else escaped. Code
    /// spans are taken first, so nothing inside them is read as Markdown;
    /// an unpaired backtick stays as typed. Links go only to http(s),
    /// mailto or relative addresses.
    static func inlineHTML(_ text: String) -> String {
        var pieces = text.split(separator: "`", omittingEmptySubsequences: false).map(String.init)
        if pieces.count % 2 == 0 { pieces[pieces.count - 2] += "`" + pieces.removeLast() }
        var html = ""
        for (k, piece) in pieces.enumerated() {
            html += k % 2 == 1 ? "<code>\(SVGDocument.escaped(piece))</code>" : emphasis(SVGDocument.escaped(piece))
        }
        return html
    }

    /// Links, strong and emphasis in escaped text.
    private static func emphasis(_ escaped: String) -> String {
        var text = escaped.replacingOccurrences(
            of: #"\[([^\]]+)\]\(((?:https?://|mailto:|[./#]|[A-Za-z0-9_-]+(?:[./#]|$))[^)\s]*)\)"#,
            with: "<a href=\"$2\">$1</a>", options: .regularExpression)
        text = text.replacingOccurrences(of: #"\*\*([^*]+?)\*\*"#, with: "<strong>$1</strong>", options: .regularExpression)
        text = text.replacingOccurrences(of: #"(?<![\w*])\*([^*\s](?:[^*]*[^*\s])?)\*(?![\w*])"#, with: "<em>$1</em>",
                                         options: .regularExpression)
        text = text.replacingOccurrences(of: #"(?<![\w])_([^_\s](?:[^_]*[^_\s])?)_(?![\w])"#, with: "<em>$1</em>",
                                         options: .regularExpression)
        return text
    }
}
