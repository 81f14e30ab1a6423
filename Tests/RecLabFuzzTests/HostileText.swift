/// Words and numbers that have broken parsers before: the fuzzer mixes
/// them into statements and data files in place of ordinary values.
enum HostileText {
    /// Numbers at and past the edges of Int, Double and the verbs' ranges.
    static let numbers: [String] = [
        "0", "-0", "1", "-1", "2", "3", "10", "0.5", "-0.5", "1e308", "-1e308", "1e309", "4.9e-324", "1e-320",
        "nan", "NaN", "-nan", "inf", "-inf", "Infinity", "9223372036854775807", "9223372036854775808",
        "-9223372036854775808", "-9223372036854775809", "18446744073709551615", "18446744073709551616",
        "2147483647", "2147483648", "-2147483649", "4294967296", "1000000000", "1e15", "1e18", "1e19",
        "99999999999999999999999", "0x10", "1_000", "1,5", "3,5", "+5", "--1", "1e", ".5", "5.", "0.0000001",
        "100%", "0%", "-5%", "101%", "1e300%", "nan%", "50.5%",
    ]

    /// Unicode that is wide, combining, right-to-left or invisible.
    static let unicode: [String] = [
        "é", "e\u{301}", "e\u{301}\u{301}\u{301}\u{301}", "\u{202E}txet", "שלום", "مرحبا", "😀", "👨‍👩‍👧‍👦",
        "🇫🇷", "電影", "映画ｱﾆﾒ", "\u{FEFF}", "\u{200B}", "\u{00A0}", "Ω", "ß", "İ", "\u{1F600}\u{FE0F}", "𝔘𝔫𝔦",
        "\u{0300}", "ﬁ", "Å", "한국어", "\u{2028}", "\u{2029}",
    ]

    /// Control characters, the newline among them.
    static let controls: [String] = [
        "\n", "\r", "\r\n", "\t", "\u{0}", "\u{7}", "\u{8}", "\u{1B}[31m", "\u{1B}", "\u{7F}", "\u{85}", "\u{C}", "\u{B}",
    ]

    /// Punctuation the lexer and the expression parser treat specially.
    static let symbols: [String] = [
        "|", ";", "=", "==", "!=", "!", "<", "<=", ">", ">=", ",", "(", ")", "\"", "\\", "#", "%", "..", "...", "…",
        "-", "--", "*", "?", "~", "~/", "/", "$", "`", "'", "&&", "\\\"", "\"\"",
    ]

    /// Regular expressions (polite ones; the backtracking ones are a known issue).
    static let patterns: [String] = [
        "^Star", "a.c", "[", "(", "\\", "(?i)the", "[[:alpha:]]", "\\p{Han}", "^$", ".*", "x{2,3}", "(a|b)", "\\d+", ")",
    ]

    /// A word of `length` characters (1,000 to 100,000 for "very long").
    static func long(_ random: inout FuzzRandom) -> String {
        // 100,000 rarely: the fuzzer's own lexing of such a line costs more than the statement.
        let length = random.chance(0.05) ? 100_000 : random.pick([300, 1_000, 5_000])
        return String(repeating: random.pick(["a", "é", "電", "9", "x y"]), count: length)
    }

    /// One hostile word of any of the kinds above.
    static func any(_ random: inout FuzzRandom) -> String {
        switch random.below(10) {
        case 0, 1, 2: return random.pick(numbers)
        case 3, 4: return random.pick(unicode)
        case 5: return random.pick(controls)
        case 6, 7: return random.pick(symbols)
        case 8: return random.chance(0.3) ? long(&random) : random.pick(patterns)
        default: return random.pick(unicode) + random.pick(controls) + random.pick(numbers)
        }
    }
}
