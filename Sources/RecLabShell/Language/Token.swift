/// One word of a command line, with where it stands in the line so errors
/// can point at it.
public struct Token: Sendable, Equatable {
    /// What kind of word it is.
    public enum Kind: Sendable, Equatable {
        /// A bare word: a verb, a name, a path, a keyword.
        case word
        /// A number: `4`, `4.5`, `1e-3`, `-2`.
        case number(Double)
        /// A percentage: `10%` (value 10).
        case percent(Double)
        /// Text in double quotes (the quotes removed, escapes resolved).
        case string
        /// One of `= == != < <= > >= | , ( ) ;`.
        case symbol
    }

    /// The kind.
    public var kind: Kind
    /// The text: the word, the string's content, or the symbol.
    public var text: String
    /// Character offsets in the line (for the caret under an error).
    public var range: Range<Int>

    /// Creates a token.
    public init(_ kind: Kind, _ text: String, _ range: Range<Int>) {
        self.kind = kind
        self.text = text
        self.range = range
    }

    /// Whether this is the bare word `word` (case-insensitive).
    public func isWord(_ word: String) -> Bool {
        kind == .word && text.lowercased() == word
    }

    /// Whether this is the symbol `symbol`.
    public func isSymbol(_ symbol: String) -> Bool {
        kind == .symbol && text == symbol
    }

    /// The number this token holds, if it is one.
    public var number: Double? {
        if case .number(let n) = kind { return n }
        return nil
    }

    /// The word or string's text, if it is one of those.
    public var name: String? {
        kind == .word || kind == .string ? text : nil
    }
}
