import Foundation
import Synchronization
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import RecLabShell

/// `export PATH.md|html`: a replayed session written as a notebook.
@Suite struct NotebookExportTests {
    /// A fresh temporary folder.
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("reclab-notebook-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The crash-course lab replayed into a session, and its commands.
    static func replayedLab() throws -> (SessionHarness, [String]) {
        let url = TestData.repository.appendingPathComponent("sessions/crashcourse.reclab")
        let text = try String(contentsOf: url, encoding: .utf8)
        let harness = SessionHarness()
        #expect(ScriptRunner().run(text, name: "crashcourse.reclab", in: harness.session))
        let commands = ScriptRunner.cells(text).map { ScriptRunner.join($0.lines) }
            .filter { let t = $0.trimmingCharacters(in: .whitespaces); return !t.isEmpty && !t.hasPrefix("#") }
        return (harness, commands)
    }

    /// Whether `text` parses as XML; the parser's error otherwise.
    static func xmlError(_ text: String) -> String? {
        let parser = XMLParser(data: Data(text.utf8))
        return parser.parse() ? nil : "\(parser.parserError.map { "\($0)" } ?? "unknown") at line \(parser.lineNumber)"
    }

    @Test func markdownHasEveryCellInOrderWithTablesAndProse() throws {
        let (harness, commands) = try Self.replayedLab()
        let folder = try Self.folder()
        let path = folder.appendingPathComponent("lab.md").path
        let said = harness.run("export \(path)")
        #expect(said == "exported \(commands.count) cells to \(path)\n")
        let markdown = try String(contentsOfFile: path, encoding: .utf8)
        var searchFrom = markdown.startIndex
        for command in commands {
            let range = try #require(markdown.range(of: "```reclab\n\(command)\n```", range: searchFrom..<markdown.endIndex),
                                     "missing or out of order: \(command)")
            searchFrom = range.upperBound
        }
        #expect(!markdown.contains("export "), "the export cell is not part of its own notebook")
        // `head ratings` shows its ten rows as a Markdown table, numbers right-aligned.
        let head = try #require(markdown.range(of: "```reclab\nhead ratings\n```\n\n"))
        let table = markdown[head.upperBound...].split(separator: "\n", omittingEmptySubsequences: false).prefix(13)
        #expect(table[0] == "| userId | movieId | rating | timestamp |")
        #expect(table[1] == "|-------:|--------:|-------:|----------:|")
        #expect(table[2].hasPrefix("|      1 |       1 |    4.0 |"))
        #expect(table[12] == "", "ten rows, then the next block")
        // The script's comments are the notebook's text, without their '#'.
        #expect(markdown.contains("\n\nStep 1: load the ratings and the movies, and look at the first ten ratings.\n\n```reclab\nload movielens small\n```"))
        #expect(!markdown.contains("\n# Step"))
        // Text output sits in a plain fenced block.
        #expect(markdown.contains("```text\nrated: 100,836 rows × 7 columns\n```"))
        // Text with '|' in table cells is escaped.
        #expect(markdown.contains("Adventure\\|Animation\\|Children\\|Comedy\\|Fantasy"))
    }

    @Test func htmlIsOneWellFormedPageWithHTMLTables() throws {
        let (harness, commands) = try Self.replayedLab()
        let folder = try Self.folder()
        let path = folder.appendingPathComponent("lab.html").path
        #expect(harness.run("export \(path)") == "exported \(commands.count) cells to \(path)\n")
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(Self.xmlError(html) == nil)
        #expect(html.components(separatedBy: "<pre class=\"command\">").count - 1 == commands.count)
        #expect(html.contains("<pre class=\"command\"><code>filter popular genres contains &quot;Action&quot; | top 10 by mean</code></pre>"))
        #expect(html.contains("<th class=\"num\">userId</th><th class=\"num\">movieId</th><th class=\"num\">rating</th><th class=\"num\">timestamp</th>"))
        #expect(html.contains("<td class=\"num\">964982703</td>"))
        #expect(html.contains("<p class=\"prose\">Step 1: load the ratings"))
        // Self-contained: no scripts, no stylesheets or images fetched.
        for outside in ["<script", "<link", "src=", "href="] { #expect(!html.contains(outside), "\(outside)") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["lab.html"])
    }

    /// A notebook built by hand: a table, text and an error to escape, a picture.
    static func handMadeNotebook() -> Notebook {
        var notebook = Notebook()
        notebook.prose("Fish & <chips>")
        notebook.begin("select t where name = \"<a>\"")
        notebook.record(.table(NotebookTable(
            headers: ["name", "score"], rightAligned: [false, true],
            rows: [["Tom & \"Jerry\" <3", "4.5"], ["a|b", "10.25"]], footer: ["… 8 more rows (set rows all)"])))
        notebook.end()
        notebook.begin("echo")
        notebook.record(.text("1 < 2 && 'x'\n"))
        notebook.end(error: "no such column <b>")
        notebook.begin("hist ratings rating")
        notebook.record(.picture(svg: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"80\" height=\"50\"><rect width=\"10\" height=\"20\"/></svg>\n", title: "ratings <rating>"))
        notebook.end()
        return notebook
    }

    @Test func htmlEscapesTextAndInlinesPictures() throws {
        let html = Self.handMadeNotebook().html(title: "a & b")
        #expect(Self.xmlError(html) == nil)
        #expect(html.contains("<title>a &amp; b</title>"))
        #expect(html.contains("<p class=\"prose\">Fish &amp; &lt;chips&gt;</p>"))
        #expect(html.contains("<td>Tom &amp; &quot;Jerry&quot; &lt;3</td><td class=\"num\">4.5</td>"))
        #expect(html.contains("<pre class=\"output\">1 &lt; 2 &amp;&amp; &#39;x&#39;</pre>"))
        #expect(html.contains("<section class=\"cell failed\">"))
        #expect(html.contains("<strong>error:</strong> no such column &lt;b&gt;"))
        #expect(html.contains("<figure aria-label=\"ratings &lt;rating&gt;\">\n<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(!html.contains("<?xml"), "an XML declaration may only start a document")
        #expect(html.contains("<p class=\"footer\">… 8 more rows (set rows all)</p>"))
    }

    @Test func proseReflowsLikeMarkdown() {
        #expect(Notebook.proseBlocksHTML("Movies near `Mary Poppins`,\nby cosine & l1.")
                == "<p class=\"prose\">Movies near <code>Mary Poppins</code>,\nby cosine &amp; l1.</p>\n")
        #expect(Notebook.inlineHTML("a `lone backtick") == "a `lone backtick")
        #expect(Notebook.inlineHTML("`a` and `b` then ` c") == "<code>a</code> and <code>b</code> then ` c")
    }

