import Foundation

extension Verbs {
    /// `run PATH`: replay a script inside the session.
    static let run = Verb(
        name: "run", group: .shell,
        summary: "replay a script of commands (or a Jupyter notebook's code cells) in this session",
        forms: ["run PATH"],
        example: "run sessions/crashcourse.reclab",
        gives: .nothing
    ) { call in
        let usage = call.usage
        let path = try call.arguments.expectName("a script path", usage: usage)
        try call.arguments.expectEnd(usage: usage)
        let script = try ScriptFile.load(path.text, at: path)
        guard call.session.runDepth < 8 else {
            throw ShellError("scripts nested too deeply (does '\(path.text)' run itself?)", at: path)
        }
        // The script's cells are recorded one by one as they run, so
        // `save session` replays them without the script (and not twice).
        call.skipRecording = true
        call.session.runDepth += 1
        defer { call.session.runDepth -= 1 }
        let ok = ScriptRunner().run(script, in: call.session)
        // The failing line was printed with its file and line; say no more.
        guard ok else { throw ShellError.reported("script '\(path.text)' stopped at an error (above)", at: path) }
        return .nothing
    }
}

/// Reading a script file with one clear error when it can't be read.
public enum ScriptFile {
    /// The most a script may hold: far more than anyone types, far less
    /// than a device that never ends (`run /dev/zero`) would pour in.
    public static let sizeLimit = 16_000_000

    /// The text of the script at `path` (`~` expanded), read through
    /// ``UserFile``: only a regular file, or a pipe when `allowingPipes`
    /// (the command line's `reclab <(…)` or `/dev/stdin`; a pipe inside a
    /// session would wait for input that never comes).
    public static func read(_ path: String, at token: Token?, allowingPipes: Bool = false) throws(ShellError) -> String {
        let expanded = UserPath.expand(path)
        let data: [UInt8]
        do throws(RecLabError) {
            data = try UserFile.read(expanded, limit: sizeLimit, what: "a script", allowingPipes: allowingPipes)
        } catch {
            throw ShellError(RecLabError(error.message, file: path).description, at: token)
        }
        guard !data.contains(0), let text = String(validating: data, as: UTF8.self) else {
            throw ShellError("\(path) is not a text script", at: token)
        }
        return text
    }
}
