import Foundation
import RecLab

extension Notebook {
    /// The notebook as a Jupyter notebook (nbformat 4.5), the JSON text of
    /// an `.ipynb` file: prose as Markdown cells, each recorded cell as a
    /// code cell whose source is its command, numbered 1… as if run in
    /// order, with its outputs: text as a `stream` on stdout, tables as
    /// HTML (the HTML export's table) with their terminal drawing as plain
    /// text, charts as SVG with their title as plain text, and an error as
    /// an `error` output. The kernel is `reclab`.
    ///
    /// `heading` becomes a leading `# heading` unless a comment already is
    /// a heading (the notebook's title then, as in the other exports);
    /// `title`, when the user gave one, goes in the metadata as well.
    ///
    /// - Throws: ``RecLabError`` if the JSON cannot be made (it always can:
    ///   every value is text, a number or a list of them).
    /// - Complexity: O(size of the recorded output).
    public func ipynb(heading: String, title: String? = nil) throws(RecLabError) -> String {
        var cells: [[String: Any]] = []
        var pendingHeading = headingTitle == nil ? "# " + heading : nil
        var executionCount = 0
        for entry in finishedCells {
            guard let command = entry.command else {
                for case .prose(let text) in entry.blocks {
                    let trimmed = text.trimmingCharacters(in: .newlines)
                    // The title shares the first prose cell, so a replay
                    // (which reads consecutive comments as one text) gives
                    // back the same cells.
                    let source = [pendingHeading, trimmed.isEmpty ? nil : trimmed].compactMap { $0 }.joined(separator: "\n\n")
                    pendingHeading = nil
                    if !source.isEmpty { cells.append(Notebook.markdownCell(source, id: cells.count + 1)) }
                }
                continue
            }
            if let text = pendingHeading {
                cells.append(Notebook.markdownCell(text, id: cells.count + 1))
                pendingHeading = nil
            }
            executionCount += 1
            cells.append([
                "cell_type": "code",
                "id": Notebook.cellID(cells.count + 1),
                "metadata": [String: Any](),
                "execution_count": executionCount,
                "source": Notebook.jupyterLines(command),
                "outputs": Notebook.outputs(of: entry, executionCount: executionCount),
            ])
        }
        if let text = pendingHeading { cells.append(Notebook.markdownCell(text, id: cells.count + 1)) }

        var metadata: [String: Any] = [
            "kernelspec": ["name": "reclab", "display_name": "reclab", "language": "reclab"],
            "language_info": ["name": "reclab", "file_extension": ".reclab", "mimetype": "text/x-reclab"],
        ]
        if let title { metadata["title"] = title }
        let document: [String: Any] = ["nbformat": 4, "nbformat_minor": 5, "metadata": metadata, "cells": cells]
        do {
            let data = try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            return String(decoding: data, as: UTF8.self) + "\n"
        } catch {
            throw RecLabError("could not write the notebook as JSON (\(error.localizedDescription))")
        }
    }

    /// A Markdown cell of `source`.
    private static func markdownCell(_ source: String, id: Int) -> [String: Any] {
        ["cell_type": "markdown", "id": cellID(id), "metadata": [String: Any](), "source": jupyterLines(source)]
    }

    /// The `id` of the `number`th cell: fixed by position, so exporting the
    /// same session twice gives the same file.
    private static func cellID(_ number: Int) -> String { "cell-\(number)" }

    /// A code cell's outputs, in the order the cell showed them. The last
    /// block, when a table, is the cell's result (`execute_result`); other
    /// tables and charts are displayed along the way.
    private static func outputs(of cell: NotebookCell, executionCount: Int) -> [[String: Any]] {
        var outputs: [[String: Any]] = []
        for (index, block) in cell.blocks.enumerated() {
            switch block {
            case .text(let text):
                guard !text.isEmpty, text != "\n" else { continue }
                outputs.append(["output_type": "stream", "name": "stdout", "text": jupyterLines(text)])
            case .table(let table):
                let data: [String: Any] = ["text/html": jupyterLines(table.htmlWithInlineStyles), "text/plain": jupyterLines(table.plainText)]
                if index == cell.blocks.count - 1 {
                    outputs.append(["output_type": "execute_result", "execution_count": executionCount, "data": data,
                                    "metadata": [String: Any]()])
                } else {
                    outputs.append(["output_type": "display_data", "data": data, "metadata": [String: Any]()])
                }
            case .picture(let svg, let title, let drawing):
                outputs.append(["output_type": "display_data",
                                // An untrusted notebook shows the text: the terminal's drawing when there is one.
                                "data": ["image/svg+xml": jupyterLines(svg),
                                         "text/plain": jupyterLines(drawing.isEmpty ? title : NotebookTable.trimmedDrawing(drawing))],
                                "metadata": [String: Any]()])
            case .error(let message):
                outputs.append(["output_type": "error", "ename": "error", "evalue": message, "traceback": ["error: " + message]])
            case .prose(let text):
                // Prose sits in cells of its own; should one reach a code
                // cell, it is shown as text rather than lost.
                outputs.append(["output_type": "stream", "name": "stdout", "text": jupyterLines(text + "\n")])
            }
        }
        return outputs
    }

    /// `text` as Jupyter keeps multi-line text: a list of lines, each but
    /// the last ending in `\n` (so the file diffs line by line).
    static func jupyterLines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) + "\n" }
        guard let last = lines.popLast() else { return [] }
        let tail = String(last.dropLast())
        if !tail.isEmpty { lines.append(tail) }
        return lines
    }
}

extension NotebookTable {
    /// The table as the terminal draws it (a box table of the shown rows,
    /// every column at its natural width, as there is no terminal to fit),
    /// with its caption above and its footer below; no final newline.
    var plainText: String {
        var lines: [String] = caption.map { [$0] } ?? []
        if !headers.isEmpty {
            // Rows are padded or cut to the headers, so a row of another
            // length (a hand-made table) cannot index out of range.
            let cells = rows.map { row in headers.indices.map { row.indices.contains($0) ? row[$0] : "" } }
            let widths = headers.indices.map { column in
                cells.reduce(max(1, headers[column].displayWidth)) { max($0, $1[column].displayWidth) }
            }
            let alignments = headers.indices.map { column -> CellAlignment in
                rightAligned.indices.contains(column) && rightAligned[column] ? .right : .left
            }
            lines.append(TableRenderer.border(widths, left: "┌", middle: "┬", right: "┐"))
            lines.append(TableRenderer.row(widths, headers, alignments))
            if !cells.isEmpty {
                lines.append(TableRenderer.border(widths, left: "├", middle: "┼", right: "┤"))
                for row in cells { lines.append(TableRenderer.row(widths, row, alignments)) }
            }
            lines.append(TableRenderer.border(widths, left: "└", middle: "┴", right: "┘"))
        }
        return (lines + footer).joined(separator: "\n")
    }

    /// A drawing without its final newline, as the kernel sends it.
    static func trimmedDrawing(_ text: String) -> String {
        text.hasSuffix("\n") ? String(text.dropLast()) : text
    }
}