    @Test func proseIsReadAsMarkdown() {
        let text = "# Lab 4\nSteps, **in order**:\n- load *the* data\n- train\n  a model\n\n1. recommend\n2. read [LensKit](https://lkpy.readthedocs.io) and `_x_`\n\nsnake_case_name stays, 2*3*4 too"
        #expect(Notebook.proseBlocksHTML(text) == """
            <h2>Lab 4</h2>
            <p class="prose">Steps, <strong>in order</strong>:</p>
            <ul class="prose"><li>load <em>the</em> data</li><li>train a model</li></ul>
            <ol class="prose"><li>recommend</li><li>read <a href="https://lkpy.readthedocs.io">LensKit</a> and <code>_x_</code></li></ol>
            <p class="prose">snake_case_name stays, 2*3*4 too</p>

            """)
        // Only web, mail and relative links: no javascript: in a shared page.
        #expect(Notebook.inlineHTML("[x](javascript:alert(1))") == "[x](javascript:alert(1))")
        #expect(Notebook.inlineHTML("[notes](notes.md) <b>") == "<a href=\"notes.md\">notes</a> &lt;b&gt;")
    }

    @Test func markdownPictureIsAnSVGFileBesideTheNotebook() throws {
        let folder = try Self.folder()
        let path = folder.appendingPathComponent("my notes.md").path
        let said = try NotebookExport.write(Self.handMadeNotebook(), to: path, at: nil)
        #expect(said == "exported 3 cells to \(path) (1 picture in my notes_files/)")
        let svg = try String(contentsOf: folder.appendingPathComponent("my notes_files/cell-3.svg"), encoding: .utf8)
        #expect(svg.hasPrefix("<?xml") && svg.contains("<rect width=\"10\""))
        let markdown = try String(contentsOfFile: path, encoding: .utf8)
        #expect(markdown.contains("```reclab\nhist ratings rating\n```\n\n![ratings \\<rating\\>](my%20notes_files/cell-3.svg)"))
        #expect(markdown.contains("| Tom & \"Jerry\" \\<3 |   4.5 |"))
        #expect(markdown.contains("| a\\|b              | 10.25 |"))
        #expect(markdown.contains("> **error:** no such column \\<b\\>"))
        #expect(markdown.contains("|:------------------|------:|"))
    }

    @Test func badPathsAreRefusedAndWriteNothing() throws {
        let folder = try Self.folder()
        let harness = SessionHarness()
        harness.run("set rows 5")
        let missing = folder.appendingPathComponent("no-such-folder/lab.md").path
        #expect(harness.failure("export \(missing)")?.message.contains("no such folder") == true)
        let unknown = folder.appendingPathComponent("lab.txt").path
        #expect(harness.failure("export \(unknown)")?.message.contains("PATH.md (Markdown), PATH.html (one web page) or PATH.ipynb (Jupyter)") == true)
        #expect(harness.failure("export \(folder.path)")?.message.contains(".md") == true)
        let file = folder.appendingPathComponent("plain")
        try "x".write(to: file, atomically: true, encoding: .utf8)
        #expect(harness.failure("export \(file.path)/lab.html")?.message.contains("cannot write") == true)
        #expect(harness.failure("export")?.message.contains("a file path") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["plain"])
    }

    @Test func emptySessionGivesAnEmptyNotebookWithANote() throws {
        let folder = try Self.folder()
        let harness = SessionHarness()
        let path = folder.appendingPathComponent("empty.md").path
        #expect(harness.run("export \(path)") == "exported 0 cells to \(path); the notebook is empty: run some cells first\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "# empty\n\n_This session has no cells yet._\n")
    }

    @Test func cellsRecordShownRowsAndFailuresButNotTheEcho() throws {
        let harness = SessionHarness()
        let text = "load movielens small\nset rows 2\nfilter ratings rating > 4\nhead nosuchtable\n"
        #expect(!ScriptRunner(keepGoing: true).run(text, name: "t", in: harness.session))
        let cells = harness.session.notebook.finishedCells
        #expect(cells.map(\.command) == ["load movielens small", "set rows 2", "filter ratings rating > 4", "head nosuchtable"])
        guard case .table(let table)? = cells[2].blocks.first else { Issue.record("no table"); return }
        // What the terminal showed: two rows and how many more, not the table.
        #expect(table.rows == [["1", "47", "5.0", "964983815"], ["1", "50", "5.0", "964982931"]])
        #expect(table.footer == ["… 21,760 more rows (set rows all)"])
        #expect(cells[3].failed)
        for cell in cells {
            for case .text(let text) in cell.blocks { #expect(!text.contains("reclab> ")) }
        }
    }

    @Test func chartsAreExportedAsTheirSVGNotTheirTerminalDrawing() throws {
        let folder = try Self.folder()
        let harness = SessionHarness()
        #expect(ScriptRunner().run("load movielens small\nhist ratings rating\n", name: "t", in: harness.session))
        #expect(harness.printed.contains("█"))
        let path = folder.appendingPathComponent("charts.md").path
        #expect(harness.run("export \(path)").hasSuffix("(1 picture in charts_files/)\n"))
        let markdown = try String(contentsOfFile: path, encoding: .utf8)
        #expect(markdown.contains("![histogram of rating](charts_files/cell-2.svg)") && !markdown.contains("█"), "\(markdown)")
        let svg = try String(contentsOf: folder.appendingPathComponent("charts_files/cell-2.svg"), encoding: .utf8)
        #expect(svg.hasPrefix("<svg") || svg.hasPrefix("<?xml"))
        #expect(Self.xmlError(svg) == nil)
    }

    @Test func pathsCompleteAfterExport() throws {
        let folder = try Self.folder()
        try "x".write(to: folder.appendingPathComponent("lab.md"), atomically: true, encoding: .utf8)
        let completer = Completer(session: SessionHarness().session)
        #expect(completer.complete(word: folder.path + "/la", before: "export ") == [folder.path + "/lab.md"])
        // After the path, only the title keyword its forms declare.
        #expect(completer.complete(word: "", before: "export lab.md ") == ["title"])
    }

    @Test func linesStreamedWhileTrainingAreRecordedButNotTheBar() throws {
        let harness = SessionHarness()
        let bars = Mutex(0)
        harness.session.progress = { _ in bars.withLock { $0 += 1 } }
        // Every report drawn: a short run would otherwise end before the bar's delay.
        (harness.session.relay.delay, harness.session.relay.interval) = (0, 0)
        let text = "load movielens small\nfew = filter ratings userId <= 60\ntrain mf factors=8 epochs=2 on few\n"
        #expect(ScriptRunner().run(text, name: "t", in: harness.session))
        #expect(bars.withLock { $0 } > 0, "the bar was drawn")
        let train = try #require(harness.session.notebook.finishedCells.last)
        #expect(train.command == "train mf factors=8 epochs=2 on few")
        guard train.blocks.count == 1, case .text(let shown) = train.blocks[0] else {
            Issue.record("one text block expected: \(train.blocks)"); return
        }
        let lines = shown.split(separator: "\n")
        #expect(lines.count == 4, "fast.ai's header, two epoch rows, the summary: \(lines)")
        #expect(lines.first == "epoch  train_loss  valid_loss  rmse      time")
        #expect(lines.last == "mf: trained on few (8,752 ratings by 60 users of 3,068 movies)")
    }

    @Test func aChartShownInACellIsKeptAsItsPicture() throws {
        let harness = SessionHarness()
        harness.session.notebook.begin("hist ratings rating")
        harness.session.show(pictureText: "▁▃█", svg: "<svg xmlns=\"http://www.w3.org/2000/svg\"/>", title: "ratings")
        harness.session.notebook.end()
        #expect(harness.printed == "▁▃█\n", "the terminal gets the drawing")
        let blocks = try #require(harness.session.notebook.finishedCells.first).blocks
        guard blocks.count == 1, case .picture(let svg, let title, _) = blocks[0] else {
            Issue.record("one picture expected: \(blocks)"); return
        }
        #expect(svg == "<svg xmlns=\"http://www.w3.org/2000/svg\"/>" && title == "ratings")
    }
}
