import Foundation

/// A reclab session: the workspace, the settings, and the running of cells.
///
/// The session has no terminal of its own: it writes everything through
/// ``output`` so the executable can print it and tests can read it.
public final class Session {
    /// Tables kept between cells.
    public var workspace = Workspace()
    /// `set` options.
    public var settings = Settings()
    /// Polled by long operations; the executable's Ctrl-C handler cancels
    /// it. Long engine stages report how far they got through it, which
    /// ``progress`` draws.
    public let cancellation: Cancellation
    /// Passes the engine's reports through ``cancellation`` on to ``progress``.
    /// The one path from the engine's progress reports to ``progress``.
    let relay = ProgressRelay()
    /// People and their ratings, kept in ``peopleStore``.
    public var people: [String: Person] = [:]
    /// Where people are kept on disk; `nil` keeps them in memory only.
    public var peopleStore: PeopleStore?
    /// Where `load movielens` looks, in order.
    public var dataFolders: [URL]
    /// Where `load movielens` downloads a release found in none of
    /// ``dataFolders`` (its cache is looked in too); `nil`: no downloading.
    public var movieLensSource: MovieLensSource?
    /// The terminal width, when there is a terminal.
    public var terminalWidth: Int?
    /// The terminal's height in lines, when there is a terminal.
    public var terminalHeight: Int?
    /// Shows a result taller than the terminal a screen at a time (`less
    /// -FRX`, or `$PAGER`), as psql does; set by the executable at an
    /// interactive terminal, used while `set pager` is on.
    public var pager: ((String) -> Void)?
    /// Whether a person is typing (interactive prompts are allowed).
    public var isInteractive = false
    /// Asks the person at the terminal one question and returns the answer
    /// (`nil` when they stop: Ctrl-D or Ctrl-C). Set by the executable when
    /// there is a terminal; `rate PERSON` walks with it.
    public var ask: ((String) -> String?)?
    /// Every line entered, for `history`.
    public private(set) var history: [String] = []
    /// The cells that succeeded, for `save session`.
    public private(set) var recordedCells: [String] = []
    /// Where output goes.
    ///
    /// A verb returns its result when it ends, and the session prints it
    /// then. A verb that runs for long may also print lines while it
    /// runs, through ``TrainingFeedback`` (which calls this): `train mf` and
    /// `fit` print fast.ai's table a row at a time as each epoch ends. Such a
    /// verb checks everything that can fail before its first line, so a
    /// cell that fails prints only its error; only Ctrl-C can stop it after
    /// lines were printed (then the cell keeps what it finished, or nothing).
    ///
    /// What goes through here while a cell runs is also recorded in
    /// ``notebook`` (as text), so lines a verb streams are kept too.
    public var output: (String) -> Void {
        get { { [unowned self] text in self.emit(.text(text)) } }
        set { sink = Self.erasingBar(before: newValue, relay: relay) }
    }

    /// `write`, after the relay has erased any bar: nothing printed ever
    /// shares a line with a bar.
    private static func erasingBar(before write: @escaping (String) -> Void, relay: ProgressRelay) -> (String) -> Void {
        { text in
            relay.erase()
            write(text)
        }
    }
    /// Where ``output`` writes, unrecorded: the replay's echo of cells,
    /// error lines and timings, and tables (recorded as tables).
    private(set) var sink: (String) -> Void
    /// The cells run so far and what they showed, for `export`.
    public internal(set) var notebook = Notebook()
    /// Draws how far a long command has got (a bar redrawn in place). Set
    /// by the executable only when output goes to a terminal, so the bar
    /// never reaches a transcript, a saved session or a script's output.
    ///
    /// `train mf` draws its own bar; other long commands (loading a big
    /// file, …) report through ``cancellation``, and a bar appears when
    /// one of their stages has run for a moment.
    public var progress: ((CommandProgress) -> Void)? {
        didSet { relay.setDraw(progress) }
    }
    /// Whether the running cell prints data, which is never wrapped (set
    /// by `save TABLE -`; cleared as each statement starts).
    var printsData = false
    /// Where a front end other than the terminal takes what cells show, as
    /// structured events (``SessionEvent``): tables, pictures, errors and
    /// text. `nil` (the terminal) prints them as text through ``output``.
    /// Everything is recorded in ``notebook`` either way.
    public var display: ((SessionEvent) -> Void)? {
        didSet {
            // Text goes to it too, so one observer sees everything in order.
            if let display { sink = { display(.text($0)) } }
        }
    }
    /// Where error lines of scripts go (by default, ``output``).
    public var errorOutput: ((String) -> Void)?
    /// Set by Ctrl-C; unlike ``cancellation`` it is not reset by each cell,
    /// so a replay stops between cells too. The shell clears it at the prompt.
    public let interrupt = Cancellation()
    /// How deep `run` scripts are nested, to refuse a script running itself.
    var runDepth = 0

