/// Running one statement: checked whole, its calls run, its effects done,
/// its result bound or shown.
///
/// A statement either succeeds or changes nothing outside the workspace and
/// the settings (which ``Session/execute(_:)`` puts back after an error).
/// Three steps make that so:
/// 1. ``check(_:)`` refuses a statement whose shape cannot work (an unknown
///    verb, a pipe out of a verb that gives no table, names bound to a
///    verb that gives nothing to bind) before any call runs, so a verb that
///    acts at once (`rate`, `export`, `save`) never acts in a statement
///    that was going to fail;
/// 2. the calls run; a verb whose call writes a file and still gives a table
///    to pipe on (`pca … to p.svg`) leaves the write in
///    ``Invocation/commits``;
/// 3. the binding is checked, then the commits are done, then the result
///    is bound or shown.
extension Session {
    /// Runs one statement; returns whether it should be recorded.
    func run(_ statement: Statement) throws -> Bool {
        let verbs = try check(statement)
        printsData = false
        var input: Table?
        var outcome = Outcome.nothing
        var recorded = true
        var commits: [() throws -> Void] = []
        for (k, (call, verb)) in zip(statement.calls, verbs).enumerated() {
            recorded = recorded && verb.isRecorded
            let isLast = k == statement.calls.count - 1
            var invocation = Invocation(
                arguments: Arguments(call.arguments, verb: call.verb), input: input, session: self,
                usage: verb.usage, isBound: isLast && !statement.targets.isEmpty)
            if isLast { invocation.targets = statement.targets }
            outcome = try verb.run(&invocation)
            assert(verb.gives.contains(outcome.kind), "'\(verb.name)' gave \(outcome.kind), which it does not declare")
            recorded = recorded && !invocation.skipRecording
            commits += invocation.commits
            if !isLast {
                guard let t = outcome.table else {
                    throw ShellError("'\(verb.name)' gives no table to pipe into '\(statement.calls[k + 1].verb.text)'", at: statement.calls[k + 1].verb)
                }
                input = t
            }
        }
        try checkBinding(outcome, to: statement.targets, from: verbs[verbs.count - 1])
        for commit in commits { try commit() }
        bind(outcome, to: statement.targets)
        return recorded
    }

    /// The verbs of `statement`'s calls, once its shape is known to work:
    /// each verb exists, each stage piped on can give a table, and the last
    /// can give what the names before `=` need.
    func check(_ statement: Statement) throws(ShellError) -> [Verb] {
        var verbs: [Verb] = []
        for call in statement.calls {
            guard let verb = Session.verbs[call.verb.text.lowercased()] else { throw unknownVerb(call.verb) }
            verbs.append(verb)
        }
        for (k, verb) in verbs.enumerated().dropLast() where !verb.gives.canPipe {
            let next = statement.calls[k + 1].verb
            throw ShellError("'\(verb.name)' gives no table to pipe into '\(next.text)'", at: next)
        }
        guard let last = verbs.last, let first = statement.targets.first else { return verbs }
        let gives = last.gives
        if !gives.canBind {
            if gives == .picture { throw ShellError("a chart cannot be bound to a name; drop '\(first.text) ='", at: first) }
            throw ShellError("'\(last.name)' gives no table to bind to '\(first.text)'", at: first)
        }
        let count = statement.targets.count
        if !gives.canBind(count: count), gives.isDisjoint(with: .usesNames) {
            let what = gives.contains(.model) && !gives.contains(.table) ? "one model" : "1 table"
            throw ShellError("'\(last.name)' gives \(what) but \(count) names were given", at: statement.targets.last)
        }
        return verbs
    }

