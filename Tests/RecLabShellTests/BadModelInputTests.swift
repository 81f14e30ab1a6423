import Foundation
import Testing
@testable import RecLabShell

/// Every bad input to the people and model verbs gets one line, a caret
/// under the word at fault, and changes nothing (tables, models, people).
@Suite struct BadModelInputTests {
    let h: SessionHarness

    init() throws {
        h = try SessionHarness.withMovieLens()
        h.run("rate me 1 4")
        h.run("rate me 2 2.5")
        h.run("rate flat 1 3")
        h.run("rate flat 2 3")
    }

    @Test func recommendingBeforeAnyModel() {
        h.refuses("recommend me", blaming: "recommend", with: "no model trained yet: train one first (train userknn nbrs=15 min_nbrs=3)")
        h.refuses("predict me 3", blaming: "predict", with: "no model trained yet: train one first (train userknn nbrs=15 min_nbrs=3)")
    }

    @Test func trainSettings() {
        h.refuses("train", with: "expected an algorithm (userknn, itemknn, bias, popular, mf, als, lowrank, implicit, bpr, ease); usage: [NAME =] train ALGO [key=value...] [on TABLE]")
        h.refuses("train userknm", blaming: "userknm", with: "unknown algorithm 'userknm'; did you mean 'userknn'?")
        h.refuses("train userknn nbr=15", blaming: "nbr", with: "unknown userknn setting 'nbr'; did you mean 'nbrs'?")
        h.refuses("train userknn nbrs", with: "expected '=' and a value after 'nbrs' (like nbrs=15)")
        h.refuses("train userknn nbrs=", with: "expected a value after 'nbrs='")
        h.refuses("train userknn nbrs=0", blaming: "0", with: "nbrs must be a whole number from 1 to 10000, not '0'")
        h.refuses("train userknn nbrs=2.5", blaming: "2.5", with: "nbrs must be a whole number from 1 to 10000, not '2.5'")
        h.refuses("train userknn min_sim=2", blaming: "2", with: "min_sim must be a number from -1 to 1, not '2'")
        h.refuses("train userknn center=maybe", blaming: "maybe", with: "center is on or off, not 'maybe'")
        h.refuses("train userknn nbrs=5 nbrs=6", blaming: "nbrs", with: "'nbrs' is given twice")
        h.refuses("train userknn nbrs=5 min_nbrs=6", blaming: "min_nbrs") {
            $0.contains("min_nbrs (6) is more than nbrs (5), so no movie could be scored")
        }
        h.refuses("train userknn on nothing", blaming: "nothing") { $0.hasPrefix("unknown table 'nothing'") }
        h.refuses("train userknn on movies", blaming: "movies") { $0.hasPrefix("cannot train on 'movies': ") && $0.contains("userId") }
        h.refuses("train bias damping=-1", blaming: "-1", with: "damping must be a number from 0 to 1000000, not '-1'")
        h.refuses("train popular nbrs=3", blaming: "nbrs", with: "unknown popular setting 'nbrs'")
        h.refuses("train userknn extra", blaming: "extra", with: "unknown userknn setting 'extra' (settings: nbrs, min_nbrs, min_sim, center)")
    }

    @Test func modelAndTableNamesDoNotCollide() {
        h.refuses("movies = train userknn", blaming: "movies", with: "'movies' is a table; give the model another name (m = train …)")
        h.run("train userknn")
        h.refuses("userknn = head ratings", blaming: "userknn", with: "'userknn' is a model; give the table another name")
    }

