/// A script ready to replay: its text, and how an error names the line it
/// came from. A `.reclab` file's lines are named by number (`lab.reclab:7`);
/// a Jupyter notebook's, read as a script (``NotebookScript``), by cell
/// (`lab.ipynb:cell 3`), since its script lines are nowhere in the file.
public struct ReplayScript: Sendable {
    /// The script's text, one statement or comment a line.
    public var text: String
    /// The file it was read from, as the user named it.
    public var name: String
    /// For a notebook, where each line of ``text`` is in it (`cell 3`),
    /// first line first; `nil` for a plain script.
    var places: [String]?

    /// A plain script named `name`.
    public init(text: String, name: String) {
        self.text = text
        self.name = name
        places = nil
    }

    /// The script of a notebook: `lines` joined, each named by `places`.
    init(lines: [String], places: [String], name: String) {
        text = lines.joined(separator: "\n")
        self.name = name
        self.places = places
    }

    /// Where the script's `line` (counting from 1) is, for an error's
    /// prefix: `NAME:LINE`, or `NAME:cell N` for a notebook.
    public func location(ofLine line: Int) -> String {
        if let places, places.indices.contains(line - 1) { return "\(name):\(places[line - 1])" }
        return "\(name):\(line)"
    }
}

extension ScriptFile {
    /// The script at `path`, read as ``read(_:at:allowingPipes:)`` reads
    /// it; a Jupyter notebook (`.ipynb`) is read as the script of its cells.
    ///
    /// - Throws: ``ShellError`` when the file cannot be read or is not a
    ///   notebook its name says it is; nothing has run then.
    public static func load(_ path: String, at token: Token?, allowingPipes: Bool = false) throws(ShellError) -> ReplayScript {
        let text = try read(path, at: token, allowingPipes: allowingPipes)
        guard NotebookScript.isNotebook(path) else { return ReplayScript(text: text, name: path) }
        do throws(ShellError) {
            let (lines, places) = try NotebookScript.script(text, name: path)
            return ReplayScript(lines: lines, places: places, name: path)
        } catch {
            throw ShellError(error.message, at: token)
        }
    }
}
