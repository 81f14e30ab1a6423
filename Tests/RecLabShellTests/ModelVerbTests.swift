import Foundation
import Testing
@testable import RecLabShell

/// train, models, recommend, predict, explain and blend, end to end on
/// ml-latest-small with the Crash Course lab's two people.
@Suite struct ModelVerbTests {
    let h: SessionHarness

    init() throws {
        h = try SessionHarness.withMovieLens()
        let folder = TestData.root.appendingPathComponent("crashcourse").path
        h.run("rate jabril from \(folder)/jabril-movie-ratings.csv")
        h.run("rate jgb from \(folder)/jgb-movie-ratings.csv")
    }

    /// The rows of a rendered table as their cells, trimmed.
    func rows(_ text: String) -> [[String]] {
        text.split(separator: "\n").filter { $0.hasPrefix("│") }.dropFirst().map { line in
            line.split(separator: "│").map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }

    @Test func trainBindsTheAlgorithmsNameOrTheGivenOne() {
        #expect(h.run("train userknn nbrs=15 min_nbrs=3")
                == "userknn: trained on ratings (100,836 ratings by 610 users of 9,724 movies)\n")
        #expect(h.run("knn30 = train userknn nbrs=30 min_sim=0.1 center=off")
                == "knn30: userknn trained on ratings (100,836 ratings by 610 users of 9,724 movies)\n")
        #expect(h.session.workspace.modelNames == ["userknn", "knn30"])
        #expect(h.session.workspace.lastModel == "knn30")
        let listing = h.run("models")
        #expect(listing.contains("│ knn30 * │ userknn   │ nbrs=30 min_nbrs=3 min_sim=0.1 center=off │ ratings    │ 100,836 │"))
        #expect(listing.contains("│ userknn │ userknn   │ nbrs=15 min_nbrs=3 min_sim=0 center=on    │"))
        h.run("drop knn30")
        #expect(h.session.workspace.modelNames == ["userknn"] && h.session.workspace.lastModel == "userknn")
    }

    @Test func trainOnAnotherTableOrAPipe() {
        h.run("few = filter ratings userId <= 100")
        #expect(h.run("train userknn on few").hasPrefix("userknn: trained on few ("))
        #expect(h.run("filter ratings userId > 500 | train userknn").hasPrefix("userknn: trained on (piped table) ("))
        #expect(h.session.workspace.models["userknn"]?.model.matrix.userCount == 110)
    }

    @Test func theLabsTopTenForJabril() {
        h.run("train userknn nbrs=15 min_nbrs=3")
        let table = rows(h.run("recommend jabril"))
        #expect(table.map { $0[1] } == ["3200", "3814", "4021", "6591", "174053", "27156", "69524", "87234", "105197", "3653"])
        #expect(table.first == ["1", "3200", "Last Detail, The (1973)", "Comedy|Drama", "5.3376"])
    }

    @Test func blendMeansWhereBothRated() {
        #expect(h.run("hybrid = blend jabril jgb") == "hybrid: 144 ratings blended from jabril, jgb, 76 rated by both\n")
        #expect(h.session.people["hybrid"]?.ratings[1197] == 4.0)
        #expect(h.session.people["hybrid"]?.blendOf == ["jabril", "jgb"])
        h.run("train userknn")
        #expect(rows(h.run("recommend hybrid 3")).map { $0[2] }
                == ["Submarine (2010)", "Call Me by Your Name (2017)", "Man Who Fell to Earth, The (1976)"])
        // The blend is on disk, means and all, and blends again on replay.
        let (people, warnings) = PeopleStore(folder: h.peopleFolder).loadAll()
        #expect(warnings.isEmpty)
        #expect(people.first { $0.name == "hybrid" } == h.session.people["hybrid"])
        #expect(h.run("hybrid = blend jabril jgb").hasPrefix("hybrid: 144 ratings"))
    }

    @Test func recommendFiltersByGenreAndExcludesTitles() {
        h.run("train userknn")
        let comedies = rows(h.run("recommend jabril 5 genre comedy"))
        #expect(comedies.count == 5 && comedies.allSatisfy { $0[3].split(separator: "|").contains("Comedy") })
        #expect(comedies.map { $0[0] } == ["1", "2", "3", "4", "5"])
        let plain = rows(h.run("recommend jabril 20")).map { $0[2] }
        let excluded = rows(h.run(#"recommend jabril 20 exclude "the" "love""#)).map { $0[2] }
        #expect(excluded.count == 20)
        #expect(excluded.allSatisfy { !$0.lowercased().contains("the") && !$0.lowercased().contains("love") })
        #expect(excluded.first == plain.first { !$0.lowercased().contains("the") && !$0.lowercased().contains("love") })
        // A data user never gets a movie they rated.
        let rated = Set(rows(h.run("filter ratings userId == 42 | select movieId")).map { $0[0] })
        let forUser = rows(h.run("recommend user 42 50")).map { $0[1] }
        #expect(forUser.count == 50 && rated.isDisjoint(with: forUser))
    }

    @Test func predictAndExplainAgreeWithRecommend() throws {
        h.run("train userknn")
        #expect(h.run(#"predict jabril "Submarine (2010)""#) == "userknn predicts 5.0607 for jabril: Submarine (2010)\n"
                + "userknn (nbrs=15, min_nbrs=3); scores are predicted ratings and can pass the top of the rating scale\n")
        #expect(h.run(#"predict jabril "Princess Bride""#)
                == "jabril rated Princess Bride, The (1987) already, so userknn does not score it (only unrated movies are candidates)\n")
        let explanation = h.run(#"explain jabril "Submarine (2010)""#)
        #expect(explanation.hasPrefix("userknn for jabril: Submarine (2010)\n  μ = 3.7235, jabril's mean rating (85 ratings)\n"))
        #expect(explanation.hasSuffix("= 5.0607\n"))
        // The neighbours shown are the ones used: their weighted mean is the score.
        let neighbours = rows(explanation)
        let sims = neighbours.compactMap { Double($0[1]) }, centred = neighbours.compactMap { Double($0[3]) }
        #expect(!neighbours.isEmpty && neighbours.count <= 15)
        let mean = 3.72352941176
        let score = mean + zip(sims, centred).map(*).reduce(0, +) / sims.map(abs).reduce(0, +)
        #expect(abs(score - 5.0607) < 0.01)
    }

    @Test func explainSaysWhenTooFewNeighbours() {
        h.run("train userknn min_nbrs=15")
        // Movie 3200 has few raters: fewer than 15 neighbours.
        let text = h.run("explain jabril 3200")
        #expect(text.contains("not scored: only "), "\(text)")
        #expect(text.contains("and at least 15 are needed (min_nbrs)"))
        #expect(h.run("predict jabril 3200").hasPrefix("userknn cannot score Last Detail, The (1973) for jabril: only "))
    }

    @Test func itemKNNRecommendsAndExplainsWithItsOwnArithmetic() throws {
        #expect(h.run("train itemknn").hasPrefix("itemknn: trained on ratings (100,836 ratings"))
        let top = rows(h.run("recommend jabril 3"))
        #expect(top.map { $0[2] } == ["Bad Boy Bubby (1993)", "What We Do in the Shadows (2014)", "Trial, The (Procès, Le) (1962)"])
        let text = h.run(#"explain jabril "Submarine (2010)""#)
        #expect(text.hasPrefix("itemknn for jabril: Submarine (2010)\n  μ_i = 4.1667, the movie's mean rating\n"))
        #expect(text.contains("jabril rated 47 of them; the 20 most similar are used (nbrs)"))
        #expect(text.hasSuffix("= 4.1667 + (-1.5532) / 2.6024 = 4.1667 − 0.5968 = 3.5698\n"))
        #expect(h.run(#"predict jabril "Submarine (2010)""#) == "itemknn predicts 3.5698 for jabril: Submarine (2010)\n"
                + "itemknn (nbrs=20, min_nbrs=1); scores are predicted ratings and can pass the top of the rating scale\n")
    }

    @Test func biasAndPopular() {
        h.run("b = train bias damping=5")
        #expect(h.run(#"explain jabril "Submarine (2010)""#) == """
            b (bias) for jabril: Submarine (2010)
              μ   = 3.5016, the mean of all ratings
              b_i = 0.2494, how much more this movie is rated than μ (3 ratings)
              b_u = -0.0969, how much more jabril rates than expected (85 ratings)
              score = μ + b_i + b_u = 3.5016 + 0.2494 − 0.0969 = 3.6540

            """)
        h.run("p = train popular")
        // Scores are rating counts, whole; Forrest Gump (329) is jabril's, so not offered.
        let top = rows(h.run("recommend jabril 2"))
        #expect(top.map { [$0[2], $0[4]] } == [["Usual Suspects, The (1995)", "204"], ["Fugitive, The (1993)", "190"]])
        #expect(rows(h.run("recommend jgb 1 with b")).first?[4] != nil)
        #expect(h.run("explain jgb 50") == "p (popular) scores each movie by its number of ratings: Usual Suspects, The (1995) has 204 ratings in 'ratings'\n")
    }
}
