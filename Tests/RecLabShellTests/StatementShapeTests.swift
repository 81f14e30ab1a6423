import Foundation
import Testing
import RecLabTestSupport
@testable import RecLabShell

/// A statement whose shape cannot work (a pipe out of a verb that gives no
/// table, names bound to a verb that gives nothing to bind) is refused before
/// any of it runs: the verbs that act at once — `rate`, `unrate`, `export`,
/// `save`, a chart written `to PATH` — never act in a statement that fails.
/// (Found by the fuzzer: each of these acted, then the statement failed.)
@Suite struct StatementShapeTests {
    let h = SessionHarness()
    let folder: HostileFolder

    init() throws {
        folder = try HostileFolder()
        h.run("load movielens small")
        try FileManager.default.createDirectory(at: h.peopleFolder, withIntermediateDirectories: true)
    }

    func personFile(_ name: String) -> String { h.peopleFolder.appendingPathComponent("\(name).person").path }

    @Test func aBoundRateWritesNoRating() {
        h.refuses("x = rate me 1 4.5", blaming: "x", with: "'rate' gives no table to bind to 'x'")
        #expect(h.session.people["me"] == nil)
        #expect(!FileManager.default.fileExists(atPath: personFile("me")))
    }

    @Test func aRatePipedOnWritesNoRating() {
        h.refuses("rate me 1 4.5 | head 3", blaming: "head", with: "'rate' gives no table to pipe into 'head'")
        #expect(!FileManager.default.fileExists(atPath: personFile("me")))
    }

    @Test func aBoundUnrateKeepsTheRating() throws {
        h.run("rate me 1 4.5")
        let before = try String(contentsOfFile: personFile("me"), encoding: .utf8)
        h.refuses("x = unrate me 1", blaming: "x", with: "'unrate' gives no table to bind to 'x'")
        #expect(h.session.people["me"]?.ratings == [1: 4.5])
        #expect(try String(contentsOfFile: personFile("me"), encoding: .utf8) == before)
    }

    @Test func aBoundExportWritesNoNotebook() {
        let path = folder.path("n.md")
        h.refuses("a, b = export \(path)", blaming: "a", with: "'export' gives no table to bind to 'a'")
        #expect(folder.text("n.md") == nil)
    }

    @Test func aSavePipedOnWritesNoFile() {
        let path = folder.path("up.csv")
        h.refuses("save ratings \(path) | head", blaming: "head", with: "'save' gives no table to pipe into 'head'")
        #expect(folder.text("up.csv") == nil)
    }

    @Test func aChartPipedOnWritesNoSVG() {
        let path = folder.path("h.svg")
        h.refuses("hist ratings rating to \(path) | head 3", blaming: "head", with: "'hist' gives no table to pipe into 'head'")
        #expect(folder.text("h.svg") == nil)
    }

    @Test func anUnknownVerbLaterInAPipeRunsNothing() {
        let path = folder.path("h.svg")
        h.refuses("hist ratings rating to \(path) | hed 3", blaming: "hed") { $0.hasPrefix("unknown verb 'hed'") }
        #expect(folder.text("h.svg") == nil)
    }

    @Test func aTableWithAChartIsWrittenOnlyWhenTheWholeStatementSucceeds() throws {
        h.run("train als features=4 iters=1 samples=0")
        let path = folder.path("p.svg")
        h.refuses("pca als 10 to \(path) | filter nosuch > 1", blaming: "nosuch") { $0.contains("nosuch") }
        #expect(folder.text("p.svg") == nil)
        let out = h.run("pca als 10 to \(path) | head 3")
        #expect(!out.contains("error"))
        #expect(folder.text("p.svg")?.contains("<svg") == true)
    }

    @Test func aChartWhoseWriteFailsPrintsNothing() throws {
        try FileManager.default.createDirectory(atPath: folder.path("taken.svg"), withIntermediateDirectories: false)
        let error = h.failure("hist ratings rating to \(folder.path("taken.svg"))")
        #expect(error != nil)
        #expect(h.printed.isEmpty)
    }

    @Test func everyVerbDeclaresWhatItGives() {
        for verb in Verbs.all {
            #expect(!verb.gives.isEmpty, "\(verb.name) declares no result")
        }
        // What the shape check reads: a chart is not bindable, a split is.
        #expect(!Verbs.hist.gives.canBind && Verbs.split.gives.canBind(count: 2) && !Verbs.head.gives.canBind(count: 2))
    }
}
