import Testing
@testable import RecLab

/// How a typed title finds its movie: exactly, ignoring case, ignoring the
/// year and an article, by words; then a did-you-mean for a typo.
@Suite struct TitleMatchingTests {
    let lookup: MovieLookup

    init() throws {
        let movies: [(Int64, String)] = [
            (1, "Toy Story (1995)"), (3114, "Toy Story 2 (1999)"), (858, "Godfather, The (1972)"),
            (1221, "Godfather: Part II, The (1974)"), (8607, "Tokyo Godfathers (2003)"),
            (2571, "Matrix, The (1999)"), (6365, "Matrix Reloaded, The (2003)"), (27660, "Animatrix, The (2003)"),
            (1411, "Hamlet (1996)"), (1941, "Hamlet (1948)"), (5, "Misérables, Les (1995)"),
            (172591, "The Godfather Trilogy: 1972-1990 (1992)"),
        ]
        lookup = try MovieLookup(movies: Table(columns: [
            Column(name: "movieId", integers: movies.map(\.0)),
            Column(name: "title", texts: movies.map(\.1)),
        ]))
    }

    func id(_ query: String) -> Int64? {
        if case .one(let movie) = lookup.match(query) { return movie.id }
        return nil
    }

    @Test func theYearAndAnArticleAreIgnoredBeforeWords() {
        #expect(id("Toy Story") == 1)
        #expect(id("toy story") == 1)
        #expect(id("The Godfather") == 858)
        #expect(id("godfather") == 858)
        #expect(id("matrix") == 2571)
        #expect(id("the matrix") == 2571)
        #expect(id("Matrix, The") == 2571)
        #expect(id("les misérables") == 5)
        #expect(id("Godfather Trilogy: 1972-1990") == 172591)
    }

    @Test func earlierStepsWin() {
        #expect(id("Toy Story 2 (1999)") == 3114)
        #expect(id("GODFATHER, THE (1972)") == 858)
        #expect(id("godfather part ii") == 1221)  // by words
    }

    @Test func severalAtOneStepAreAmbiguous() {
        guard case .several(let movies) = lookup.match("hamlet") else { Issue.record("hamlet is not ambiguous"); return }
        #expect(Set(movies.map(\.id)) == [1411, 1941])
        #expect(throws: RecLabError.self) { try lookup.find("hamlet") }
    }

    @Test func aTypoGetsADidYouMean() {
        #expect(throws: RecLabError("no movie titled 'godfahter'; did you mean 'Godfather, The (1972)'?", subject: "godfahter")) {
            try lookup.find("godfahter")
        }
        #expect(throws: RecLabError("no movie titled 'the matrx'; did you mean 'Matrix, The (1999)'?", subject: "the matrx")) {
            try lookup.find("the matrx")
        }
        guard case .none(nil) = lookup.match("casablanca") else { Issue.record("casablanca found something"); return }
        // The start of a title is not a typo of it.
        guard case .none(nil) = lookup.match("anim") else { Issue.record("'anim' taken for a typo"); return }
    }

    @Test func searchFindsWordsPrefixesAndTypos() {
        #expect(Set(lookup.search("godfather").map(\.id)) == [858, 1221, 8607, 172591])
        #expect(Set(lookup.search("godf").map(\.id)) == [858, 1221, 8607, 172591])
        #expect(Set(lookup.search("matrx").map(\.id)) == [2571, 6365])
        #expect(Set(lookup.search("toy story").map(\.id)) == [1, 3114])
        #expect(lookup.search("zzzz").isEmpty)
    }
}
