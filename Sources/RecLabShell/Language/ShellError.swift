/// An error in a command line: one message and, when known, the characters
/// of the line it is about (the shell draws a caret under them).
public struct ShellError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    public var message: String
    /// Character offsets in the command line.
    public var range: Range<Int>?
    /// Whether the problem was already printed where it happened (a line
    /// of a script run by `run`, with its own file and line), so the cell
    /// fails without printing it again.
    public var isReported = false

    /// Creates an error.
    public init(_ message: String, range: Range<Int>? = nil) {
        self.message = message
        self.range = range
    }

    /// Creates an error pointing at `token`.
    public init(_ message: String, at token: Token?) {
        self.init(message, range: token?.range)
    }

    /// An error whose message was already printed (see ``isReported``).
    public static func reported(_ message: String, at token: Token?) -> ShellError {
        var error = ShellError(message, at: token)
        error.isReported = true
        return error
    }

    /// The message.
    public var description: String { message }
}