    /// Creates a session writing to `output`.
    public init(dataFolders: [URL] = [], output: @escaping (String) -> Void) {
        self.dataFolders = dataFolders
        self.sink = { _ in }
        cancellation = Cancellation(progress: { [relay] report in relay.report(report) })
        self.output = output
    }

    /// The verbs, by name.
    public static let verbs: [String: Verb] = Dictionary(
        Verbs.all.flatMap { verb in ([verb.name] + verb.aliases).map { ($0, verb) } }, uniquingKeysWith: { a, _ in a })

    /// Runs one cell and reports it: on failure a caret line (when
    /// `caretIndent` is given: the width of the prompt the line was shown
    /// after) and `PREFIXerror: MESSAGE`; then, when `set timer on`, its
    /// wall and CPU time and the process's peak memory (``CellClock``).
    /// Returns whether the cell succeeded.
    @discardableResult
    public func perform(_ line: String, errorPrefix: String = "", caretIndent: Int? = nil) -> Bool {
        if ScriptRunner.isComment(line) {
            note(line)
            return true
        }
        let clock = settings.timer ? CellClock() : nil
        notebook.begin(line)
        let error = execute(line)
        // Jupyter keeps failed cells with their errors; so does the notebook.
        // An `export` cell is left out: it is not part of what it writes.
        notebook.end(error: error.map(\.message), keep: !isExport(line))
        if let error, !error.isReported { report(error, errorPrefix: errorPrefix, caretIndent: caretIndent) }
        if settings.timer, let clock {
            sink(clock.line() + "\n")
        }
        return error == nil
    }

    /// Keeps a comment line (or a blank line between comments) as part of
    /// the session: `save session` writes it, and the notebook shows its
    /// text as prose (``ScriptRunner/commentText(_:)``), as a script's.
    public func note(_ line: String) {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        notebook.prose(ScriptRunner.commentText(trimmed))
        // A blank line separates paragraphs; more than one says nothing more.
        if trimmed.isEmpty, recordedCells.last?.isEmpty ?? true { return }
        recordedCells.append(trimmed)
    }

    /// Runs one cell (one line, possibly several `;`-separated statements)
    /// and writes its output; returns the error if it failed.
    ///
    /// The whole line is parsed before any of it runs, so a syntax error
    /// anywhere runs nothing. A failed statement changes nothing: the
    /// workspace and the settings are put back as they were before it
    /// (results are bound only once the whole pipeline has succeeded, but
    /// a verb may have changed a setting before a later word failed). The
    /// exception is a `run` whose script stopped at an error: the script's
    /// cells before the error stay done, as in a replay.
    @discardableResult
    public func execute(_ line: String) -> CellError? {
        history.append(line)
        cancellation.reset()
        relay.cellStarted()
        defer { relay.cellEnded() }
        do {
            let tokens = try Lexer.tokens(line)
            var statements: [Statement] = []
            for part in Statement.split(tokens) {
                if let statement = try Statement.parse(part) { statements.append(statement) }
            }
            // Each statement that succeeds is recorded on its own, so a
            // later failing one on the same line doesn't lose it.
            let chars = Array(line)
            for statement in statements {
                let saved = (workspace, settings)
                let recorded: Bool
                recordingRewrites = []
                do {
                    recorded = try run(statement)
                } catch let error as ShellError where error.isReported {
                    throw error
                } catch {
                    (workspace, settings) = saved
                    throw error
                }
                if recorded {
                    let range = statements.count == 1 ? 0..<chars.count : statement.range(in: chars)
                    recordedCells.append(recordingRewrites.isEmpty && statements.count == 1 ? line : rewritten(chars, range))
                }
            }
            return nil
        } catch let error as ShellError {
            return CellError(message: error.message, line: line, range: error.range, isReported: error.isReported)
        } catch let error as RecLabError {
            return CellError(message: error.description, line: line, range: range(of: error.subject, in: line))
        } catch {
            return CellError(message: "\(error)", line: line, range: nil)
        }
    }

