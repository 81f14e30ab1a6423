import Testing
@testable import RecLab

@Suite struct EASETests {
    /// 40 users over 12 movies with structure (three groups of four
    /// movies, each user mostly in one group) and a few strays; movie 99 has
    /// only two ratings.
    static func matrix() throws -> RatingMatrix {
        var generator = SeededGenerator(seed: 7)
        var rows: [(Int64, Int64)] = []
        for user in 1 ... 40 {
            let group = user % 3
            for movie in 0 ..< 12 where movie / 4 == group ? generator.uniform() < 0.8 : generator.uniform() < 0.1 {
                rows.append((Int64(user), Int64(10 + movie)))
            }
        }
        rows += [(1, 99), (2, 99)]
        let table = try Table(columns: [
            Column(name: "userId", integers: rows.map(\.0)), Column(name: "movieId", integers: rows.map(\.1)),
            Column(name: "rating", decimals: rows.map { _ in 4 }),
        ])
        return try RatingMatrix.build(from: table)
    }

    @Test func inverseTimesMatrixIsTheIdentity() throws {
        var generator = SeededGenerator(seed: 3)
        let n = 60
        // A Aᵀ + n I is symmetric positive definite.
        let a = (0 ..< n * n).map { _ in generator.normal() }
        var m = [Double](repeating: 0, count: n * n)
        for i in 0 ..< n {
            for j in 0 ..< n {
                var sum = i == j ? Double(n) : 0
                for k in 0 ..< n { sum += a[i * n + k] * a[j * n + k] }
                m[i * n + j] = sum
            }
        }
        var inverse = m
        try SymmetricInverse.invert(&inverse, n: n)
        var worst = 0.0
        for i in 0 ..< n {
            for j in 0 ..< n {
                var sum = 0.0
                for k in 0 ..< n { sum += m[i * n + k] * inverse[k * n + j] }
                worst = max(worst, abs(sum - (i == j ? 1 : 0)))
            }
        }
        #expect(worst < 1e-10)
        #expect(inverse[1 * n + 5] == inverse[5 * n + 1])
        var singular: [Double] = [1, 2, 2, 4]
        #expect(throws: RecLabError.self) { try SymmetricInverse.invert(&singular, n: 2) }
    }

