extension Session {
    /// Everything a cell shows passes here once: the notebook keeps it (the
    /// blocks `export` writes), then the front end shows it: ``display``
    /// when one is set (the Jupyter kernel), else the terminal. `wrap`:
    /// the text is prose, wrapped to the terminal and paged when tall
    /// (a verb's result), not a line streamed while it runs.
    func emit(_ event: SessionEvent, wrap: Bool = false) {
        switch event {
        case .text(let text): notebook.record(.text(text))
        case .table(let table, _): notebook.record(.table(table))
        case .picture(let svg, let title, let drawing): notebook.record(.picture(svg: svg, title: title, drawing: drawing))
        case .error: break  // `perform` ends the cell with it (`Notebook.end(error:)`)
        }
        if let display {
            display(event)
        } else {
            showAtTerminal(event, wrap: wrap)
        }
    }

    /// Reports a failed cell: to a front end as an error event, or at the
    /// terminal as a caret line under the word at fault (when `caretIndent`,
    /// the width of the prompt the line was shown after, is given) and
    /// `PREFIXerror: MESSAGE`.
    func report(_ error: CellError, errorPrefix: String = "", caretIndent: Int? = nil) {
        if display != nil { return emit(.error(error)) }
        // The terminal echoed ^C on the command's line; start a fresh one.
        if isInteractive, interrupt.isCancelled { sink("\n") }
        if let caretIndent, !error.line.contains("\n"), let caret = error.caret(indent: caretIndent) {
            sink(caret + "\n")
        }
        reportError("\(errorPrefix)error: \(error.message)")
    }

    /// Reports a replay stopped by Ctrl-C before `command` (at `place`,
    /// `FILE:LINE`): a front end gets it as the cell's error.
    func reportInterruption(before command: String, at place: String) {
        if display != nil { return emit(.error(CellError(message: "interrupted", line: command, range: nil))) }
        reportError("\(place): interrupted")
    }

    /// The terminal's rendering: text as printed (prose wrapped and paged),
    /// tables paged when taller than the terminal, charts as drawn. Errors
    /// are reported by `perform`, which knows the prompt's width for the caret.
    private func showAtTerminal(_ event: SessionEvent, wrap: Bool) {
        switch event {
        case .text(let text): if wrap { present(prose(text)) } else { sink(text) }
        case .table(_, let text): present(text)
        case .picture(_, _, let drawing): sink(drawing)
        case .error: break
        }
    }
}
