import Foundation

extension Verbs {
    /// `run PATH`: replay a script inside the session.
    static let run = Verb(
        name: "run", group: .shell,
        summary: "replay a script of commands in this session",
        forms: ["run PATH"],
        example: "run sessions/crashcourse.reclab"
    ) { call in
        let usage = "run PATH"
        let path = try call.arguments.expectName("a script path", usage: usage)
        try call.arguments.expectEnd(usage: usage)
        let text = try ScriptFile.read(path.text, at: path)
        guard call.session.runDepth < 8 else {
            throw ShellError("scripts nested too deeply (does '\(path.text)' run itself?)", at: path)
        }
        // The script's cells are recorded one by one as they run, so
        // `save session` replays them without the script (and not twice).
        call.skipRecording = true
        call.session.runDepth += 1
        defer { call.session.runDepth -= 1 }
        let ok = ScriptRunner().run(text, name: path.text, in: call.session)
        // The failing line was printed with its file and line; say no more.
        guard ok else { throw ShellError.reported("script '\(path.text)' stopped at an error (above)", at: path) }
        return .nothing
    }
}

/// Reading a script file with one clear error when it can't be read.
public enum ScriptFile {
    /// The text of the script at `path` (`~` expanded).
    public static func read(_ path: String, at token: Token?) throws(ShellError) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: expanded, isDirectory: &isDirectory) else {
            throw ShellError("no such file: \(path)", at: token)
        }
        guard !isDirectory.boolValue else { throw ShellError("\(path) is a folder, not a script", at: token) }
        // Read through a handle so pipes and /dev/stdin work as well as files.
        guard let handle = FileHandle(forReadingAtPath: expanded),
              let data = try? handle.readToEnd() ?? Data() else {
            throw ShellError("cannot read \(path)", at: token)
        }
        guard let text = String(data: data, encoding: .utf8), !data.contains(0) else {
            throw ShellError("\(path) is not a text script", at: token)
        }
        return text
    }
}
