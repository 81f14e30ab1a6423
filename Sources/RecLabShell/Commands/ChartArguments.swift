import Foundation

/// What the chart verbs (`hist`, `plot`, `scatter`) share: numeric column
/// arguments, `to PATH.svg`, and writing the SVG.
enum ChartArguments {
    /// A numeric column of `table` named by the next word, or of another
    /// table when written `TABLE.COL` (`hist before.mean after.mean`).
    ///
    /// When the chart `pairs` rows by position (`scatter`, `plot`), a
    /// column of another table must have `table`'s length: a shorter one
    /// was read past its end (a trap), a longer one paired unrelated rows.
    static func numericColumn(_ call: inout Invocation, of table: Table, what: String = "a numeric column",
                              pairs: Bool = false) throws -> (name: String, column: Column, token: Token) {
        let t = try call.arguments.expectName(what, usage: call.usage)
        var source = table, name = t.text
        if source.index(of: name) == nil, let dot = name.firstIndex(of: "."),
           let other = call.session.workspace.table(String(name[..<dot])) {
            source = other
            name = String(name[name.index(after: dot)...])
        }
        guard let index = source.index(of: name) else {
            throw ShellError(source.unknownColumn(name).message, at: t)
        }
        let column = source.columns[index]
        if pairs, source.rowCount != table.rowCount {
            throw ShellError("'\(t.text)' has \(source.rowCount.groupedDigits) rows and '\(ChartArguments.name(of: table, in: call.session))' "
                             + "\(table.rowCount.groupedDigits): \(call.arguments.verb.text) pairs rows by position, so both columns "
                             + "must come from tables of the same length (join them first)", at: t)
        }
        guard column.type != .text else {
            let numeric = source.columns.filter { $0.type != .text }.map(\.name)
            let list = numeric.isEmpty ? "this table has none" : "numeric columns: " + Suggestion.list(numeric)
            throw ShellError("'\(name)' is text, not numbers; \(list)", at: t)
        }
        return (t.text, column, t)
    }

    /// What to call `table` in a message: its name in the workspace, else `_`.
    static func name(of table: Table, in session: Session) -> String {
        let workspace = session.workspace
        return workspace.names.first { name in
            workspace.tables[name].map { Workspace.sameStorage($0, table) } ?? false
        } ?? "_"
    }

    /// The path after `to`, if given; it must end in `.svg`.
    static func svgPath(_ call: inout Invocation) throws -> Token? {
        guard call.arguments.take("to") else { return nil }
        let t = try call.arguments.expectName("a file to write (PATH.svg)", usage: call.usage)
        guard t.text.lowercased().hasSuffix(".svg") else {
            throw ShellError("charts are written as SVG: give a path ending in .svg", at: t)
        }
        return t
    }

    /// The width terminal charts may use.
    static func width(_ session: Session) -> Int {
        session.settings.width ?? session.terminalWidth ?? 80
    }

    /// The picture of `text` and `svg`, with a `wrote PATH` line when
    /// `path` is given; the SVG is written there once the whole statement
    /// has succeeded (``Invocation/commits``), before anything is shown, so
    /// a failed write prints nothing and a failed statement writes nothing.
    static func picture(text: String, svg: SVGDocument, title: String, path: Token?, call: inout Invocation) -> Outcome {
        .picture(written(text: text, svg: svg, title: title, path: path, call: &call))
    }

    /// ``picture(text:svg:title:path:call:)`` as a ``Picture``, for a
    /// report that shows it under its table.
    static func written(text: String, svg: SVGDocument, title: String, path: Token?, call: inout Invocation) -> Picture {
        var text = text
        if let path {
            let file = UserPath.expand(path.text)
            call.commits.append {
                do throws(RecLabError) {
                    try svg.write(to: file)
                } catch {
                    throw ShellError(error.description, at: path)
                }
            }
            text += "\nwrote \(path.text)"
        }
        return Picture(text: text, svg: svg.text, title: title)
    }
}
