/// A verb of the command language: its name, its help, and what it does.
///
/// Each verb lives in its own file under `Commands/` as a static member of
/// ``Verbs``; ``Verbs/all`` lists them for lookup, help and completion.
public struct Verb: Sendable {
    /// The groups `help` lists verbs under.
    public enum Group: String, Sendable, CaseIterable {
        case tables, people, models, pictures, shell
    }

    /// The word that calls it.
    public var name: String
    /// Its `help` group.
    public var group: Group
    /// One line saying what it does.
    public var summary: String
    /// Its forms, e.g. `head [TABLE] [N]`.
    public var forms: [String]
    /// A worked example: lines of commands, with `# comments`.
    public var example: String
    /// Whether `save session` keeps cells of this verb (not `help`, `history`).
    public var isRecorded = true
    /// Other words that call it (`exit` for `quit`).
    public var aliases: [String] = []
    /// More help shown after the example (`help train` lists the
    /// algorithms and their settings).
    public var notes = ""
    /// What Tab offers for placeholders of ``forms`` that their names alone
    /// don't narrow enough (`MODEL` of `fit`: models that can go on
    /// training), by placeholder (`"MODEL"`, `"COL"`, `"key=value"`).
    public var fills: [String: PlaceholderFill] = [:]
    /// The kinds of result its calls give, so a statement that pipes or
    /// binds it wrongly is refused before anything runs.
    public var gives: ResultKinds
    /// Does the work.
    public var run: @Sendable (inout Invocation) throws -> Outcome

    /// The forms joined (`rate PERSON MOVIE RATING | rate PERSON`), for
    /// usage hints in errors: declared once, in ``forms``.
    public var usage: String { forms.isEmpty ? name : forms.joined(separator: " | ") }
}

/// What a verb is given: its words, the table piped into it, the session.
public struct Invocation {
    /// The words after the verb.
    public var arguments: Arguments
    /// The table from the previous `|` stage, if any.
    public var input: Table?
    /// The session, for the workspace and settings.
    public let session: Session
    /// The verb's usage line, for errors.
    public let usage: String
    /// Whether the cell binds this call's result to names (`x = load …`),
    /// so verbs that otherwise name their results themselves don't.
    public let isBound: Bool
    /// The names before `=` when the cell binds this call's result
    /// (`hybrid = blend jabril jgb`), for verbs that bind them themselves.
    public var targets: [Token] = []
    /// Set by a verb whose call `save session` should leave out.
    public var skipRecording = false
    /// Work to do only once the whole statement has succeeded: a chart's
    /// SVG written `to PATH` by a verb whose table may still be piped on
    /// (`pca … to p.svg | head 3`), so a failing later stage or binding
    /// leaves no file behind. A commit that throws fails the statement,
    /// before anything is shown.
    public var commits: [() throws -> Void] = []

    /// The table the verb works on: the piped one, else the first word if
    /// it names a table (or `_`), else the last result.
    ///
    /// A first word that is neither a table nor a column of `_` is reported
    /// as an unknown table (with a suggestion when one is close), not read
    /// as something else (`describe t1` said "unexpected 't1'"). When
    /// `columnsFollow` (`select`, `filter`, the charts), a word that looks
    /// like a mistyped column of `_` (close to one, or followed by an
    /// operator or a comma) is left for the verb to report as a column.
    public mutating func table(keywords: Set<String> = [], columnsFollow: Bool = false) throws -> Table {
        if let input { return input }
        if let t = arguments.peek, t.kind == .word || t.kind == .string, !keywords.contains(t.text.lowercased()) {
            if let table = session.workspace.table(t.text) {
                _ = arguments.next()
                return table
            }
            if let last = session.workspace.last {
                if last.index(of: t.text) != nil { return last }
                if columnsFollow, Suggestion.nearest(to: t.text, in: session.workspace.names) == nil {
                    let nearColumn = Suggestion.nearest(to: t.text, in: last.columnNames) != nil
                    let startsAnExpression = arguments.peekSecond?.kind == .symbol
                    if nearColumn || startsAnExpression { return last }
                }
            }
            throw session.unknownTable(t)
        }
        if let last = session.workspace.last { return last }
        throw ShellError("no table to work on: name one (usage: \(usage)) or load one first", at: arguments.peek ?? arguments.endToken)
    }

    /// A column name argument, checked against `table`.
    public mutating func column(of table: Table, _ what: String = "a column name") throws -> String {
        let t = try arguments.expectName(what, usage: usage)
        guard table.index(of: t.text) != nil else {
            throw ShellError(table.unknownColumn(t.text).message, at: t)
        }
        return t.text
    }
}

/// What a verb produced.
public enum Outcome {
    /// A table; shown whole up to `rows` rows (default: the session's
    /// `set rows`), or bound when the cell names it.
    case table(Table, rows: Int? = nil)
    /// Several tables, for `a, b = split …`.
    case tables([Table])
    /// Tables the verb named itself (`load` binds `ratings`, `movies`):
    /// bound under those names, each summarised.
    case named([(name: String, table: Table)])
    /// Text to print as is.
    case text(String)
    /// A trained model, bound to the cell's name (or to its algorithm's
    /// name), then the text printed.
    case model(TrainedModel, String)
    /// Text to print; the verb has used the cell's names itself (`blend`).
    case usedNames(String)
    /// A chart: its text printed; it cannot be bound to a name.
    case picture(Picture)
    /// A table with notes around it and perhaps a chart (`pca`,
    /// `evaluate`): the parts are shown in order, a notebook keeps the
    /// table as a table and the chart as a picture, and in a pipe or a
    /// binding the result is the table alone.
    case report([ReportPart])
    /// Nothing to print.
    case nothing
    /// Leave the shell.
    case quit
}

/// One part of a ``Outcome/report(_:)``.
public enum ReportPart {
    /// Text printed as is.
    case text(String)
    /// The report's table, shown whole up to `rows` rows (default: the
    /// session's `set rows`).
    case table(Table, rows: Int? = nil)
    /// A chart: its terminal drawing printed, its SVG kept by the notebook.
    case picture(Picture)
}

extension Outcome {
    /// The table this outcome passes down a pipe or binds to one name: a
    /// table's, or a report's.
    var table: Table? {
        switch self {
        case .table(let t, _): return t
        case .report(let parts):
            for case .table(let t, _) in parts { return t }
            return nil
        default: return nil
        }
    }
}

/// The namespace the verbs are declared in, one file each.
public enum Verbs {}
