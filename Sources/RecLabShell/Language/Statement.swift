/// One cell parsed: optional names to bind, then a pipeline of verb calls.
///
/// `top = stats ratings by movieId | filter count > 20` has targets `[top]`
/// and two calls; `train, test = split ratings 80%` has two targets.
public struct Statement: Sendable {
    /// The names before `=` (empty for a bare command).
    public var targets: [Token]
    /// The verb calls joined by `|`, in order.
    public var calls: [Call]

    /// One verb and the words after it, up to the next `|`.
    public struct Call: Sendable {
        /// The verb word.
        public var verb: Token
        /// The words after the verb.
        public var arguments: [Token]
    }

    /// The statement as the user wrote it, cut from the line's characters.
    public func text(in line: [Character]) -> String {
        String(line[range(in: line)])
    }

    /// Where the statement stands in the line's characters.
    public func range(in line: [Character]) -> Range<Int> {
        let first = targets.first?.range.lowerBound ?? calls.first?.verb.range.lowerBound ?? 0
        let last = calls.last.map { ($0.arguments.last ?? $0.verb).range.upperBound } ?? first
        let end = min(last, line.count)
        return min(first, end)..<end
    }

    /// Parses the tokens of one statement (no `;` inside).
    public static func parse(_ tokens: [Token]) throws(ShellError) -> Statement? {
        guard !tokens.isEmpty else { return nil }
        var targets: [Token] = []
        var rest = tokens[...]
        if let eq = bindingEquals(tokens) {
            targets = tokens[..<eq].filter { $0.kind != .symbol }
            for t in targets where !isName(t.text) {
                throw ShellError("'\(t.text)' cannot be a name: use letters, digits and _", at: t)
            }
            if let reserved = targets.first(where: { $0.text == "_" }) {
                throw ShellError("'_' is always the last result; pick another name", at: reserved)
            }
            rest = tokens[(eq + 1)...]
            guard !rest.isEmpty else {
                throw ShellError("nothing after '=': write NAME = COMMAND", at: tokens[eq])
            }
        }
        var calls: [Call] = []
        var current: [Token] = []
        for t in rest {
            if t.isSymbol("|") {
                try calls.append(call(from: current, before: t))
                current = []
            } else {
                current.append(t)
            }
        }
        try calls.append(call(from: current, before: tokens.last))
        return Statement(targets: targets, calls: calls)
    }

    /// Splits a line's tokens at `;` into statements' tokens.
    public static func split(_ tokens: [Token]) -> [[Token]] {
        var parts: [[Token]] = [[]]
        for t in tokens {
            if t.isSymbol(";") { parts.append([]) } else { parts[parts.count - 1].append(t) }
        }
        return parts.filter { !$0.isEmpty }
    }

    /// The index of the `=` of `NAME [, NAME]... =`, if the line starts so.
    private static func bindingEquals(_ tokens: [Token]) -> Int? {
        var i = 0
        while i < tokens.count {
            guard tokens[i].kind == .word else { return nil }
            i += 1
            guard i < tokens.count else { return nil }
            if tokens[i].isSymbol("=") { return i }
            guard tokens[i].isSymbol(",") else { return nil }
            i += 1
        }
        return nil
    }

    private static func call(from tokens: [Token], before next: Token?) throws(ShellError) -> Call {
        guard let verb = tokens.first else {
            throw ShellError("a '|' needs a command on each side", at: next)
        }
        guard verb.kind == .word else {
            throw ShellError("expected a verb, found '\(verb.text)'", at: verb)
        }
        return Call(verb: verb, arguments: Array(tokens.dropFirst()))
    }

    /// Whether `text` is usable as a binding name.
    public static func isName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first,
              first == "_" || first.properties.isAlphabetic else { return false }
        return text.unicodeScalars.allSatisfy { $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
    }
}
