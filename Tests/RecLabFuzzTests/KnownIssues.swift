import Foundation
@testable import RecLabShell

/// Bugs being fixed elsewhere (issue 12) that the fuzzer finds again and
/// again. While one is listed in ``open``, inputs that crash or hang the
/// process because of it are not run in the CI budget, and findings it
/// explains are reported as known, not failed on. When a fix lands, remove
/// its case from ``open``: the fuzzer then runs those inputs again.
enum KnownIssue: String, CaseIterable, Sendable {
    case seedOverflow = "set seed 9223372036854775807 traps converting Double to Int"
    case chartForeignColumns = "scatter T a.x a.x with columns of another table: index out of range"
    case mfCheckpointGrid = "a damaged mf checkpoint's grid size allocates grid² blocks"
    case regexBacktracking = "matches \"(.*)*x\" backtracks for minutes and ignores Ctrl-C"
    case echoedText = "errors echo newlines and very long words as they are"
    case personFileDamage = "person files with CRLF, no final newline or binary junk lose ratings"
    case fifoFiles = "a FIFO as a file blocks reading"
    /// Found by this fuzzer (not in issue 12's list); remove when fixed.
    case wideCSVStackOverflow = "a CSV of 5,000 columns overflows the stack (CSVParseRun.withUninitializedArrays recurses per column)"
    case histHalfStepBars = "hist of a column in half steps with one big value (0.5, 4, 1e6) draws a bar per half step: minutes, Ctrl-C ignored"
    /// (Fixed: shown cells and headers are cut at CellFormatter.longestShownText.)
    case hugeNameRendering = "a table whose column name is 1,000,000 'é' takes over 20 s to show and ignores Ctrl-C (debug build)"
    case effectBeforeShapeError = "rate, unrate, export and 'to PATH.svg' act, then the statement fails: 'x = rate …', 'hist … to a.svg | head'"

    /// The known issues not fixed yet. Empty it as they are fixed.
    static let open: Set<KnownIssue> = []

    /// Whether known crashes and hangs are run anyway (`RECLAB_FUZZ_KNOWN=run`),
    /// to check a fix, in the sandbox.
    static let runAnyway = ProcessInfo.processInfo.environment["RECLAB_FUZZ_KNOWN"] == "run"

    /// Whether `issue` is open and its inputs are to be left out.
    static func avoids(_ issue: KnownIssue) -> Bool { open.contains(issue) && !runAnyway }

    /// The open issue that would crash or hang the process on `line`, if any.
    static func avoided(_ line: String) -> KnownIssue? {
        // Nothing to leave out: no need to read the line (a megabyte-long
        // one takes a while).
        guard open.contains(where: avoids) else { return nil }
        guard let tokens = try? Lexer.tokens(line) else { return nil }
        let words = tokens.map { $0.text.lowercased() }
        if avoids(.seedOverflow), words.contains(where: { $0.hasPrefix("seed") }),
           tokens.contains(where: { abs($0.number ?? 0) >= 9.0e18 }) {
            return .seedOverflow
        }
        if avoids(.chartForeignColumns),
           words.contains(where: { ["scatter", "plot", "hist", "pca"].contains($0) }),
           tokens.contains(where: { $0.kind != .symbol && $0.text.contains(".") && !$0.text.hasSuffix(".svg") }) {
            return .chartForeignColumns
        }
        if avoids(.regexBacktracking), words.contains("matches"),
           line.range(of: #"\)[*+?{]|[*+]\)?[*+{]"#, options: .regularExpression) != nil {
            return .regexBacktracking
        }
        return nil
    }

    /// The issue that explains a finding on `input` (the statement, and
    /// the text of a file it read), if one is open.
    static func explaining(_ kind: Finding.Kind, input: String, message: String) -> KnownIssue? {
        switch kind {
        case .changedAfterError where open.contains(.effectBeforeShapeError):
            // The binding failed, or a later stage of a pipe did.
            let shapeErrors = ["gives no table to", "cannot be bound", "names its tables itself"]
            return shapeErrors.contains(where: message.contains) || input.contains("|") ? .effectBeforeShapeError : nil
        case .multiLineError where open.contains(.echoedText):
            // The line break came from the input, echoed.
            let breaks = Set(message.filter(\.isNewline).unicodeScalars), given = Set(input.unicodeScalars)
            return breaks.isSubset(of: given) ? .echoedText : nil
        case .longError where open.contains(.echoedText):
            // A long input echoed (a word, a quoted string, the paths of a
            // line), or every column of a wide table listed.
            return input.count >= 500 || message.contains("(columns: ") || message.contains("(tables: ") ? .echoedText : nil
        default:
            return nil
        }
    }
}
