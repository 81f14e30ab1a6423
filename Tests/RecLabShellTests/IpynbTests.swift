import Foundation
import Testing
@testable import RecLabShell

/// `export PATH.ipynb` writes a Jupyter notebook (nbformat 4.5), and
/// `run PATH.ipynb` / `reclab PATH.ipynb` replay one: a session exported,
/// replayed and exported again gives the same notebook.
@Suite struct IpynbTests {
    let folder: TempFolder

    init() throws { folder = try TempFolder() }

    /// The notebook at `path`, parsed.
    static func notebook(_ path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// A notebook's cells.
    static func cells(_ notebook: [String: Any]) throws -> [[String: Any]] {
        try #require(notebook["cells"] as? [[String: Any]])
    }

    /// Multi-line text as Jupyter keeps it (a list of lines), joined; `nil`
    /// when it is neither a list of text nor text.
    static func text(_ value: Any?) -> String? {
        (value as? [String])?.joined() ?? value as? String
    }

    /// A script with prose, a table, a chart, text and an error.
    static let script = """
        ## Lab 9: a first look
        # Load the **small** release:
        # - ratings
        # - movies
        load movielens small
        set rows 3
        head ratings
        hist ratings rating
        # Then a mistake.
        head nosuch
        good = stats ratings by movieId | filter count >= 50
        sort good by mean desc
        """

    /// The script replayed (going on past its error) in a fresh session.
    static func replayed() -> SessionHarness {
        let harness = SessionHarness()
        #expect(!ScriptRunner(keepGoing: true).run(script, name: "lab.reclab", in: harness.session), "one cell fails")
        return harness
    }

    @Test func exportWritesNbformat4WithEveryKindOfOutput() throws {
        let harness = Self.replayed()
        let path = folder.path("lab.ipynb")
        #expect(harness.run("export \(path)") == "exported 7 cells to \(path) (1 picture inline)\n")
        let notebook = try Self.notebook(path)
        #expect(notebook["nbformat"] as? Int == 4 && notebook["nbformat_minor"] as? Int == 5)
        let metadata = try #require(notebook["metadata"] as? [String: Any])
        #expect(metadata["kernelspec"] as? [String: String] == ["name": "reclab", "display_name": "reclab", "language": "reclab"])
        #expect(metadata["language_info"] as? [String: String] == ["name": "reclab", "file_extension": ".reclab", "mimetype": "text/x-reclab"])
        #expect(metadata["title"] == nil, "no title was given")

        let cells = try Self.cells(notebook)
        #expect(cells.map { $0["cell_type"] as? String } == ["markdown", "code", "code", "code", "code", "markdown", "code", "code", "code"])
        // Ids: present, unique, of the characters nbformat allows.
        let ids = cells.compactMap { $0["id"] as? String }
        #expect(ids.count == cells.count && Set(ids).count == ids.count)
        #expect(ids.allSatisfy { (1...64).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") } })
        for cell in cells {
            #expect((cell["metadata"] as? [String: Any])?.isEmpty == true)
            // Jupyter's lines: each but the last ends in a newline.
            let lines = try #require(cell["source"] as? [String])
            #expect(lines.dropLast().allSatisfy { $0.hasSuffix("\n") } && lines.last?.hasSuffix("\n") == false)
        }

        // Prose: the comments without their markers; the heading comment is the title, so none is added.
        #expect(Self.text(cells[0]["source"]) == "# Lab 9: a first look\nLoad the **small** release:\n- ratings\n- movies")
        #expect(Self.text(cells[5]["source"]) == "Then a mistake.")
        let code = cells.filter { $0["cell_type"] as? String == "code" }
        #expect(code.map { Self.text($0["source"]) } == ["load movielens small", "set rows 3", "head ratings", "hist ratings rating",
                                                         "head nosuch", "good = stats ratings by movieId | filter count >= 50",
                                                         "sort good by mean desc"])
        #expect(code.map { $0["execution_count"] as? Int } == Array(1...7))
        let outputs = try code.map { try #require($0["outputs"] as? [[String: Any]]) }
        #expect(outputs.map(\.count) == [1, 0, 1, 1, 1, 1, 1])

        // Text: a stream on stdout.
        #expect(outputs[0][0]["output_type"] as? String == "stream" && outputs[0][0]["name"] as? String == "stdout")
        #expect(Self.text(outputs[0][0]["text"])?.hasPrefix("ratings: 100,836 rows × 4 columns\nmovies: 9,742 rows × 4 columns\n") == true)
        #expect(Self.text(outputs[5][0]["text"]) == "good: 450 rows × 8 columns\n")

        // A table: the cell's result, as the HTML export's table and the terminal's box.
        let head = outputs[2][0]
        #expect(head["output_type"] as? String == "execute_result" && head["execution_count"] as? Int == 3)
        #expect((head["metadata"] as? [String: Any])?.isEmpty == true)
        let data = try #require(head["data"] as? [String: Any])
        let recorded = harness.session.notebook.finishedCells.first { $0.command == "head ratings" }
        guard case .table(let table)? = recorded?.blocks.first else { Issue.record("no table recorded"); return }
        // Jupyter's page has not our stylesheet: numbers are right-aligned inline.
        #expect(Self.text(data["text/html"]) == table.htmlWithInlineStyles)
        #expect(Self.text(data["text/html"])?.contains("<td class=\"num\" style=\"text-align: right\">964982703</td>") == true)
        let plain = try #require(Self.text(data["text/plain"]))
        #expect(plain.split(separator: "\n").prefix(4) == ["┌────────┬─────────┬────────┬───────────┐",
                                                          "│ userId │ movieId │ rating │ timestamp │",
                                                          "├────────┼─────────┼────────┼───────────┤",
                                                          "│      1 │       1 │    4.0 │ 964982703 │"])
        // `head` shows its ten rows whatever `set rows` says, as the terminal did.
        #expect(plain.split(separator: "\n").count == 14)
        #expect(plain == table.plainText)

        // A chart: its SVG, titled.
        let chart = outputs[3][0]
        #expect(chart["output_type"] as? String == "display_data")
        let picture = try #require(chart["data"] as? [String: Any])
        #expect(Self.text(picture["image/svg+xml"])?.contains("<svg xmlns=\"http://www.w3.org/2000/svg\"") == true)
        // The text an untrusted notebook shows: the terminal's drawing, not just a title.
        #expect(Self.text(picture["text/plain"])?.contains("0.5 │") == true)

        // An error: Jupyter's error output, the message as value and traceback.
        let error = outputs[4][0]
        #expect(error["output_type"] as? String == "error" && error["ename"] as? String == "error")
        let message = try #require(error["evalue"] as? String)
        #expect(message.hasPrefix("unknown table 'nosuch'"))
        #expect(error["traceback"] as? [String] == ["error: " + message])

        // A table cut to `set rows` says how many rows are left out, in both forms.
        let top = try #require(outputs[6].first?["data"] as? [String: Any])
        #expect(Self.text(top["text/plain"])?.hasSuffix("┘\n… 447 more rows (set rows all)") == true, "\(top)")
        #expect(Self.text(top["text/html"])?.contains("<th style=\"text-align: left\">title</th>") == true)
        #expect(Self.text(top["text/html"])?.hasSuffix("</table>\n<p class=\"footer\">… 447 more rows (set rows all)</p>\n") == true)
    }

    @Test func theTextOfATableIsWhatTheTerminalShowed() throws {
        let harness = try SessionHarness.withMovieLens()
        let shown = harness.perform("top movies 4 by year")
        guard case .table(let table)? = harness.session.notebook.finishedCells.last?.blocks.last else {
            Issue.record("no table recorded"); return
        }
        #expect(table.plainText + "\n" == shown)
        // A hand-made row of the wrong length is padded, never out of range.
        let ragged = NotebookTable(caption: "result 2:", headers: ["a", "b"], rightAligned: [false], rows: [["x"], ["1", "2", "3"]], footer: ["(more)"])
        #expect(ragged.plainText == "result 2:\n┌───┬───┐\n│ a │ b │\n├───┼───┤\n│ x │   │\n│ 1 │ 2 │\n└───┴───┘\n(more)")
    }

    /// A notebook built by hand, with one prose entry and one cell.
    static func smallNotebook(heading: String?) -> Notebook {
        var notebook = Notebook()
        if let heading { notebook.prose(heading) }
        notebook.prose("just a note")
        notebook.begin("set rows 2")
        notebook.end()
        return notebook
    }

    @Test func theTitleGoesInTheMetadataAndAsAHeadingUnlessACommentIsOne() throws {
        let path = folder.path("week-3.ipynb")
        _ = try NotebookExport.write(Self.smallNotebook(heading: nil), to: path, at: nil, title: "Week 3")
        var notebook = try Self.notebook(path)
        #expect((notebook["metadata"] as? [String: Any])?["title"] as? String == "Week 3")
        #expect(try Self.cells(notebook).map { Self.text($0["source"]) } == ["# Week 3\n\njust a note", "set rows 2"])

        // No title given: the file's name heads it, and the metadata has none.
        _ = try NotebookExport.write(Self.smallNotebook(heading: nil), to: path, at: nil)
        notebook = try Self.notebook(path)
        #expect((notebook["metadata"] as? [String: Any])?["title"] == nil)
        #expect(try Self.cells(notebook).map { Self.text($0["source"]) } == ["# week-3\n\njust a note", "set rows 2"])

        // A heading comment is the heading: the title is only in the metadata.
        _ = try NotebookExport.write(Self.smallNotebook(heading: "# Lab 4"), to: path, at: nil, title: "Week 3")
        notebook = try Self.notebook(path)
        #expect((notebook["metadata"] as? [String: Any])?["title"] as? String == "Week 3")
        #expect(try Self.cells(notebook).map { Self.text($0["source"]) } == ["# Lab 4\njust a note", "set rows 2"])

        // An empty session is a notebook with its heading only.
        #expect(try NotebookExport.write(Notebook(), to: path, at: nil)
                == "exported 0 cells to \(path); the notebook is empty: run some cells first")
        #expect(try Self.cells(Self.notebook(path)).map { Self.text($0["source"]) } == ["# week-3"])
    }

    @Test func aReplayedNotebookExportsTheSameNotebook() throws {
        let first = folder.path("lab.ipynb")
        #expect(Self.replayed().run("export \(first)").hasPrefix("exported 7 cells"))
        let script = try ScriptFile.load(first, at: nil)
        let again = SessionHarness()
        #expect(!ScriptRunner(keepGoing: true).run(script, in: again.session), "the failing cell fails again")
        // The error names the notebook's cell, not a line of a script nobody sees.
        #expect(again.printed.contains("\(first):cell 7: error: unknown table 'nosuch'"), "\(again.printed)")
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("again"), withIntermediateDirectories: true)
        let second = folder.path("again/lab.ipynb")
        #expect(again.run("export \(second)").hasPrefix("exported 7 cells"))
        let (a, b) = (try Self.cells(Self.notebook(first)), try Self.cells(Self.notebook(second)))
        #expect(a.map { Self.text($0["source"]) } == b.map { Self.text($0["source"]) })
        #expect(a.map { $0["outputs"] as? [[String: Any]] }.map { $0.map { NSArray(array: $0) } }
                == b.map { $0["outputs"] as? [[String: Any]] }.map { $0.map { NSArray(array: $0) } })
        #expect(try String(contentsOfFile: first, encoding: .utf8) == String(contentsOfFile: second, encoding: .utf8),
                "byte for byte the same file")
        // `run` in the shell replays it as well, up to its error.
        let shell = SessionHarness()
        shell.perform("run \(first)")
        #expect(shell.session.workspace.tables["ratings"] != nil)
        #expect(shell.session.notebook.finishedCells.compactMap(\.command) == ["run \(first)", "load movielens small", "set rows 3",
                                                                              "head ratings", "hist ratings rating", "head nosuch"])
    }

    @Test func cellsOfSeveralLinesRunLineByLine() throws {
        let notebook = """
            {"nbformat": 4, "nbformat_minor": 2, "metadata": {}, "cells": [
              {"cell_type": "markdown", "metadata": {}, "source": ["# Made in Jupyter\\n", "\\n", "Two *paragraphs*."]},
              {"cell_type": "markdown", "metadata": {}, "source": "A second cell."},
              {"cell_type": "code", "metadata": {}, "execution_count": 7, "outputs": [],
               "source": ["\\n", "load movielens small\\n", "set rows 2\\r\\n", "# a comment in code\\n", "top movies 2 \\\\\\n", "  by year\\n", "\\n"]},
              {"cell_type": "raw", "metadata": {}, "source": "not run"},
              {"cell_type": "code", "metadata": {}, "execution_count": null, "outputs": [], "source": "head movies \\\\"},
              {"cell_type": "code", "metadata": {}, "execution_count": null, "outputs": [], "source": "2\\nhead movies 1"},
              {"cell_type": "code", "metadata": {}, "execution_count": null, "outputs": [], "source": []}
            ]}
            """
        let path = try folder.write("made.ipynb", notebook)
        let (lines, places) = try NotebookScript.script(notebook, name: "made.ipynb")
        #expect(lines == ["## Made in Jupyter", "#", "# Two *paragraphs*.", "#", "# A second cell.",
                          "load movielens small", "set rows 2", "# a comment in code", "top movies 2 \\", "  by year",
                          "head movies ", "2", "head movies 1"])
        #expect(places == ["cell 1", "cell 1", "cell 1", "cell 2", "cell 2",
                           "cell 3 line 2", "cell 3 line 3", "cell 3 line 4", "cell 3 line 5", "cell 3 line 6",
                           "cell 5", "cell 6 line 1", "cell 6 line 2"])
        let h = SessionHarness()
        #expect(!ScriptRunner(keepGoing: true).run(try ScriptFile.load(path, at: nil), in: h.session))
        // A `\` continues within its cell, never into the next one.
        #expect(h.session.notebook.finishedCells.compactMap(\.command)
                == ["load movielens small", "set rows 2", "top movies 2    by year", "head movies ", "2", "head movies 1"])
        #expect(h.printed.contains("\(path):cell 6 line 1: error: expected a verb, found '2'"), "\(h.printed.suffix(300))")
        // The Markdown cells and the code's comment are the notebook's prose again.
        let prose = h.session.notebook.finishedCells.filter { $0.command == nil }.flatMap(\.blocks).compactMap { block -> String? in
            if case .prose(let text) = block { text } else { nil }
        }
        #expect(prose == ["# Made in Jupyter\n\nTwo *paragraphs*.\n\nA second cell.", "a comment in code"])
    }

    @Test func aDamagedNotebookIsOneLineAndRunsNothing() throws {
        let h = try SessionHarness.withMovieLens()
        let cell = #"{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": null, "source": "drop ratings"}"#
        let cases: [(name: String, text: String, why: String)] = [
            ("text.ipynb", "drop ratings\n", "bad JSON: invalid value around character"),
            ("empty.ipynb", "", "bad JSON: unexpected end of file during JSON parse"),
            ("cut.ipynb", #"{"cells": [\#(cell)"#, "bad JSON"),
            ("deep.ipynb", String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000),
             "bad JSON: too many nested arrays or dictionaries"),
            ("array.ipynb", "[\(cell)]", "it is a JSON array, not a JSON object"),
            ("number.ipynb", "4", "it is a JSON number, not a JSON object"),
            ("nocells.ipynb", #"{"nbformat": 4, "metadata": {}}"#, "it has no cells"),
            ("cellsobject.ipynb", #"{"nbformat": 4, "cells": {"a": 1}}"#, "its cells are a JSON object, not a list"),
            ("v3.ipynb", #"{"nbformat": 3, "worksheets": [{"cells": []}]}"#, "nbformat 3; reclab reads nbformat 4"),
            ("vtext.ipynb", #"{"nbformat": "4", "cells": []}"#, "nbformat \"4\"; reclab reads nbformat 4"),
            ("nosource.ipynb", #"{"nbformat": 4, "cells": [\#(cell), {"cell_type": "code"}]}"#, "cell 2 has no source"),
            ("numbersource.ipynb", #"{"nbformat": 4, "cells": [\#(cell), {"cell_type": "code", "source": 5}]}"#,
             "the source of cell 2 is a JSON number, not text or a list of text"),
            ("mixedsource.ipynb", #"{"nbformat": 4, "cells": [{"cell_type": "markdown", "source": ["a", null]}, \#(cell)]}"#,
             "the source of cell 1 is a JSON array, not text or a list of text"),
            ("celltext.ipynb", #"{"nbformat": 4, "cells": [\#(cell), "drop movies"]}"#, "cell 2 is a JSON string, not a JSON object"),
            ("notype.ipynb", #"{"nbformat": 4, "cells": [{"source": "drop movies"}]}"#, "cell 1 has no cell_type"),
            ("oddtype.ipynb", #"{"nbformat": 4, "cells": [\#(cell), {"cell_type": "sql", "source": ""}]}"#,
             "cell 2 is of unknown type 'sql'"),
        ]
        for (name, text, why) in cases {
            let path = try folder.write(name, text)
            h.refuses("run \(path)", blaming: path) { $0.hasPrefix("\(path): not a Jupyter notebook (\(why)") && $0.hasSuffix(")") }
            #expect(throws: ShellError.self) { try ScriptFile.load(path, at: nil) }
        }
        #expect(h.session.workspace.tables["ratings"] != nil && h.session.workspace.tables["movies"] != nil)
        // Through the prompt: one line, and nothing else printed.
        let said = h.perform("run \(folder.path("array.ipynb"))")
        #expect(said == "error: \(folder.path("array.ipynb")): not a Jupyter notebook (it is a JSON array, not a JSON object)\n")
    }

    @Test func exportRefusesOtherExtensionsNamingIpynb() throws {
        let h = SessionHarness()
        #expect(h.failure("export \(folder.path("lab.txt"))")?.message
                == "unknown notebook format '.txt': write PATH.md (Markdown), PATH.html (one web page) or PATH.ipynb (Jupyter)")
        #expect(h.failure("export \(folder.path("lab"))")?.message.hasSuffix("or \(folder.path("lab")).ipynb (Jupyter)") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).isEmpty)
    }
}

/// The real `reclab` with notebooks: a script replayed straight to an
/// `.ipynb`, and the notebook replayed like a script.
@Suite(.enabled(if: ReclabRun.isBuilt, "build the reclab executable first (swift build)"))
struct IpynbLaunchTests {
    let folder: TempFolder

    init() throws {
        folder = try TempFolder()
        try folder.write("my ratings.csv", "userId,movieId,rating,timestamp\n1,2,3.5,964982703\n2,3,4,964982224\n3,3,5,964982224\n")
    }

    /// Runs `reclab ARGUMENTS` in the folder, people kept in it too.
    func reclab(_ arguments: [String]) throws -> ReclabRun {
        try ReclabRun(arguments + ["--workspace", folder.path("ws")], environment: ["HOME": folder.path("home")], in: folder.url)
    }

    @Test func aScriptExportsToANotebookThatReplays() throws {
        try folder.write("lab.reclab", "## Tiny lab\nload \"my ratings.csv\"\nhead my_ratings\nhist my_ratings rating\n")
        let export = try reclab(["lab.reclab", "--export", "out.ipynb"])
        #expect(export.status == 0 && export.output == "exported 3 cells to out.ipynb (1 picture inline)\n", "\(export.output) \(export.errors)")
        let notebook = try IpynbTests.notebook(folder.path("out.ipynb"))
        let cells = try IpynbTests.cells(notebook)
        #expect(cells.map { IpynbTests.text($0["source"]) } == ["# Tiny lab", "load \"my ratings.csv\"", "head my_ratings", "hist my_ratings rating"])

        let replay = try reclab(["out.ipynb"])
        #expect(replay.status == 0 && replay.errors.isEmpty, "\(replay.errors)")
        #expect(replay.output.hasPrefix("## Tiny lab\nreclab> load \"my ratings.csv\"\nmy_ratings: 3 rows × 4 columns\nreclab> head my_ratings\n"),
                "\(replay.output)")
        #expect(replay.output.contains("│      1 │       2 │    3.5 │ 964982703 │"))

        try folder.write("bad.ipynb", "{\"cells\": 3}")
        let bad = try reclab(["bad.ipynb"])
        #expect(bad.status == 1 && bad.output.isEmpty)
        #expect(bad.errors == "reclab: bad.ipynb: not a Jupyter notebook (its cells are a JSON number, not a list)\n")
        #expect(try reclab(["lab.reclab", "--export", "out.txt"]).errors.contains("PATH.ipynb (Jupyter)"))
    }
}
