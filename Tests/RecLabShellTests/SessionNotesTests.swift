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
