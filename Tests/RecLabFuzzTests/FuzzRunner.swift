import Foundation
import RecLab
@testable import RecLabShell

/// Runs generated inputs through a ``Session`` whose whole world (data,
/// people, scripts, written files) is a temporary folder, and checks each:
/// no trap (``CrashReporter`` names the input if there is one), no hang
/// (``Watchdog``), every error one line, nothing changed by a failed statement.
final class FuzzRunner {
    let files: FuzzFiles
    private(set) var session: Session
    let findings = Findings()
    let watchdog: Watchdog
    let seed: UInt64
    /// How many statements ran, failed, and were left out as known issues.
    private(set) var statements = 0, errors = 0, avoided = 0
    private(set) var avoidedBy: [KnownIssue: Int] = [:]
    /// Seconds spent in the session's `execute` (the rest is the fuzzer's).
    private(set) var executing = 0.0
    /// Seconds spent making fresh sessions.
    private(set) var settingUp = 0.0
    /// The file each input is written to before it runs.
    let caseFile: String
    /// The listing of the folder after the last statement, when that
    /// statement failed (and so, checked, changed nothing) and nothing has
    /// been changed since (``FuzzFiles/changes``): the next statement's
    /// "before" without walking the folder again. Walking it before every
    /// statement took nine tenths of a campaign's time.
    private var listing: (files: [String], changes: Int)?

    init(seed: UInt64, timeLimit: TimeInterval = FuzzBudget.timeLimit) throws {
        self.seed = seed
        files = try FuzzFiles(seed: seed)
        caseFile = files.root.path + "/case.txt"
        CrashReporter.install(caseFile: caseFile)
        watchdog = Watchdog(limit: timeLimit)
        session = Session(output: { _ in })
        try reset()
    }

    deinit { watchdog.stop() }

    /// A fresh session on the folder, with the release loaded, three people
    /// and three models: what the generated statements work on. `out/` and
    /// `people/` start empty.
    func reset() throws {
        let started = Date()
        defer { settingUp += Date().timeIntervalSince(started) }
        listing = nil
        // What the last episode wrote and the people it made go: left,
        // they grew with every episode, and so did the checks before every
        // statement (a 200,000-statement seed ran at a fifth of the speed).
        files.empty("out")
        files.empty("people")
        session = Session(dataFolders: [files.root.appendingPathComponent("data")], output: { _ in })
        session.movieLensSource = nil
        session.settings.width = 100
        session.peopleStore = PeopleStore(folder: files.root.appendingPathComponent("people"))
        _ = session.loadPeople()
        for line in ["load movielens small", "rate me 1 4.5", "rate me 2 3", "rate jabril 7 5", "rate jgb 1 2",
                     "train userknn", "b = train bias", "m = train mf epochs=1 factors=3", "s = stats ratings by movieId"] {
            if let error = session.execute(line) { throw FuzzSetupError("\(line): \(error.message)") }
        }
    }

    /// What the next statement may name.
    var context: FuzzContext { FuzzContext(session: session, files: files) }

    /// Runs `line` (paths already inside the folder) and checks it;
    /// returns whether it succeeded.
    @discardableResult
    ///
    /// `input` is how the report shows the case (default: `line`), and
    /// `read` the text of a file the statement reads, which an error may
    /// echo (for telling known issues).
    func check(_ line: String, origin: String, input: String? = nil, read: String = "") -> Bool {
        if let issue = KnownIssue.avoided(line) {
            avoided += 1
            avoidedBy[issue, default: 0] += 1
            return false
        }
        statements += 1
        CrashReporter.running("seed \(seed) \(origin): \(line)")
        let ignored: Set<String> = ["case.txt"]
        let known = listing.flatMap { $0.changes == files.changes ? $0.files : nil }
        listing = nil
        let before = WorkspaceState(session, root: files.root, ignoring: ignored, files: known)
        let started = Date()
        let (error, slow) = watchdog.time(line, cancellation: session.cancellation) { session.execute(line) }
        executing += Date().timeIntervalSince(started)
        let shown = input ?? line
        if slow {
            findings.add(Finding(kind: .slow, input: shown, detail: "over \(Int(FuzzBudget.timeLimit)) s, cancelled", origin: origin))
        }
        guard let error else { return true }
        errors += 1
        let message = error.message
        func add(_ kind: Finding.Kind, _ detail: String) {
            findings.add(Finding(kind: kind, input: shown, detail: detail, origin: origin,
                                 known: KnownIssue.explaining(kind, input: shown + "\n" + read, message: kind == .changedAfterError ? detail : message)))
        }
        if message.contains(where: \.isNewline) { add(.multiLineError, message) }
        if message.count > 1_000 { add(.longError, message) }
        if message.isEmpty { add(.emptyError, "(empty)") }
        if !slow, Self.isOneStatement(line) {
            let after = WorkspaceState(session, root: files.root, ignoring: ignored)
            if after != before { add(.changedAfterError, "\(message) — \(before.difference(to: after))") }
            listing = (after.files, files.changes)
        }
        return false
    }

    /// Whether `line` is one statement and not a `run` (a script stopped
    /// by an error keeps its cells before it, as a replay does).
    static func isOneStatement(_ line: String) -> Bool {
        guard let tokens = try? Lexer.tokens(line) else { return true }
        let parts = Statement.split(tokens)
        guard parts.count <= 1, let part = parts.first, let statement = try? Statement.parse(part) else { return parts.count <= 1 }
        return !statement.calls.contains { $0.verb.isWord("run") }
    }
}

struct FuzzSetupError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