    /// Throws what would stop `outcome`, given by `verb`, being bound to
    /// `targets` (or shown, when there are none); changes nothing.
    func checkBinding(_ outcome: Outcome, to targets: [Token], from verb: Verb) throws(ShellError) {
        switch outcome {
        case .named(let named):
            if let first = targets.first {
                throw ShellError("'\(verb.name)' names its tables itself (\(named.map(\.name).joined(separator: ", "))); drop '\(first.text) ='", at: first)
            }
        case .model(let trained, _):
            guard targets.count <= 1 else {
                throw ShellError("'\(verb.name)' gives one model but \(targets.count) names were given", at: targets.last)
            }
            let name = targets.first?.text ?? trained.name
            if workspace.tables[name] != nil {
                throw ShellError("'\(name)' is a table; give the model another name (m = train …)", at: targets.first)
            }
        case .picture:
            if let first = targets.first {
                throw ShellError("a chart cannot be bound to a name; drop '\(first.text) ='", at: first)
            }
        case .text, .nothing, .quit:
            if let first = targets.first {
                throw ShellError("'\(verb.name)' gives no table to bind to '\(first.text)'", at: first)
            }
        case .usedNames:
            return
        case .table, .tables, .report:
            guard !targets.isEmpty else { return }
            let count = outcome.boundTables.count
            guard targets.count == count else {
                throw ShellError("'\(verb.name)' gives \(count) table\(count == 1 ? "" : "s") but \(targets.count) names were given", at: targets.last)
            }
            for name in targets where workspace.models[name.text] != nil {
                throw ShellError("'\(name.text)' is a model; give the table another name", at: name)
            }
        }
    }

    /// Binds or shows a statement's outcome, once ``checkBinding(_:to:)``
    /// has passed it.
    func bind(_ outcome: Outcome, to targets: [Token]) {
        switch outcome {
        case .named(let named):
            for (name, table) in named { bindTable(name, table) }
            if let last = named.last { workspace.last = last.table }
        case .model(var trained, let text):
            if let first = targets.first { trained.name = first.text }
            workspace.bind(trained)
            outputProse(text)
        case .usedNames(let text):
            outputProse(text)
        case .picture(let picture):
            show(pictureText: picture.text, svg: picture.svg, title: picture.title)
        case .report(let parts) where targets.isEmpty:
            for part in parts {
                switch part {
                case .text(let text): outputProse(text)
                case .table(let t, let rows): show(t, renderer: renderer(rows: rows), caption: nil)
                case .picture(let picture): show(pictureText: picture.text, svg: picture.svg, title: picture.title)
                }
            }
            if let table = outcome.table { workspace.last = table }
        case .text(let text):
            outputProse(text)
        case .quit:
            wantsToQuit = true
        case .nothing:
            return
        case .table, .tables, .report:
            let tables = outcome.boundTables
            if targets.isEmpty {
                let caption = tables.count > 1
                for (k, t) in tables.enumerated() {
                    show(t, renderer: renderer(rows: outcome.shownRows), caption: caption ? "result \(k + 1):" : nil)
                }
            } else {
                for (name, table) in zip(targets, tables) { bindTable(name.text, table) }
            }
            if let last = tables.last { workspace.last = last }
        }
    }
}

extension Session {
    /// Binds `table` to `name` and prints its summary, saying when it
    /// replaced a table of that name (`ratings: 10,000,000 rows × 4 columns
    /// (replaced 100,836 rows)`): a load over a table is easy to miss.
    func bindTable(_ name: String, _ table: Table) {
        let old = workspace.tables[name]
        workspace.bind(name, table)
        var line = TableRenderer.summary(name: name, table: table)
        if let old { line += " (replaced \(NumberFormatting.counted(old.rowCount, "row")))" }
        output(line + "\n")
    }
}

private extension Outcome {
    /// The tables a table-giving outcome binds, one per name.
    var boundTables: [Table] {
        switch self {
        case .tables(let ts): return ts
        default: return table.map { [$0] } ?? []
        }
    }
    /// The rows a single table asks to show.
    var shownRows: Int? { if case .table(_, let rows) = self { rows } else { nil } }
}
