import Foundation
import RecLab

extension Notebook {
    /// The notebook as one self-contained HTML page: inline CSS and SVG, no
    /// scripts and no other files. Commands are monospace blocks, text
    /// output keeps its alignment in `<pre>`, tables are HTML tables with
    /// numbers right-aligned, errors are marked as errors, and pictures are
    /// inline SVG with their title as caption. The page is also well-formed
    /// XML, so it can be checked with an XML parser.
    ///
    /// - Complexity: O(size of the recorded output).
    public func html(title: String) -> String {
        var page = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <title>\(SVGDocument.escaped(title))</title>
            <style>\(Notebook.style)</style>
            </head>
            <body>
            <main>
            <h1>\(SVGDocument.escaped(title))</h1>

            """
        let entries = finishedCells
        if !entries.contains(where: { $0.command != nil }) {
            page += "<p class=\"note\">This session has no cells yet.</p>\n"
        }
        for entry in entries {
            if let command = entry.command {
                page += "<section class=\"cell\(entry.failed ? " failed" : "")\">\n"
                page += "<pre class=\"command\"><code>\(SVGDocument.escaped(command))</code></pre>\n"
            }
            for block in entry.blocks {
                switch block {
                case .prose(let text):
                    page += Notebook.proseBlocksHTML(text)
                case .text(let text):
                    let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
                    if !body.isEmpty { page += "<pre class=\"output\">\(SVGDocument.escaped(body))</pre>\n" }
                case .table(let table):
                    page += table.html
                case .error(let message):
                    page += "<p class=\"error\"><strong>error:</strong> \(SVGDocument.escaped(message))</p>\n"
                case .picture(let svg, let title, _):
                    // The SVG draws its own title; a caption would repeat it.
                    page += "<figure aria-label=\"\(SVGDocument.escaped(title))\">\n\(Notebook.inlineSVG(svg))\n</figure>\n"
                }
            }
            if entry.command != nil { page += "</section>\n" }
        }
        page += "</main>\n</body>\n</html>\n"
        return page
    }

    /// An SVG document made fit to sit inside HTML: its XML declaration and
    /// doctype dropped (they may only start a document).
    static func inlineSVG(_ svg: String) -> String {
        var text = Substring(svg)
        while let start = text.firstRange(of: "<?") ?? text.firstRange(of: "<!DOCTYPE"),
              text[..<start.lowerBound].allSatisfy(\.isWhitespace),
              let end = text[start.upperBound...].firstIndex(of: ">") {
            text = text[text.index(after: end)...]
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The page's style: readable prose, monospace cells, ruled tables.
    static let style = """
        body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 0; color: #1f2328; background: #fff; }
        main { max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
        pre, code { font-family: "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.85rem; }
        .cell { margin: 1rem 0 1.5rem; }
        pre.command { background: #f0f3f6; border-left: 4px solid #0969da; padding: 0.5rem 0.75rem; margin: 0 0 0.5rem; white-space: pre-wrap; }
        pre.output { padding: 0.25rem 0.75rem; margin: 0.25rem 0; overflow-x: auto; }
        .failed pre.command { border-left-color: #cf222e; }
        p.error { color: #cf222e; font-family: monospace; margin: 0.25rem 0.75rem; }
        p.prose { line-height: 1.5; }
        .prose code { background: #f0f3f6; padding: 0 0.2rem; border-radius: 3px; }
        table { border-collapse: collapse; margin: 0.25rem 0.75rem; font-family: monospace; font-size: 0.85rem; }
        th, td { border: 1px solid #d0d7de; padding: 0.2rem 0.5rem; text-align: left; }
        th { background: #f6f8fa; }
        .num { text-align: right; }
        p.caption, p.footer { margin: 0.25rem 0.75rem; font-family: monospace; font-size: 0.85rem; color: #57606a; }
        figure { margin: 0.5rem 0.75rem; }
        figure svg { max-width: 100%; height: auto; }
        """
}

extension NotebookTable {
    /// The table as an HTML table (numbers right-aligned by the page's
    /// stylesheet), with its caption and footer as lines around it.
    public var html: String { html(numberStyle: " class=\"num\"", textStyle: "") }

    /// The table as ``html`` gives it, with numbers right-aligned by an
    /// inline style: for a page whose stylesheet is not ours (Jupyter's).
    /// Text is left-aligned inline too: JupyterLab right-aligns every cell.
    public var htmlWithInlineStyles: String {
        html(numberStyle: " class=\"num\" style=\"text-align: right\"", textStyle: " style=\"text-align: left\"")
    }

    private func html(numberStyle: String, textStyle: String) -> String {
        var text = ""
        if let caption { text += "<p class=\"caption\">\(SVGDocument.escaped(caption))</p>\n" }
        if !headers.isEmpty {
            let classes = rightAligned.map { $0 ? numberStyle : textStyle }
            text += "<table>\n<thead><tr>"
            for (column, header) in headers.enumerated() { text += "<th\(classes[column])>\(SVGDocument.escaped(header))</th>" }
            text += "</tr></thead>\n<tbody>\n"
            for row in rows {
                text += "<tr>"
                for (column, cell) in row.enumerated() { text += "<td\(classes[column])>\(SVGDocument.escaped(cell))</td>" }
                text += "</tr>\n"
            }
            text += "</tbody>\n</table>\n"
        }
        for line in footer { text += "<p class=\"footer\">\(SVGDocument.escaped(line))</p>\n" }
        return text
    }
}