    @Test func whoAndWhat() {
        h.run("train userknn")
        h.refuses("recommend nobody", blaming: "nobody") { $0.hasPrefix("no person 'nobody'") }
        h.refuses("recommend mee", blaming: "mee", with: "no person 'mee'; did you mean 'me'?")
        h.refuses("recommend me with knn", blaming: "knn") { $0.hasPrefix("unknown model 'knn'") }
        h.refuses("recommend me 0", blaming: "0", with: "the number of movies must be a whole number from 1 to 1000000")
        h.refuses("recommend me genre comdy", blaming: "comdy", with: "unknown genre 'comdy'; did you mean 'Comedy'?")
        h.refuses("recommend me exclude") { $0.hasPrefix("expected words of titles to leave out after 'exclude'") }
        h.refuses("recommend me banana", blaming: "banana") { $0.hasPrefix("unexpected 'banana'") }
        h.refuses("recommend user 999999", blaming: "999999",
                  with: "user 999999 is not in 'ratings', the ratings 'userknn' was trained on")
        h.refuses("recommend flat", blaming: "flat", with: "flat: all your ratings are equal; rate some movies higher or lower")
        h.refuses(#"predict me "no such film at all""#, blaming: #""no such film at all""#) { $0.hasPrefix("no movie titled") }
        h.refuses(#"predict me "star wars""#, blaming: #""star wars""#) { $0.hasPrefix("'star wars' matches 13 movies") }
        h.refuses("predict me") { $0.hasPrefix("expected a movie") }
    }

    @Test func ratingsOfMoviesNobodyRated() {
        h.run("rate stranger 1 4")
        h.run("rate stranger 2 2")
        h.run("few = filter ratings movieId > 3")
        h.run("train userknn on few")
        h.refuses("recommend stranger", blaming: "stranger",
                  with: "none of stranger's 2 ratings is of a movie in 'few'; rate some movies that others rated")
    }

    @Test func blends() {
        h.refuses("hybrid = blend me", with: "a blend needs at least two people; usage: NAME = blend PERSON PERSON [PERSON...]")
        h.refuses("hybrid = blend me nobody", blaming: "nobody") { $0.hasPrefix("no person 'nobody'") }
        h.refuses("hybrid = blend me me", blaming: "me", with: "'me' is named twice")
        h.refuses("blend me flat", blaming: "blend", with: "name the blend: hybrid = blend me flat")
        h.refuses("me = blend me flat", blaming: "me", with: "'me' is one of the people blended; give the blend a new name")
        h.run("rate mine 3 4")
        h.refuses("mine = blend me flat", blaming: "mine", with: "'mine' already has 1 rating of their own; give the blend another name")
    }

    @Test func theWalkNeedsATerminal() {
        h.refuses("rate me", blaming: "me") { $0.hasPrefix("'rate me' asks about one movie at a time and needs a terminal") }
    }
}

/// `rate PERSON` walks the most-rated movies with answers from a terminal.
@Suite struct RatingWalkTests {
    @Test func rateSkipStopAndResume() throws {
        let h = try SessionHarness.withMovieLens()
        var answers = ["4.5", "s", "seven", "3", "q"]
        var questions: [String] = []
        h.session.isInteractive = true
        h.session.ask = { question in
            questions.append(question)
            return answers.isEmpty ? nil : answers.removeFirst()
        }
        let out = h.run("rate me")
        #expect(questions == [
            "Forrest Gump (1994) · Comedy|Drama|Romance|War · 329 ratings > ",
            "Shawshank Redemption, The (1994) · Crime|Drama · 317 ratings > ",
            "Pulp Fiction (1994) · Comedy|Crime|Drama|Thriller · 307 ratings > ",
            "Pulp Fiction (1994) · Comedy|Crime|Drama|Thriller · 307 ratings > ",
            "Silence of the Lambs, The (1991) · Crime|Horror|Thriller · 279 ratings > ",
        ])
        #expect(out.contains("  a rating is a number from 0.5 to 5 in half steps; s skips this movie, q stops\n"))
        #expect(out.hasSuffix("me: 2 rated, 1 skipped (2 ratings in all); 'rate me' resumes where this stopped\n"))
        #expect(h.session.people["me"]?.ratings == [356: 4.5, 296: 3])
        // Everything is on disk, and the next walk (a fresh session) starts after the skip.
        let (people, _) = PeopleStore(folder: h.peopleFolder).loadAll()
        #expect(people.first?.skipped == [318] && people.first?.ratings == [356: 4.5, 296: 3])
        answers = []
        questions = []
        h.run("rate me")
        #expect(questions == ["Silence of the Lambs, The (1991) · Crime|Horror|Thriller · 279 ratings > "])
        // The walk is not a replayable cell.
        #expect(!h.session.recordedCells.contains("rate me"))
    }
}
