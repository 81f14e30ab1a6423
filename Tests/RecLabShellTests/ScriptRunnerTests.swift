import Foundation
import Testing
@testable import RecLabShell

@Suite struct ScriptRunnerTests {
    @Test func continuationLinesJoin() {
        let cells = ScriptRunner.cells("help \\\n  set\n# note\n\nhistory\n")
        #expect(cells.map(\.line) == [1, 3, 4, 5])
        #expect(ScriptRunner.join(cells[0].lines) == "help    set")
    }

    @Test func aScriptSavedOnWindowsSplitsIntoItsLines() {
        let cells = ScriptRunner.cells("help \\\r\n  set\r\n# note\r\n\r\nhistory\r\n")
        #expect(cells.map(\.line) == [1, 3, 4, 5])
        #expect(cells.map { ScriptRunner.join($0.lines) } == ["help    set", "# note", "", "history"])
    }

    @Test func replayEchoesAndStopsAtTheFirstError() {
        let h = SessionHarness()
        let ok = ScriptRunner().run("# first\nset rows 5\nsett rows 3\nset rows 7\n", name: "s.reclab", in: h.session)
        #expect(!ok)
        #expect(h.printed == """
            # first
            reclab> set rows 5
            reclab> sett rows 3
                    ^^^^
            s.reclab:3: error: unknown verb 'sett'; did you mean 'set'?

            """)
        #expect(h.session.settings.rows == 5)
    }

    @Test func keepGoingRunsEveryCell() {
        let h = SessionHarness()
        let ok = ScriptRunner(keepGoing: true).run("sett rows 3\nset rows 7\n", name: "s", in: h.session)
        #expect(!ok)
        #expect(h.session.settings.rows == 7)
    }

    @Test func saveSessionKeepsOnlySuccessfulCells() {
        let h = SessionHarness()
        h.run("set rows 5")
        h.run("sett rows 3")
        h.run("help")
        #expect(h.session.recordedCells == ["set rows 5"])
        #expect(h.session.history.count == 3)
    }

    @Test func statementsBeforeAFailingOneAreRecordedOnTheirOwn() {
        let h = SessionHarness()
        h.run(#"set rows 5; set seed 7 ; sett rows 3"#)
        #expect(h.session.settings.rows == 5)
        #expect(h.session.recordedCells == ["set rows 5", "set seed 7"])
        h.run(#"help; set precision 2"#)
        #expect(h.session.recordedCells == ["set rows 5", "set seed 7", "set precision 2"])
    }

    @Test func savedSessionReplaysToTheSameWorkspace() throws {
        let h = SessionHarness()
        h.run("load movielens small")
        h.run("popular = stats ratings by movieId | filter count > 20")
        h.run("nosuch verb")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("reclab-\(UUID().uuidString).reclab").path
        #expect(h.run("save session \(path)").hasPrefix("saved 2 cells"))
        let again = SessionHarness()
        #expect(ScriptRunner().run(try String(contentsOfFile: path, encoding: .utf8), name: path, in: again.session))
        #expect(again.session.workspace.tables["popular"]?.rowCount == 1235)
    }
}
