/// An error the engine reports to the user: one clear line, with where it
/// happened when that is known.
///
/// Every failure of user input is a `RecLabError`; nothing on an input path
/// traps. The shell prints ``description`` and, when ``subject`` names a word
/// the user typed, puts a caret under it.
public struct RecLabError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, as a sentence fragment without a trailing period.
    public var message: String
    /// The file the problem is in, when it came from a file.
    public var file: String?
    /// The 1-based line of ``file``.
    public var line: Int?
    /// The word of the user's command the error is about (a column, a table,
    /// a value), so the shell can point at it.
    public var subject: String?

    /// Creates an error with a message and, optionally, where it is.
    public init(_ message: String, file: String? = nil, line: Int? = nil, subject: String? = nil) {
        self.message = message
        self.file = file
        self.line = line
        self.subject = subject
    }

    /// `file:line: message`, or just the message.
    public var description: String {
        switch (file, line) {
        case let (file?, line?): return "\(file):\(line): \(message)"
        case let (file?, nil): return "\(file): \(message)"
        default: return message
        }
    }

    /// The error a long operation throws when the user pressed Ctrl-C.
    public static let cancelled = RecLabError("cancelled (Ctrl-C); nothing changed")

    /// Whether this is the Ctrl-C error.
    public var isCancellation: Bool { self == .cancelled }
}
