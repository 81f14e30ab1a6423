import Foundation
import Testing
@testable import RecLabShell

/// Comments typed at the prompt are part of the session: `save session`
/// keeps them and `export` shows them as prose; the notebook's title is
/// the one given, else the first heading comment, else the file's name.
@Suite struct SessionNotesTests {
    let h = SessionHarness()
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("reclab-notes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        h.session.isInteractive = true
    }

    func read(_ name: String) throws -> String { try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) }

    @Test func commentsAtThePromptAreSavedAndExported() throws {
        #expect(h.session.perform("## Lab 4: my notes"))
        #expect(h.session.perform("# first, the data"))
        h.session.perform("load movielens small")
        h.session.perform("# then the **best** movies")
        h.session.perform("head movies 2")
        let saved = h.run("save session \(folder.path)/s.reclab")
        #expect(saved.hasPrefix("saved 5 cells"), "\(saved)")
        let script = try read("s.reclab").split(separator: "\n").dropFirst().map(String.init)
        #expect(script == ["## Lab 4: my notes", "# first, the data", "load movielens small", "# then the **best** movies", "head movies 2"])
        h.run("export \(folder.path)/n.html")
        let html = try read("n.html")
        #expect(html.contains("<title>Lab 4: my notes</title>") && html.contains("<h1>Lab 4: my notes</h1>"))
        #expect(html.contains("<p class=\"prose\">then the <strong>best</strong> movies</p>"))
        h.run("export \(folder.path)/n.md title \"Week 3\"")
        let markdown = try read("n.md")
        #expect(markdown.hasPrefix("# Week 3\n") && markdown.contains("\nfirst, the data\n"), "\(markdown)")
    }

    @Test func withoutAHeadingTheTitleIsTheFileName() throws {
        h.session.perform("# just a note")
        h.session.perform("load movielens small")
        h.run("export \(folder.path)/week-3.md")
        #expect(try read("week-3.md").hasPrefix("# week-3\n"))
        h.refuses("export \(folder.path)/x.md title", blaming: nil) { $0.hasPrefix("expected a title in quotes") }
    }
}

/// Reports keep their tables as tables: the notebook (and so the HTML
/// export) gets a table, and the report's table can be bound.
@Suite struct ReportTablesTests {
    @Test func explainAndModelsGiveRealTables() throws {
        let h = SessionHarness()
        h.run("load movielens small")
        h.run("rate jabril 1 5")
        h.run("rate jabril 260 4")
        h.run("train userknn")
        #expect(h.session.perform("explain jabril 318"))
        let cell = try #require(h.session.notebook.finishedCells.last)
        let tables = cell.blocks.compactMap { if case .table(let t) = $0 { t } else { nil } }
        #expect(tables.count == 1 && tables[0].headers == ["user", "similarity", "rating", "centred", "sim × centred"])
        #expect(!cell.blocks.contains { if case .text(let t) = $0 { t.contains("│") } else { false } })
        #expect(h.run("n = explain jabril 318").hasPrefix("n: "))
        #expect(h.session.workspace.tables["n"]?.columnNames.first == "user")
        #expect(h.session.perform("models"))
        let listing = try #require(h.session.notebook.finishedCells.last)
        #expect(listing.blocks.contains { if case .table(let t) = $0 { t.headers.first == "name" } else { false } })
    }
}
