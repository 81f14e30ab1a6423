import Testing
@testable import RecLab

/// A five-user example worked by hand. Users 1, 2, 3 and 5 have mean 3;
/// user 4 rated everything 3 (zero norm). Normalised profiles:
/// x₁ = (2, −2, 1, −1)/√10, x₂ = (1, −1, 0, 0)/√2, x₃ = −x₁,
/// x₅ = (2, 0, ·, −2)/√8 over movies 10, 20, 30, 40.
@Suite struct UserKNNTests {
    static func matrix() throws -> RatingMatrix {
        let rows: [(Int64, Int64, Double)] = [
            (1, 10, 5), (1, 20, 1), (1, 30, 4), (1, 40, 2),
            (2, 10, 4), (2, 20, 2), (2, 30, 3), (2, 40, 3),
            (3, 10, 1), (3, 20, 5), (3, 30, 2), (3, 40, 4),
            (4, 10, 3), (4, 30, 3),
            (5, 10, 5), (5, 20, 3), (5, 40, 1),
        ]
        let table = try Table(columns: [
            Column(name: "userId", integers: rows.map(\.0)), Column(name: "movieId", integers: rows.map(\.1)),
            Column(name: "rating", decimals: rows.map(\.2)),
        ])
        return try RatingMatrix.build(from: table)
    }

    static func model(_ parameters: UserKNN.Parameters = .init()) throws -> UserKNN {
        try UserKNN.train(matrix(), parameters: parameters)
    }

    /// Movie 99 is unknown: it counts for μ = 3 and ‖s − μ‖ = √2, then is
    /// dropped, leaving q₁₀ = 1/√2, q₂₀ = −1/√2.
    static let person: [(item: Int64, rating: Double)] = [(10, 4), (20, 2), (99, 3)]

