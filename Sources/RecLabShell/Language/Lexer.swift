/// Splits a command line into ``Token``s.
///
/// Words run until white space or one of `= < > ! | , ( ) ; " #`, so paths
/// (`../data/ratings.csv`), dotted names (`avg.mean`) and `nbrs=15` lex as
/// expected. `#` outside quotes starts a comment.
public enum Lexer {
    /// `text` as a quoted string the lexer reads back as `text`: in
    /// double quotes, with `\` and `"` escaped. For cells reclab writes
    /// itself (`load "PATH"` for `reclab FILE.csv`).
    public static func quoted(_ text: String) -> String {
        var result = "\""
        for character in text {
            if character == "\\" || character == "\"" { result.append("\\") }
            result.append(character)
        }
        return result + "\""
    }

    /// The tokens of `line`, or an error pointing at an unterminated string.
    public static func tokens(_ line: String) throws(ShellError) -> [Token] {
        let chars = Array(line)
        var tokens: [Token] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace { i += 1; continue }
            if c == "#" { break }
            if c == "\"" {
                let start = i
                var text = ""
                i += 1
                var closed = false
                while i < chars.count {
                    if chars[i] == "\\", i + 1 < chars.count, chars[i + 1] == "\"" || chars[i + 1] == "\\" {
                        text.append(chars[i + 1])
                        i += 2
                        continue
                    }
                    if chars[i] == "\"" { closed = true; i += 1; break }
                    text.append(chars[i])
                    i += 1
                }
                if !closed {
                    throw ShellError("unterminated string: add the closing \"", range: start..<chars.count)
                }
                tokens.append(Token(.string, text, start..<i))
                continue
            }
            if let symbol = symbol(at: i, in: chars) {
                tokens.append(Token(.symbol, symbol, i..<(i + symbol.count)))
                i += symbol.count
                continue
            }
            if c == "!" {
                throw ShellError("unexpected '!': did you mean '!=' or 'not'?", range: i..<(i + 1))
            }
            let start = i
            while i < chars.count, !chars[i].isWhitespace, !stops.contains(chars[i]) { i += 1 }
            let word = String(chars[start..<i])
            tokens.append(Token(classify(word), word, start..<i))
        }
        return tokens
    }

    private static let stops: Set<Character> = ["=", "<", ">", "!", "|", ",", "(", ")", ";", "\"", "#"]

    private static func symbol(at i: Int, in chars: [Character]) -> String? {
        let next: Character? = i + 1 < chars.count ? chars[i + 1] : nil
        switch chars[i] {
        case "=": return next == "=" ? "==" : "="
        case "!": return next == "=" ? "!=" : nil
        case "<": return next == "=" ? "<=" : "<"
        case ">": return next == "=" ? ">=" : ">"
        case "|", ",", "(", ")", ";": return String(chars[i])
        default: return nil
        }
    }

    private static func classify(_ word: String) -> Token.Kind {
        if word.hasSuffix("%"), let p = Double(word.dropLast()), p.isFinite { return .percent(p) }
        if let first = word.first, first.isNumber || first == "-" || first == "." || first == "+",
           let n = Double(word), n.isFinite {
            return .number(n)
        }
        return .word
    }
}
