import Foundation

extension Verbs {
    /// `export PATH.md` / `export PATH.html` / `export PATH.ipynb`: the
    /// session as a notebook.
    static let export = Verb(
        name: "export", group: .shell,
        summary: "write the session so far as a notebook: Markdown (.md), one HTML page (.html) or Jupyter (.ipynb)",
        forms: ["export PATH.md [title \"T\"]", "export PATH.html [title \"T\"]", "export PATH.ipynb [title \"T\"]"],
        example: """
            export lab.md                      # charts go to lab_files/, linked from lab.md
            export lab.html title "Lab 4"      # one page, charts inline: open it in any browser
            export lab.ipynb                   # a Jupyter notebook: 'reclab lab.ipynb' replays it
            """,
        isRecorded: false,
        notes: """
            Each cell's command comes first, then what it showed: text as printed, tables as
            tables of the rows that were shown (numbers right-aligned), charts as pictures. A
            script's comments, and those typed at the prompt, are the notebook's text between
            cells (Markdown: headings, lists, emphasis, links, `code`). The title is the one
            given, else the first heading comment ('## Lab 4'), else the file's name. Failed cells
            stay, with their error, as in Jupyter; the export cell itself is left out. A Jupyter
            notebook (nbformat 4) has the comments as Markdown cells and each command as a code
            cell with its outputs; 'reclab NOTEBOOK.ipynb' and 'run NOTEBOOK.ipynb' replay its code
            cells. From the command line, 'reclab SCRIPT --export OUT.md' replays a script straight
            to a notebook.
            """,
        gives: .text
    ) { call in
        let usage = "export PATH.md|PATH.html|PATH.ipynb [title \"T\"]"
        let path = try call.arguments.expectName("a file path ending in .md, .html or .ipynb", usage: usage)
        var title: String?
        if call.arguments.take("title") {
            title = try call.arguments.expectName("a title in quotes, like title \"Lab 4\"", usage: usage).text
        }
        try call.arguments.expectEnd(usage: usage)
        return .text(try NotebookExport.write(call.session.notebook, to: path.text, at: path, title: title))
    }
}

/// Writing a ``Notebook`` to a Markdown, HTML or Jupyter file, with one clear error
/// (and nothing written) when the path is wrong.
public enum NotebookExport {
    /// The kinds of notebook file, by extension.
    enum Format { case markdown, html, ipynb }

    /// Writes `notebook` to `path` (`~` expanded) as Markdown, HTML or a
    /// Jupyter notebook, by the path's extension; returns the line to print.
    ///
    /// - Throws: ``ShellError`` at `token` for an unknown extension or a
    ///   path that cannot be written; nothing is written then.
    /// - Complexity: O(size of the recorded output).
    public static func write(_ notebook: Notebook, to path: String, at token: Token?, title: String? = nil) throws(ShellError) -> String {
        let format = try check(path, at: token)
        let expanded = UserPath.expand(path)
        let base = URL(fileURLWithPath: expanded).deletingPathExtension().lastPathComponent
        let given = title
        let title = title ?? notebook.headingTitle ?? base
        let cells = notebook.finishedCells.count { $0.command != nil }
        var pictures = 0
        let text: String
        switch format {
        case .html:
            text = notebook.html(title: title)
            pictures = inlinePictures(in: notebook)
        case .ipynb:
            do throws(RecLabError) {
                text = try notebook.ipynb(heading: title, title: given)
            } catch {
                throw ShellError(RecLabError(error.message, file: path).description, at: token)
            }
            pictures = inlinePictures(in: notebook)
        case .markdown:
            let (markdown, attachments) = notebook.markdown(title: title, filesFolder: base + "_files")
            text = markdown
            pictures = attachments.count
            try writeAttachments(attachments, beside: expanded, at: token)
        }
        do throws(RecLabError) {
            try AtomicFile.write(Array(text.utf8), to: expanded)
        } catch {
            throw ShellError(RecLabError(error.message, file: path).description, at: token)
        }
        var line = "exported \(NumberFormatting.counted(cells, "cell")) to \(path)"
        if pictures > 0 {
            line += format == .markdown
                ? " (\(NumberFormatting.counted(pictures, "picture")) in \(base)_files/)"
                : " (\(NumberFormatting.counted(pictures, "picture")) inline)"
        }
        if cells == 0 { line += "; the notebook is empty: run some cells first" }
        return line
    }

    /// How many pictures a notebook holds, written inline by the HTML and
    /// Jupyter exports.
    private static func inlinePictures(in notebook: Notebook) -> Int {
        notebook.finishedCells.reduce(0) { $0 + $1.blocks.count { if case .picture = $0 { true } else { false } } }
    }

    /// Writes a Markdown notebook's pictures into `PATH_files/` beside
    /// `notebook` (its folder made when missing), each through
    /// ``AtomicFile``; every picture's path is checked before any is written.
    static func writeAttachments(_ attachments: [Notebook.Attachment], beside notebook: String,
                                 at token: Token?) throws(ShellError) {
        guard !attachments.isEmpty else { return }
        let folder = URL(fileURLWithPath: notebook).deletingLastPathComponent()
        let files = folder.appendingPathComponent(URL(fileURLWithPath: notebook).deletingPathExtension().lastPathComponent + "_files").path
        var info = stat()
        let made = stat(files, &info) != 0
        if !made, info.st_mode & S_IFMT != S_IFDIR {
            let what = UserFile.kindRefusal(info.st_mode) ?? "is a file"
            throw ShellError(RecLabError("\(what), not a folder for the pictures; nothing written", file: files).description, at: token)
        }
        if made, mkdir(files, 0o777) != 0 {
            throw ShellError(AtomicFile.cannotWrite(files, errno: errno).description, at: token)
        }
        do throws(RecLabError) {
            let targets = attachments.map { folder.appendingPathComponent($0.path).path }
            for target in targets { try AtomicFile.checkTarget(target) }
            for (attachment, target) in zip(attachments, targets) {
                try AtomicFile.write(Array(attachment.contents.utf8), to: target)
            }
        } catch {
            if made { rmdir(files) }
            throw ShellError(error.description, at: token)
        }
    }

    /// Checks that a notebook can be written at `path` (a known extension,
    /// a target ``AtomicFile`` may replace, in a writable folder) before
    /// anything runs; returns the format the extension asks for.
    @discardableResult
    static func check(_ path: String, at token: Token?) throws(ShellError) -> Format {
        let format = try format(of: path, at: token)
        do throws(RecLabError) {
            try AtomicFile.checkTarget(UserPath.expand(path))
        } catch {
            throw ShellError(RecLabError(error.message, file: path).description, at: token)
        }
        return format
    }

    /// Checks `path` as ``check(_:at:)`` does; the executable calls it
    /// before replaying a script to a notebook.
    public static func checkPath(_ path: String) throws(ShellError) {
        try check(path, at: nil)
    }

    /// The format a path's extension asks for.
    static func format(of path: String, at token: Token?) throws(ShellError) -> Format {
        switch (path as NSString).pathExtension.lowercased() {
        case "md", "markdown": return .markdown
        case "html", "htm": return .html
        case "ipynb": return .ipynb
        case "": throw ShellError("say which kind of notebook: \(path).md (Markdown), \(path).html (one web page) or \(path).ipynb (Jupyter)", at: token)
        case let other:
            throw ShellError("unknown notebook format '.\(other)': write PATH.md (Markdown), PATH.html (one web page) or PATH.ipynb (Jupyter)", at: token)
        }
    }
}
