import Foundation
import Testing
@testable import RecLabShell

/// `find`, titles as students type them, and the pick list at the terminal.
@Suite struct FindVerbTests {
    let h = SessionHarness()

    init() throws {
        h.run("load movielens small")
        try FileManager.default.createDirectory(at: h.peopleFolder, withIntermediateDirectories: true)
    }

    func rows(_ out: String) -> [[String]] {
        out.split(separator: "\n").filter { $0.hasPrefix("│") }.dropFirst().map {
            $0.split(separator: "│").map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }

    @Test func findListsTheMostRatedFirstWithCountsAndMeans() {
        let out = h.run("find godfather")
        let found = rows(out)
        #expect(found.first?[0] == "858" && found.first?[1] == "Godfather, The (1972)", "\(out)")
        #expect(found.first?[3] == "192" && found.first?[4] == "4.29", "\(out)")
        let counts = found.compactMap { Int($0[3]) }
        #expect(counts == counts.sorted(by: >) && counts.count == found.count)
    }

    @Test func findTakesATypoAndALimit() {
        #expect(rows(h.run("find matrx")).first?[1] == "Matrix, The (1999)")
        #expect(rows(h.run("find \"star wars\" 3")).count == 3)
        #expect(rows(h.run("find star wars 3")).count == 3)
        #expect(h.run("find qqqqzzzz").hasPrefix("(no movie title has the words 'qqqqzzzz'"))
        #expect(h.run("find").contains("error: expected words of a title; usage: find TEXT [N]"))
    }

    @Test func findWithoutRatingsShowsTitlesOnly() {
        h.run("drop ratings")
        let out = h.run("find toy story")
        #expect(out.contains("Toy Story (1995)") && !out.contains("mean"), "\(out)")
    }

    @Test func titlesAsStudentsTypeThem() {
        #expect(h.run("rate me \"the godfather\" 5").hasPrefix("me: Godfather, The (1972) → 5.0"))
        #expect(h.run("rate me matrix 4.5").hasPrefix("me: Matrix, The (1999) → 4.5"))
        #expect(h.run("rate me \"Toy Story\" 4").hasPrefix("me: Toy Story (1995) → 4.0"))
        #expect(h.run("rate me godfahter 3") == "error: no movie titled 'godfahter'; did you mean 'Godfather, The (1972)'?")
    }

    @Test func anAmbiguousTitleInAScriptIsOneLineListingCandidates() {
        let out = h.run("rate me hamlet 4")
        #expect(out.hasPrefix("error: 'hamlet' matches 5 movies: 1411 Hamlet (1996);"), "\(out)")
        #expect(h.session.people["me"] == nil)
    }

    @Test func anAmbiguousTitleAtTheTerminalIsPickedFromAListAndRecordedByItsTitle() {
        var asked: [String] = []
        h.session.isInteractive = true
        var answers = ["x", "2"]
        h.session.ask = { question in asked.append(question); return answers.removeFirst() }
        let out = h.run("rate me hamlet 4")
        #expect(out.contains("'hamlet' matches 5 movies:\n  1  Hamlet (1996)  (movieId 1411)\n  2  Hamlet (1948)  (movieId 1941)"), "\(out)")
        #expect(out.contains("answer with a number from 1 to 5"))
        #expect(out.contains("me: Hamlet (1948) → 4.0 (1 rating)\n(new person 'me'"), "\(out)")
        #expect(asked == ["which one? 1–5, Enter cancels > ", "which one? 1–5, Enter cancels > "])
        #expect(h.session.recordedCells.last == "rate me \"Hamlet (1948)\" 4")
    }

    @Test func enterCancelsThePickAndChangesNothing() {
        h.session.isInteractive = true
        h.session.ask = { _ in "" }
        let out = h.run("rate me hamlet 4")
        #expect(out.hasSuffix("error: no movie picked for 'hamlet'; nothing done"), "\(out)")
        #expect(h.session.people["me"] == nil)
    }

    @Test func similarNamesTheMovieAsRateDoes() {
        h.run("train itemknn")
        let out = h.run("similar \"Toy Story\"")
        #expect(!out.contains("error"), "\(out)")
    }
}