    func close(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) < 1e-12 } ?? false }

    @Test func trainingMeansAndNorms() throws {
        let m = try Self.model()
        #expect(m.userMeans == [3, 3, 3, 3, 3])
        #expect(close(m.userNorms[0], 10.0.squareRoot()) && m.userNorms[3] == 0)
    }

    @Test func similaritiesAreCosinesOfWholeNormalisedProfiles() throws {
        let s = try Self.model().score(ratings: Self.person)
        #expect(s.mean == 3 && s.ratingCount == 3 && s.knownCount == 2 && s.candidateCount == 2)
        #expect(close(s.similarity(ofUser: 1), 2 / 5.0.squareRoot()))
        #expect(close(s.similarity(ofUser: 2), 1))
        #expect(close(s.similarity(ofUser: 3), -2 / 5.0.squareRoot()))
        #expect(s.similarity(ofUser: 4) == 0)
        #expect(close(s.similarity(ofUser: 5), 0.5))
    }

    @Test func scoreByHandAndMinNeighboursCut() throws {
        // Movie 40: neighbours 1 (c = −1), 2 (c = 0), 5 (c = −2); user 3 is
        // negative, so skipped. Movie 30 has only users 1 and 2: cut at 3.
        let s = try Self.model().score(ratings: Self.person)
        let a = 2 / 5.0.squareRoot()
        #expect(close(s.score(ofItem: 40), 3 + (-a - 1) / (a + 1 + 0.5)))
        #expect(s.score(ofItem: 30) == nil)
        #expect(s.scoredCount == 1)
        #expect(s.score(ofItem: 10) == nil)

        let loose = try Self.model(.init(minNeighbours: 2)).score(ratings: Self.person)
        #expect(close(loose.score(ofItem: 30), 3 + a / (a + 1)))
        #expect(loose.recommend(5).map(\.item) == [30, 40])
        #expect(loose.recommend(1).map(\.item) == [30])
    }

    @Test func neighbourCapKeepsTheMostSimilar() throws {
        let s = try Self.model(.init(neighbours: 2, minNeighbours: 2)).score(ratings: Self.person)
        let a = 2 / 5.0.squareRoot()
        #expect(close(s.score(ofItem: 40), 3 + -a / (a + 1)))
        let e = try #require(s.explain(item: 40))
        #expect(e.neighbours.map(\.user) == [2, 1])
        #expect(e.raterCount == 4 && e.eligibleCount == 3 && e.minNeighbours == 2)
        #expect(close(e.weightedSum, -a) && close(e.similaritySum, a + 1))
        #expect(e.neighbours[1].rating == 2 && e.neighbours[1].centredRating == -1)
        #expect(close(e.score, 3 + -a / (a + 1)) && !e.ratedByPerson)
    }

    @Test func zeroNormUsersAreNeverNeighbours() throws {
        let s = try Self.model(.init(minNeighbours: 1)).score(ratings: Self.person)
        let e = try #require(s.explain(item: 30))
        #expect(e.raterCount == 4 && e.eligibleCount == 2)
        #expect(!e.neighbours.map(\.user).contains(4))
        #expect(try Self.model().score(user: 4).problem == .allRatingsEqual)
    }

    @Test func allEqualRatingsScoreNothing() throws {
        let s = try Self.model().score(ratings: [(10, 3), (20, 3), (99, 3)])
        #expect(s.problem == .allRatingsEqual && s.scoredCount == 0 && s.recommend(10).isEmpty)
        #expect(s.problem?.description == "all your ratings are equal; rate some movies higher or lower")
        #expect(try Self.model().score(ratings: []).problem == .noRatings)
    }

    @Test func laterDuplicateRatingOverwrites() throws {
        let s = try Self.model().score(ratings: [(10, 1), (20, 2)] + Self.person)
        #expect(s.ratingCount == 3 && close(s.similarity(ofUser: 2), 1))
    }

    @Test func existingUserUsesOwnProfileAndNotThemselves() throws {
        // User 5: x = (1, 0, ·, −1)/√2 over 10, 20, 40; μ = 3. Candidate 30:
        // user 1 (sim 3/(2√5), c = 1), user 2 (sim ½, c = 0).
        let s = try Self.model(.init(minNeighbours: 2)).score(user: 5)
        let b = 3 / (2 * 5.0.squareRoot())
        #expect(s.similarity(ofUser: 5) == 0)
        #expect(close(s.similarity(ofUser: 1), b) && close(s.similarity(ofUser: 2), 0.5))
        #expect(close(s.score(ofItem: 30), 3 + b / (b + 0.5)))
        #expect(s.scoredItems.map(\.item) == [30])
        #expect(throws: RecLabError.self) { try Self.model().score(user: 77) }
    }

    @Test func parametersAreChecked() throws {
        #expect(throws: RecLabError.self) { try Self.model(.init(neighbours: 0)) }
        #expect(throws: RecLabError.self) { try Self.model(.init(neighbours: 2, minNeighbours: 3)) }
    }

    /// Item by item with the plain rater-by-rater neighbour walk, on one core.
    static func plainScores(_ model: UserKNN, mean: Double, similarities: [Double], rated: [Bool]) -> [Double] {
        var heap = NeighbourHeap(capacity: model.parameters.neighbours)
        var scores = [Double](repeating: .nan, count: model.matrix.itemCount)
        for i in 0 ..< model.matrix.itemCount where !rated[i] {
            model.selectNeighbours(ofItem: i, similarities: similarities, into: &heap)
            guard heap.count >= model.parameters.minNeighbours else { continue }
            let (weighted, total) = model.weightedSums(heap, similarities: similarities)
            scores[i] = mean + weighted / total
        }
        return scores
    }

    /// How many positions differ in their bits (NaN equal to NaN).
    static func differences(_ a: [Double], _ b: [Double]) -> Int {
        a.count != b.count ? max(a.count, b.count) : zip(a, b).filter { $0.bitPattern != $1.bitPattern }.count
    }

    /// The threshold walk split over workers gives the plain walk's scores
    /// bit for bit: on 120k half-star ratings (so similarities tie often),
    /// with negative min_sim, a small heap, and a NaN similarity (which
    /// takes the plain walk).
    @Test func parallelThresholdWalkMatchesThePlainWalk() throws {
        var generator = SeededGenerator(seed: 5)
        var pairs = Set<Int64>()
        while pairs.count < 120_000 { pairs.insert(Int64(generator.next(below: 3_000)) << 32 | Int64(generator.next(below: 800))) }
        let rows = pairs.sorted()
        let table = try Table(columns: [
            Column(name: "userId", integers: rows.map { $0 >> 32 }), Column(name: "movieId", integers: rows.map { $0 & 0xFFFF }),
            Column(name: "rating", decimals: rows.map { _ in Double(1 + generator.next(below: 10)) / 2 }),
        ])
        let matrix = try RatingMatrix.build(from: table)
        for parameters in [UserKNN.Parameters(), UserKNN.Parameters(neighbours: 4, minNeighbours: 2, minSimilarity: -0.5)] {
            let model = try UserKNN.train(matrix, parameters: parameters)
            for user: Int64 in [0, 17, 2_999] {
                let s = try model.score(user: user)
                let plain = Self.plainScores(model, mean: s.mean, similarities: s.similarities, rated: s.items.rated)
                #expect(Self.differences(s.items.values, plain) == 0)
                #expect(s.scoredCount > 100)
                var broken = s.similarities
                broken[5] = .nan
                let walked = model.scoreItems(mean: s.mean, similarities: broken, rated: s.items.rated)
                let expected = Self.plainScores(model, mean: s.mean, similarities: broken, rated: s.items.rated)
                #expect(Self.differences(walked, expected) == 0)
            }
        }
    }

    @Test func heapKeepsTheRaterMetFirstOnATieForTheLastSlot() {
        var heap = NeighbourHeap(capacity: 2)
        heap.offer(similarity: 0.5, entry: 0)
        heap.offer(similarity: 0.9, entry: 1)
        heap.offer(similarity: 0.5, entry: 2)
        #expect(Set(heap.entries.prefix(heap.count)) == [0, 1])
        heap.offer(similarity: 0.6, entry: 3)
        #expect(Set(heap.entries.prefix(heap.count)) == [1, 3])
    }

    @Test func heapSiftsDownToTheLeftChildOnEqualChildren() {
        var heap = NeighbourHeap(capacity: 3)
        heap.offer(similarity: 0.1, entry: 0)
        heap.offer(similarity: 0.7, entry: 1)
        heap.offer(similarity: 0.7, entry: 2)
        heap.offer(similarity: 0.8, entry: 3)
        #expect(Array(heap.entries.prefix(3)) == [1, 3, 2])
        #expect(Array(heap.similarities.prefix(3)) == [0.7, 0.8, 0.7])
    }
}
