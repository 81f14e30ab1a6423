/// How every error message is made fit for one line of a terminal: the
/// one place names and values echoed back are escaped and shortened.
///
/// Messages quote what the user typed or what a file held (a column's
/// header cell, a model file's kind name, a word), and those can hold
/// newlines, control characters or 100,000 characters. ``CellError`` passes
/// every message through ``oneLine(_:)``, whatever threw it.
public enum ErrorText {
    /// The most characters kept of one run without spaces; longer runs keep
    /// their start and end around an ellipsis.
    public static let longestRun = 160

    /// The most characters of a whole message (text read from a damaged
    /// file can be long and full of spaces); longer ones keep their start
    /// and end around an ellipsis.
    public static let longestMessage = 600

    /// `message` on one line: control characters escaped (`\n`, `\t`,
    /// `\u{1B}`), each run of more than ``longestRun`` characters without a
    /// space cut to its first 120 and last 30 around `…`, and the whole cut
    /// likewise to ``longestMessage``.
    public static func oneLine(_ message: String) -> String {
        var out = ""
        var run = ""
        func flush() {
            if run.count > longestRun { run = run.prefix(120) + "…" + run.suffix(30) }
            out += run
            run = ""
        }
        for scalar in message.unicodeScalars {
            switch scalar {
            case " ":
                flush()
                out.unicodeScalars.append(scalar)
            case "\n": run += "\\n"
            case "\r": run += "\\r"
            case "\t": run += "\\t"
            default:
                if scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}" {
                    run += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                } else {
                    run.unicodeScalars.append(scalar)
                }
            }
        }
        flush()
        guard out.count > longestMessage else { return out }
        return out.prefix(longestMessage - 150) + " … " + out.suffix(147)
    }
}
