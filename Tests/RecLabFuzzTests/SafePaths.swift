import Foundation
@testable import RecLabShell

/// Moves every path a generated line names into the fuzzer's temporary
/// folder, so no statement reads or writes a real file: written paths go to
/// `ROOT/out/`, scripts run from `ROOT/scripts/` (which holds only lines
/// that went through here), other reads from `ROOT/`.
///
/// Each verb is classified below; a new verb is refused by
/// `SafePathsTests` until it is, and until then every word after it is
/// taken for a path.
struct SafePaths {
    /// The temporary folder.
    let root: URL
    private let rootPath: String

    init(root: URL) {
        self.root = root
        rootPath = root.path
    }

    /// Verbs that name no file.
    static let pureVerbs: Set<String> = [
        "tables", "drop", "head", "tail", "describe", "select", "filter", "sort", "top", "stats", "join", "sample", "split",
        "pivot", "find", "unrate", "forget", "ratings", "people", "blend", "train", "fit", "models", "recommend", "predict", "explain",
        "evaluate", "compare", "crossfold", "similar", "bias", "history", "set", "help", "quit",
    ]
    /// Verbs that name files, handled one by one in ``rewrite(_:)``.
    static let fileVerbs: Set<String> = ["load", "save", "export", "run", "rate", "hist", "plot", "scatter", "pca", "tune"]

    /// `line` with its paths moved into ``root``. A line that does not
    /// lex or parse is returned as it is: the session runs none of it.
    func rewrite(_ line: String) -> String {
        guard let tokens = try? Lexer.tokens(line) else { return line }
        var replacements: [(range: Range<Int>, text: String)] = []
        for part in Statement.split(tokens) {
            guard let statement = try? Statement.parse(part) else { return line }
            for call in statement.calls {
                replacements += paths(in: call).map { ($0.token.range, quotedPath($0.token.text, area: $0.area)) }
            }
        }
        // One pass: a line of 100,000 words has as many replacements.
        let chars = Array(line)
        var out = "", at = 0
        for (range, text) in replacements.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) where range.lowerBound >= at {
            out += String(chars[at ..< range.lowerBound]) + text
            at = range.upperBound
        }
        return out + String(chars[at...])
    }

    /// Where a path goes: written (`out/`), a script (`scripts/`) or read.
    enum Area: String { case out = "out/", scripts = "scripts/", read = "" }

    /// The words of `call` that are (or may be) paths.
    private func paths(in call: Statement.Call) -> [(token: Token, area: Area)] {
        let verb = call.verb.text.lowercased()
        let args = call.arguments.filter { $0.kind != .symbol }
        var found: [(Token, Area)] = []
        // `to PATH` and `from PATH` in any verb.
        for (k, token) in args.enumerated().dropLast() where token.isWord("to") || token.isWord("from") {
            found.append((args[k + 1], token.isWord("to") ? .out : .read))
        }
        switch verb {
        case _ where Self.pureVerbs.contains(verb): break
        case "rate", "hist", "plot", "scatter", "pca", "tune": break
        case "save":
            // The table (or `session`, or `model` and the model) stays.
            let kept = args.first?.isWord("model") == true && args.count >= 3 ? 2 : 1
            found += args.dropFirst(kept).map { ($0, .out) }
        case "export": found += args.map { ($0, .out) }
        case "run": found += args.map { ($0, .scripts) }
        case "load":
            var k = 0
            while k < args.count {
                let token = args[k]
                if k == 0, token.isWord("model") { k += 1; continue }
                if k == 0, token.isWord("movielens") { k += 2; continue }
                if token.isWord("as") { k += 2; continue }
                found.append((token, .read))
                k += 1
            }
        default: found += args.map { ($0, .out) }
        }
        return found
    }

    /// `text` as a quoted path under ``root``: its parts kept when they
    /// are plain names, `..`, `~`, `/` and odd characters dropped.
    func quotedPath(_ text: String, area: Area) -> String {
        var parts = text.split(separator: "/").filter { $0 != "." && $0 != ".." && !$0.hasPrefix("~") }.map { part in
            String(part.prefix(300).map { $0.isLetter || $0.isNumber || "._- ".contains($0) ? $0 : "_" })
        }
        if area == .scripts, parts.first == "scripts" { parts.removeFirst() }
        if parts.isEmpty { parts = ["x"] }
        return FuzzContext.quoted(rootPath + "/" + area.rawValue + parts.joined(separator: "/"))
    }
}
