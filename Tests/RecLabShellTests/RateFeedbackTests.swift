import Foundation
import Testing
@testable import RecLabShell

/// What `rate` says back — a changed rating's old value, a new person, a
/// name that differs from someone's only in case — and `forget`.
@Suite struct RateFeedbackTests {
    let h = SessionHarness()

    init() throws {
        h.run("load movielens small")
        try FileManager.default.createDirectory(at: h.peopleFolder, withIntermediateDirectories: true)
    }

    @Test func aNewPersonIsSaidToBeNewAndWhereTheyAreKept() {
        let out = h.run("rate me 1 4")
        #expect(out == "me: Toy Story (1995) → 4.0 (1 rating)\n(new person 'me', kept in \(h.peopleFolder.path)/me.person)\n", "\(out)")
        #expect(h.run("rate me 2 3") == "me: Jumanji (1995) → 3.0 (2 ratings)\n")
    }

    @Test func aChangedRatingShowsItsOldValue() {
        h.run("rate me 1 4")
        #expect(h.run("rate me 1 2") == "me: Toy Story (1995): 4.0 → 2.0 (1 rating)\n")
        #expect(h.run("rate me 1 2") == "me: Toy Story (1995) → 2.0, as before (1 rating)\n")
        let restarted = SessionHarness(reading: h.peopleFolder)
        _ = restarted.session.loadPeople()
        #expect(restarted.session.people["me"]?.ratings == [1: 2])
    }

    @Test func aNameDifferingOnlyInCaseIsWarnedAbout() {
        h.run("rate me 1 4")
        let out = h.run("rate Me 2 3")
        #expect(out.contains("warning: 'Me' and 'me' (1 rating) are different people; did you mean 'me'? (forget Me undoes this)"), "\(out)")
    }

    @Test func forgetMovesTheFileAsideAndSaysWhere() throws {
        h.run("rate Me 1 4")
        let out = h.run("forget Me")
        let kept = h.peopleFolder.appendingPathComponent("forgotten/Me.person").path
        #expect(out == "forgot Me (1 rating); the file is kept as \(kept): move it back into \(h.peopleFolder.path) to bring Me back\n", "\(out)")
        #expect(h.session.people["Me"] == nil)
        #expect(!FileManager.default.fileExists(atPath: h.peopleFolder.appendingPathComponent("Me.person").path))
        #expect(try String(contentsOfFile: kept, encoding: .utf8).contains("rate 1 4"))
        // Not loaded again, and a second one forgotten is kept beside the first.
        let restarted = SessionHarness(reading: h.peopleFolder)
        #expect(restarted.session.loadPeople().isEmpty)
        #expect(restarted.session.people.isEmpty)
        h.run("rate Me 2 3")
        #expect(h.run("forget Me").contains("forgotten/Me-2.person"))
    }

    @Test func forgetRefusesWhoIsNotThere() {
        h.refuses("forget nobody", blaming: "nobody", with: "no person 'nobody' (nobody has rated anything yet: rate nobody MOVIE RATING)")
        h.refuses("forget ../x", blaming: "../x") { $0.contains("cannot name a person") }
    }
}