    /// Words of the running statement to record otherwise (a movie picked
    /// from a list is recorded by its full title), by their characters.
    private var recordingRewrites: [(range: Range<Int>, text: String)] = []

    /// Records `token` of the running statement as `text` in
    /// ``recordedCells``, so `save session` replays what was chosen at the
    /// terminal without asking again.
    func recordAs(_ token: Token, _ text: String) {
        recordingRewrites.append((token.range, text))
    }

    /// The characters of `range` in `chars`, with the
    /// ``recordingRewrites`` inside it applied.
    private func rewritten(_ chars: [Character], _ range: Range<Int>) -> String {
        var text = Array(chars[range])
        // Later ones first, so the earlier ranges stay where they were.
        for rewrite in recordingRewrites.sorted(by: { $0.range.lowerBound > $1.range.lowerBound })
        where range.contains(rewrite.range.lowerBound) && rewrite.range.upperBound <= range.upperBound {
            text.replaceSubrange((rewrite.range.lowerBound - range.lowerBound)..<(rewrite.range.upperBound - range.lowerBound),
                                 with: Array(rewrite.text))
        }
        return String(text)
    }

    /// Whether the last `quit` asked to leave.
    public internal(set) var wantsToQuit = false

    /// Prints `table` (under `caption`) and records it in the notebook as
    /// the rows shown.
    func show(_ table: Table, renderer: TableRenderer, caption: String?) {
        let shown = NotebookTable(table, renderer: renderer, caption: caption)
        emit(.table(shown, text: (caption.map { $0 + "\n" } ?? "") + renderer.render(table) + "\n"))
    }

    /// A table rendered with the session's settings.
    public func render(_ table: Table, rows: Int?) -> String {
        renderer(rows: rows).render(table) + "\n"
    }

    /// The renderer of tables with the session's settings.
    func renderer(rows: Int?) -> TableRenderer {
        TableRenderer(
            maxRows: rows ?? settings.rows,
            maxWidth: settings.width ?? terminalWidth ?? 120,
            precision: settings.precision, dates: settings.dates, mode: settings.mode)
    }

    /// Shows a chart: `text` (its terminal drawing) is printed, and the
    /// notebook keeps its SVG and title instead, so an export draws it as a
    /// picture. (`bind` calls this for a `.picture` outcome.)
    func show(pictureText text: String, svg: String, title: String) {
        emit(.picture(svg: svg, title: title, text: text.hasSuffix("\n") ? text : text + "\n"))
    }

    /// Writes a replay's echo of a cell or comment: shown, not recorded as
    /// output (the notebook has the cell's command already).
    public func echo(_ text: String) {
        sink(text)
    }

    /// Whether `line` is an `export` cell.
    private func isExport(_ line: String) -> Bool {
        guard let first = try? Lexer.tokens(line).first else { return false }
        return first.text.lowercased() == Verbs.export.name
    }

    func unknownVerb(_ token: Token) -> ShellError {
        var message = "unknown verb '\(token.text)'"
        if let near = Suggestion.nearest(to: token.text, in: Verbs.all.map(\.name)) {
            message += "; did you mean '\(near)'?"
        } else if workspace.table(token.text) != nil {
            message += "; to show the table, write 'head \(token.text)'"
        } else {
            message += "; type 'help' for the list"
        }
        return ShellError(message, at: token)
    }

    /// The error for a table name that is not in the workspace.
    public func unknownTable(_ token: Token) -> ShellError {
        ShellError(workspace.unknownTableMessage(token.text), at: token)
    }

