import Testing
@testable import RecLab

@Suite struct PopularModelTests {
    static func model() throws -> PopularModel {
        // Ratings per movie: 30 → 3, 10 → 2, 20 → 2, 40 → 1.
        let rows: [(Int64, Int64)] = [(1, 30), (2, 30), (3, 30), (1, 20), (2, 20), (2, 10), (3, 10), (3, 40)]
        let table = try Table(columns: [
            Column(name: "userId", integers: rows.map(\.0)), Column(name: "movieId", integers: rows.map(\.1)),
            Column(name: "rating", decimals: rows.map { _ in 3 }),
        ])
        return PopularModel.train(try RatingMatrix.build(from: table))
    }

    @Test func scoresAreRatingCountsWithTiesByAscendingId() throws {
        let m = try Self.model()
        #expect(m.ratingCounts == [2, 2, 3, 1] && m.ratingCount(of: 30) == 3 && m.ratingCount(of: 99) == nil)
        let everyone = m.itemScores(ratings: [])
        #expect(everyone.recommend(4).map(\.item) == [30, 10, 20, 40])
        #expect(everyone.recommend(4).map(\.score) == [3, 2, 2, 1] && everyone.problem == nil)
    }

    @Test func ratedMoviesAreLeftOut() throws {
        let m = try Self.model()
        #expect(m.itemScores(ratings: [(30, 1), (99, 5)]).recommend(4).map(\.item) == [10, 20, 40])
        let user1 = try m.itemScores(user: 1)
        #expect(user1.recommend(4).map(\.item) == [10, 40] && user1.knownCount == 2)
        #expect(throws: RecLabError.self) { try m.itemScores(user: 9) }
        #expect(m.settings.isEmpty && PopularModel.algorithm == "popular")
    }

    @Test func topFiftyMatchesLensKit() throws {
        guard let matrix = LensKitFixtures.matrix else { return }
        let recorded = try LensKitFixtures.scores("popular.csv")
        #expect(recorded.count == 11)
        #expect(try LensKitFixtures.compare(PopularModel.train(matrix), with: recorded) == 0)
    }
}