    @Test func aCancelledTrainingStopsBeforeTheInverse() throws {
        let stopped = Cancellation()
        stopped.cancel()
        #expect(throws: RecLabError.cancelled) {
            try EASE.train(try Self.matrix(), parameters: EASE.Parameters(minRatings: 3), cancel: stopped)
        }
    }

    /// B = I − P diag(1/diag P) with P = (G + λI)⁻¹ means (G + λI) B = G + λI − diag(1/diag P):
    /// off the diagonal, row i of (G + λI) times column j of B is exactly G_ij.
    @Test func weightsSolveTheConstrainedRidgeRegression() throws {
        let matrix = try Self.matrix()
        let model = try EASE.train(matrix, parameters: EASE.Parameters(regularization: 5, minRatings: 3))
        #expect(model.keptCount == 12 && matrix.itemCount == 13)
        let kept = model.kept.map(Int.init), n = kept.count
        let gram = EASE.coRatings(matrix, kept: model.kept, position: model.position)
        for a in 0 ..< n {
            // The diagonal counts each movie's ratings.
            #expect(gram[a * n + a] == Double(matrix.entries(ofItem: kept[a]).count))
            #expect(model.weight(from: kept[a], to: kept[a]) == 0)
        }
        var worst = 0.0
        for i in 0 ..< n {
            for j in 0 ..< n where i != j {
                var sum = 0.0
                for k in 0 ..< n {
                    let g = gram[i * n + k] + (i == k ? 5 : 0)
                    sum += g * Double(model.weight(from: kept[k], to: kept[j]) ?? .nan)
                }
                worst = max(worst, abs(sum - gram[i * n + j]) / max(1, gram[i * n + j]))
            }
        }
        #expect(worst < 1e-5)
    }

    @Test func aScoreIsTheSumOfTheWeightsFromTheRatedMovies() throws {
        let matrix = try Self.matrix()
        let model = try EASE.train(matrix, parameters: EASE.Parameters(regularization: 5, minRatings: 3))
        // Ratings do not matter, only which movies.
        let person = model.itemScores(ratings: [(10, 5), (11, 1), (12, 3), (99, 5)])
        let same = model.itemScores(ratings: [(10, 1), (11, 1), (12, 1), (12, 2)])
        let rated = [10, 11, 12].compactMap { matrix.itemIndex(of: Int64($0)) }
        for id: Int64 in [13, 14, 20] {
            guard let i = matrix.itemIndex(of: id) else { Issue.record("movie \(id)"); continue }
            let expected = rated.reduce(0.0) { $0 + Double(model.weight(from: $1, to: i) ?? .nan) }
            #expect(abs((person.score(ofItem: id) ?? .nan) - expected) < 1e-12)
            #expect(person.score(ofItem: id) == same.score(ofItem: id))
        }
        // Movie 99 (two ratings) is not kept: never scored, adds nothing.
        #expect(person.score(ofItem: 99) == nil && person.score(ofItem: 10) == nil)
        // A group-0 fan's list starts with the rest of group 0.
        let fan = model.itemScores(ratings: [(10, 4), (11, 4)])
        #expect(Set(fan.recommend(2).map(\.item)) == [12, 13])
        let stray = model.itemScores(ratings: [(99, 5), (5000, 4)])
        #expect(stray.scoredCount == 0 && stray.problem?.contains("none of theirs") == true)
    }

    @Test func similarMoviesAreTheLargestWeights() throws {
        let model = try EASE.train(try Self.matrix(), parameters: EASE.Parameters(regularization: 5, minRatings: 3))
        let similar = try model.similarMovies(to: 10, count: 3, metric: .cosine, minCount: 0)
        #expect(similar.count == 3 && !similar.contains { $0.item == 10 })
        #expect(Set(similar.map(\.item)) == [11, 12, 13])
        #expect(similar.map(\.score) == similar.map(\.score).sorted(by: >))
        #expect(throws: RecLabError.self) { try model.similarMovies(to: 99, count: 3, metric: .cosine, minCount: 0) }
    }

    @Test func explanationAddsUpToTheScore() throws {
        let model = try EASE.train(try Self.matrix(), parameters: EASE.Parameters(regularization: 5, minRatings: 3))
        let ratings: [(item: Int64, rating: Double)] = [(10, 5), (11, 1), (20, 3), (99, 4)]
        let explanation = try #require(model.explain(ratings: ratings, item: 12))
        #expect(explanation.contributions.map(\.item).sorted() == [10, 11, 20] && explanation.notKept == 1)
        let sum = explanation.contributions.reduce(0) { $0 + $1.weight }
        #expect(abs(sum - explanation.score) < 1e-12)
        #expect(explanation.score == model.itemScores(ratings: ratings).score(ofItem: 12))
        #expect(model.explain(ratings: ratings, item: 10) == nil)
    }

    @Test func settingsOutOfRangeNameTheirKey() throws {
        let matrix = try Self.matrix()
        for (parameters, key) in [(EASE.Parameters(regularization: 0), "reg"), (EASE.Parameters(regularization: .nan), "reg"),
                                  (EASE.Parameters(minRatings: 0), "min_ratings"),
                                  (EASE.Parameters(minRatings: 1000), "min_ratings")] {
            #expect { try EASE.train(matrix, parameters: parameters) } throws: { ($0 as? RecLabError)?.subject == key }
        }
    }

    @Test func damagedWeightsAreRefused() throws {
        let model = try EASE.train(try Self.matrix(), parameters: EASE.Parameters(regularization: 5, minRatings: 3))
        var writer = CheckpointWriter(capacity: model.checkpointSize)
        model.encode(into: &writer)
        var bytes = writer.bytes
        // The first weight is movie 0's to itself: make it 1.
        let first = bytes.count - 4 * model.keptCount * model.keptCount
        bytes.replaceSubrange(first ..< first + 4, with: withUnsafeBytes(of: Float(1).bitPattern.littleEndian, Array.init))
        bytes.withUnsafeBytes { raw in
            var reader = CheckpointReader(raw, range: 0 ..< raw.count)
            #expect { try EASE.decode(from: &reader, cancel: .never) } throws: {
                ($0 as? RecLabError)?.message.contains("damaged") == true
            }
        }
    }
}
