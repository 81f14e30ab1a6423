import Foundation

/// A Jupyter notebook read as a script, so `reclab lab.ipynb` and `run
/// lab.ipynb` replay it as they replay a `.reclab` file: each line of a
/// code cell is a line of the script (a line ending in `\` goes on with the
/// next, as in a script), and Markdown cells become comment lines, so
/// their text is the notebook's prose again and a re-export keeps it.
/// Raw cells are left out; outputs are not read (a replay makes them anew).
public enum NotebookScript {
    /// Whether `path` names a Jupyter notebook (`.ipynb`, any case).
    public static func isNotebook(_ path: String) -> Bool {
        (path as NSString).pathExtension.lowercased() == "ipynb"
    }

    /// The script of the notebook whose JSON text is `text` (read from
    /// `name`): its lines, and where in the notebook each came from
    /// (`cell 3`, or `cell 3 line 2` in a cell of several lines), so an
    /// error names the cell to look at.
    ///
    /// - Throws: ``ShellError`` `NAME: not a Jupyter notebook (WHY)` when
    ///   the text is not JSON or not a notebook's shape; nothing runs then.
    /// - Complexity: O(size of the text).
    public static func script(_ text: String, name: String) throws(ShellError) -> (lines: [String], places: [String]) {
        func refuse(_ why: String) -> ShellError { ShellError("\(name): not a Jupyter notebook (\(why))", at: nil) }
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        } catch {
            throw refuse("bad JSON" + (reason(error).map { ": " + $0 } ?? ""))
        }
        guard let notebook = json as? [String: Any] else { throw refuse("it is \(kind(of: json)), not a JSON object") }
        if let version = notebook["nbformat"], (version as? Int) != 4 {
            throw refuse("nbformat \(describe(version)); reclab reads nbformat 4")
        }
        guard let found = notebook["cells"] else { throw refuse("it has no cells") }
        guard let cells = found as? [Any] else { throw refuse("its cells are \(kind(of: found)), not a list") }

        var lines: [String] = []
        var places: [String] = []
        var afterProse = false
        for (index, value) in cells.enumerated() {
            let number = index + 1
            guard let cell = value as? [String: Any] else { throw refuse("cell \(number) is \(kind(of: value)), not a JSON object") }
            guard let type = cell["cell_type"] as? String else { throw refuse("cell \(number) has no cell_type") }
            guard let source = cell["source"] else { throw refuse("cell \(number) has no source") }
            let text: String
            if let whole = source as? String {
                text = whole
            } else if let parts = source as? [Any], case let strings = parts.compactMap({ $0 as? String }),
                      strings.count == parts.count {
                text = strings.joined()
            } else {
                throw refuse("the source of cell \(number) is \(kind(of: source)), not text or a list of text")
            }
            let (skipped, sourceLines) = trimmedBlankLines(text)
            switch type {
            case "code":
                var code = sourceLines
                guard let end = code.indices.last else { continue }
                // A `\` at a cell's end has no next line to continue on: the
                // next cell is a command of its own, so the `\` is dropped.
                if code[end].hasSuffix("\\"), !ScriptRunner.isComment(code[end]) { code[end].removeLast() }
                for (k, line) in code.enumerated() {
                    lines.append(line)
                    places.append(code.count == 1 ? "cell \(number)" : "cell \(number) line \(skipped + k + 1)")
                }
                afterProse = ScriptRunner.isComment(code[end])
            case "markdown":
                guard !sourceLines.isEmpty else { continue }
                // A blank comment keeps two Markdown cells apart as paragraphs
                // (consecutive comments are one text).
                if afterProse {
                    lines.append("#")
                    places.append("cell \(number)")
                }
                for line in sourceLines {
                    // `## Lab 4` for a `# Lab 4` heading, as a script writes it.
                    let blank = line.trimmingCharacters(in: .whitespaces).isEmpty
                    lines.append(blank ? "#" : line.hasPrefix("#") ? "#" + line : "# " + line)
                    places.append("cell \(number)")
                }
                afterProse = true
            case "raw":
                continue
            default:
                throw refuse("cell \(number) is of unknown type '\(type)'")
            }
        }
        return (lines, places)
    }

    /// `text`'s lines (a final `\r` taken off each) without the blank
    /// lines at its start and end, which say nothing, and how many lines
    /// were left out at the start (so a line's number in its cell stays true).
    private static func trimmedBlankLines(_ text: String) -> (skipped: Int, lines: [String]) {
        // `\r\n` is one Character, so it is a separator of its own.
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        let isBlank = { (line: String) in line.allSatisfy { $0 == " " || $0 == "\t" } }
        guard let first = lines.firstIndex(where: { !isBlank($0) }), let last = lines.lastIndex(where: { !isBlank($0) }) else {
            return (0, [])
        }
        return (first, Array(lines[first...last]))
    }

    /// What the JSON parser said was wrong (`invalid value around
    /// character 1`), as the end of a sentence, when it said.
    private static func reason(_ error: any Error) -> String? {
        guard var said = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String, !said.isEmpty else { return nil }
        if said.hasSuffix(".") { said.removeLast() }
        return (said.prefix(1).lowercased() + said.dropFirst()).prefix(120).description
    }

    /// What a JSON value is, for an error: `a JSON array`, `a JSON number`…
    private static func kind(of value: Any) -> String {
        switch value {
        case is [String: Any]: "a JSON object"
        case is [Any]: "a JSON array"
        case is String: "a JSON string"
        case is NSNull: "null"
        case is NSNumber: "a JSON number"
        default: "a JSON value"
        }
    }

    /// A short JSON value for an error: a number or text as it is, others by kind.
    private static func describe(_ value: Any) -> String {
        if let text = value as? String { return "\"\(text.prefix(20))\"" }
        if let number = value as? NSNumber { return number.stringValue }
        return kind(of: value)
    }
}
