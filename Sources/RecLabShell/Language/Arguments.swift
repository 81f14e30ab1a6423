/// The words after a verb, read left to right by the verb's own grammar.
///
/// Each `take…` either consumes the next word and returns it or leaves the
/// position unchanged and returns `nil`; each `expect…` throws a
/// ``ShellError`` pointing at the word that was wrong (or at the verb's end).
public struct Arguments: Sendable {
    /// All words after the verb.
    public let tokens: [Token]
    /// The verb, for errors about a missing word.
    public let verb: Token
    /// The position of the next word.
    public private(set) var position = 0

    /// Creates a cursor at the first word.
    public init(_ tokens: [Token], verb: Token) {
        self.tokens = tokens
        self.verb = verb
    }

    /// Whether every word has been read.
    public var isAtEnd: Bool { position >= tokens.count }

    /// The next word, not consumed.
    public var peek: Token? { position < tokens.count ? tokens[position] : nil }

    /// The word after the next one, not consumed.
    public var peekSecond: Token? { position + 1 < tokens.count ? tokens[position + 1] : nil }

    /// The words not read yet.
    public var remaining: ArraySlice<Token> { tokens[min(position, tokens.count)...] }

    /// Consumes and returns the next word.
    public mutating func next() -> Token? {
        guard let t = peek else { return nil }
        position += 1
        return t
    }

    /// Consumes every remaining word.
    public mutating func takeRest() -> ArraySlice<Token> {
        let rest = remaining
        position = tokens.count
        return rest
    }

    /// Consumes the bare word `keyword` if it is next.
    public mutating func take(_ keyword: String) -> Bool {
        guard let t = peek, t.isWord(keyword) else { return false }
        position += 1
        return true
    }

    /// Consumes the symbol `symbol` if it is next.
    public mutating func takeSymbol(_ symbol: String) -> Bool {
        guard let t = peek, t.isSymbol(symbol) else { return false }
        position += 1
        return true
    }

    /// Consumes the bare word `keyword` or fails saying what was expected.
    public mutating func expect(_ keyword: String, usage: String) throws(ShellError) {
        guard take(keyword) else {
            throw ShellError("expected '\(keyword)'\(found); usage: \(usage)", at: peek ?? endToken)
        }
    }

    /// Consumes a name (a bare word or quoted text), or fails saying which
    /// `what` was expected.
    public mutating func expectName(_ what: String, usage: String) throws(ShellError) -> Token {
        guard let t = peek, t.name != nil else {
            throw ShellError("expected \(what)\(found); usage: \(usage)", at: peek ?? endToken)
        }
        position += 1
        return t
    }

    /// Consumes a whole number if one is next; fails on a number that is not
    /// whole or is out of `range`.
    public mutating func takeInteger(_ what: String, in range: ClosedRange<Int> = 0...Int(Int32.max)) throws(ShellError) -> Int? {
        guard let t = peek, let n = t.number else { return nil }
        guard let whole = WholeNumber.exact(n, in: range) else {
            throw ShellError("\(what) must be a whole number from \(range.lowerBound) to \(range.upperBound)", at: t)
        }
        position += 1
        return whole
    }

    /// Consumes a whole number or fails.
    public mutating func expectInteger(_ what: String, in range: ClosedRange<Int> = 0...Int(Int32.max), usage: String) throws(ShellError) -> Int {
        if let n = try takeInteger(what, in: range) { return n }
        throw ShellError("expected \(what) (a number)\(found); usage: \(usage)", at: peek ?? endToken)
    }

    /// Fails if any word is left, pointing at the first extra one.
    public func expectEnd(usage: String) throws(ShellError) {
        guard let t = peek else { return }
        throw ShellError("unexpected '\(t.text)'; usage: \(usage)", at: t)
    }

    /// `, found 'x'` or `` when at the end.
    private var found: String {
        guard let t = peek else { return "" }
        return ", found '\(t.text)'"
    }

    /// A zero-width token just after the last word, for "expected more".
    public var endToken: Token {
        let end = tokens.last?.range.upperBound ?? verb.range.upperBound
        return Token(.symbol, "", (end + 1)..<(end + 2))
    }
}