    /// The file a path typed by the user means: `~` expanded; a relative
    /// path that is not there from the working folder is looked up in the
    /// data folders too, so scripts can name `crashcourse/jabril-movie-ratings.csv`
    /// wherever `--data` points.
    public func resolve(path: String) -> String {
        let expanded = UserPath.expand(path)
        let files = FileManager.default
        guard !expanded.hasPrefix("/"), !files.fileExists(atPath: expanded) else { return expanded }
        for folder in dataFolders {
            let candidate = folder.appendingPathComponent(expanded).path
            if files.fileExists(atPath: candidate) { return candidate }
        }
        return expanded
    }

    /// Loads the people of ``peopleStore``; returns warnings about lines or
    /// files that could not be read (the rest still loads).
    public func loadPeople() -> [String] {
        guard let peopleStore else { return [] }
        let (loaded, warnings) = peopleStore.loadAll()
        for person in loaded { people[person.name] = person }
        return warnings
    }

    /// Writes an error line to ``errorOutput`` (or ``output``), wrapped
    /// as prose at a terminal.
    public func reportError(_ text: String) {
        relay.erase()
        (errorOutput ?? sink)(prose(text.hasSuffix("\n") ? text : text + "\n"))
    }

    /// Prints a verb's text: recorded as it is, shown wrapped at word
    /// boundaries to the terminal (``ProseWrap``).
    func outputProse(_ text: String) {
        emit(.text(text.hasSuffix("\n") ? text : text + "\n"), wrap: true)
    }

    /// Shows a result: through ``pager`` when it is taller than the
    /// terminal (and paging is on), else printed.
    func present(_ text: String) {
        if settings.pager, isInteractive, let pager, let height = terminalHeight,
           text.reduce(0, { $0 + ($1 == "\n" ? 1 : 0) }) >= height {
            relay.erase()
            pager(text)
        } else {
            sink(text)
        }
    }

    /// `text` wrapped to the terminal: only at a terminal, only in `box`
    /// mode (csv and json lines are data), and not when the cell prints
    /// data (``printsData``: `save TABLE -`).
    func prose(_ text: String) -> String {
        guard let width = terminalWidth, settings.mode == .box, !printsData else { return text }
        return ProseWrap.wrap(text, width: width)
    }

    /// The characters of `line` where the word `subject` stands (a number
    /// also where it was written otherwise: `2e5` for `200000`).
    private func range(of subject: String?, in line: String) -> Range<Int>? {
        guard let subject, let tokens = try? Lexer.tokens(line) else { return nil }
        if let token = tokens.last(where: { $0.text == subject }) { return token.range }
        guard let number = Double(subject) else { return nil }
        return tokens.last(where: { $0.number == number })?.range
    }
}

/// A cell that failed: the message and what part of the line it is about.
public struct CellError: Error, Sendable, Equatable {
    /// What is wrong.
    public var message: String
    /// The cell's text.
    public var line: String
    /// Character offsets of the offending word in ``line``.
    public var range: Range<Int>?
    /// Whether the message was already printed where it happened (a
    /// script's failing line), so ``Session/perform(_:errorPrefix:caretIndent:)``
    /// prints nothing more.
    public var isReported = false

    /// Creates the error of a failed cell.
    public init(message: String, line: String, range: Range<Int>?, isReported: Bool = false) {
        // Whatever threw it, a message is shown on one line (``ErrorText``).
        self.message = ErrorText.oneLine(message)
        self.line = line
        self.range = range
        self.isReported = isReported
    }

    /// A caret line to print under the cell's text when it is shown after a
    /// prompt of `indent` characters, or `nil` when no word is blamed.
    public func caret(indent: Int) -> String? {
        guard let range else { return nil }
        let chars = Array(line)
        var pad = String(repeating: " ", count: indent)
        for c in chars.prefix(min(range.lowerBound, chars.count)) {
            pad += c == "\t" ? "\t" : String(repeating: " ", count: c.displayWidth)
        }
        let covered = range.lowerBound < chars.count ? String(chars[range.lowerBound..<min(range.upperBound, chars.count)]) : " "
        return pad + String(repeating: "^", count: max(1, covered.displayWidth))
    }
}
