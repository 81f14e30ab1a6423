import Foundation
import RecLabShell

extension Kernel {
    /// What `kernel_info_request` is answered with: the protocol and the
    /// language, so front ends name cells' language and files' extension.
    var kernelInfo: JupyterMessage.JSON {
        [
            "status": "ok",
            "protocol_version": JupyterMessage.protocolVersion,
            "implementation": "reclab",
            "implementation_version": KernelSpec.version,
            "language_info": [
                "name": "reclab",
                "version": KernelSpec.version,
                "mimetype": "text/x-reclab",
                "file_extension": ".reclab",
                "pygments_lexer": "text",
                "codemirror_mode": "shell",
            ],
            "banner": "reclab \(KernelSpec.version) — explore recommender systems one step at a time; type help for the verbs.",
            "help_links": [Any](),
        ]
    }

    /// The characters that end a word for completion, as at the prompt.
    static let wordBreaks: Set<Character> = [" ", "\t", "\n", "=", "<", ">", "|", ",", "(", ")"]

    /// `complete_request`: the shell's completer on the word before the
    /// cursor (positions count Unicode scalars, as protocol 5.2 and later do).
    func complete(_ content: JupyterMessage.JSON) -> JupyterMessage.JSON {
        let code = content["code"] as? String ?? ""
        let scalars = Array(code.unicodeScalars)
        let cursor = min(max(content["cursor_pos"] as? Int ?? scalars.count, 0), scalars.count)
        let upToCursor = String(String.UnicodeScalarView(scalars[..<cursor]))
        let line = upToCursor.split(separator: "\n", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        // Inside quotes a title runs on across spaces, so the word starts after the quote.
        let quotes = line.filter { $0 == "\"" }.count
        var word = ""
        for character in line.reversed() {
            if quotes % 2 == 0 ? Kernel.wordBreaks.contains(character) : character == "\"" { break }
            word.insert(character, at: word.startIndex)
        }
        let before = String(line.dropLast(word.count))
        var matches: [String]
        if quotes % 2 == 1, !before.isEmpty {
            // The completer gives the rest of each title from the last word typed; give whole titles.
            let lastSpace = word.lastIndex(of: " ").map { word.index(after: $0) } ?? word.startIndex
            let head = String(word[..<lastSpace])
            matches = Completer(session: session).complete(word: String(word[lastSpace...]), before: before + head)
                .map { head + $0 }
        } else {
            matches = Completer(session: session).complete(word: word, before: before)
        }
        if matches.count > 200 { matches = Array(matches.prefix(200)) }
        return [
            "status": "ok", "matches": matches, "metadata": [String: Any](),
            "cursor_start": cursor - word.unicodeScalars.count, "cursor_end": cursor,
        ]
    }

    /// `inspect_request`: `help VERB` for the verb under the cursor.
    func inspect(_ content: JupyterMessage.JSON) -> JupyterMessage.JSON {
        let code = content["code"] as? String ?? ""
        let scalars = Array(code.unicodeScalars)
        let cursor = min(max(content["cursor_pos"] as? Int ?? scalars.count, 0), scalars.count)
        var start = cursor, end = cursor
        let isWord = { (s: Unicode.Scalar) in CharacterSet.alphanumerics.contains(s) || s == "_" }
        while start > 0, isWord(scalars[start - 1]) { start -= 1 }
        while end < scalars.count, isWord(scalars[end]) { end += 1 }
        let word = String(String.UnicodeScalarView(scalars[start..<end])).lowercased()
        guard let verb = Session.verbs[word] else {
            return ["status": "ok", "found": false, "data": [String: Any](), "metadata": [String: Any]()]
        }
        return ["status": "ok", "found": true, "data": ["text/plain": HelpText.verb(verb)], "metadata": [String: Any]()]
    }

    /// `is_complete_request`: a cell ending in `\` or inside a quote goes on.
    func isComplete(_ content: JupyterMessage.JSON) -> JupyterMessage.JSON {
        let code = content["code"] as? String ?? ""
        let last = code.split(separator: "\n", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        let continues = last.hasSuffix("\\") && !ScriptRunner.isComment(last)
        let openQuote = ScriptRunner.cells(code).last.map { ScriptRunner.join($0.lines).filter { $0 == "\"" }.count % 2 == 1 } ?? false
        if continues || openQuote { return ["status": "incomplete", "indent": ""] }
        return ["status": "complete"]
    }

    /// `history_request`: the cells run in this kernel, as `(session,
    /// line, input)` (or `(session, line, (input, output))` with `output`;
    /// reclab keeps no output text, so it is empty). `tail` gives the last
    /// `n`; `range` lines `start..<stop`; `search` those matching a glob,
    /// `unique` keeping each input once, at most the last `n`.
    func history(_ content: JupyterMessage.JSON) -> JupyterMessage.JSON {
        var entries = inputs.enumerated().map { (line: $0.offset + 1, input: $0.element) }
        let n = content["n"] as? Int
        switch content["hist_access_type"] as? String {
        case "tail":
            if let n, n >= 0 { entries = Array(entries.suffix(n)) }
        case "range":
            let start = content["start"] as? Int ?? 1
            let stop = content["stop"] as? Int ?? Int.max
            if let session = content["session"] as? Int, session != Kernel.historySession { entries = [] }
            entries = entries.filter { $0.line >= start && $0.line < stop }
        case "search":
            let pattern = content["pattern"] as? String ?? "*"
            entries = entries.filter { Kernel.glob(pattern, matches: $0.input) }
            if content["unique"] as? Bool == true {
                var seen = Set<String>()
                entries = entries.reversed().filter { seen.insert($0.input).inserted }.reversed()
            }
            if let n, n >= 0 { entries = Array(entries.suffix(n)) }
        default:
            break
        }
        let withOutput = content["output"] as? Bool ?? false
        let history = entries.map { entry -> [Any] in
            [Kernel.historySession, entry.line, withOutput ? [entry.input, ""] as [Any] : entry.input]
        }
        return ["status": "ok", "history": history]
    }

    /// The session number history entries carry: one kernel, one session.
    static let historySession = 1

    /// Whether `text` matches a history search's glob (`*` any run, `?` one character).
    static func glob(_ pattern: String, matches text: String) -> Bool {
        let p = Array(pattern), t = Array(text)
        var memo: [[Bool?]] = Array(repeating: Array(repeating: nil, count: t.count + 1), count: p.count + 1)
        func match(_ i: Int, _ j: Int) -> Bool {
            if let known = memo[i][j] { return known }
            let result: Bool
            if i == p.count { result = j == t.count }
            else if p[i] == "*" { result = match(i + 1, j) || (j < t.count && match(i, j + 1)) }
            else { result = j < t.count && (p[i] == "?" || p[i] == t[j]) && match(i + 1, j + 1) }
            memo[i][j] = result
            return result
        }
        return match(0, 0)
    }
}
