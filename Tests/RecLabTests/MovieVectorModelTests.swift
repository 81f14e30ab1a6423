import Foundation
import Testing
@testable import RecLab

/// `MovieVectorModel`'s default `similar` on vectors chosen by hand, its
/// agreement with mf's SIMD version, `ItemBiasModel`'s ranking, and the
/// most-rated movies `pca` takes.
@Suite struct MovieVectorModelTests {
    /// A model whose movie vectors are given: the smallest conforming type.
    struct FixedVectors: MovieVectorModel {
        static let algorithm = "fixed"
        let matrix: RatingMatrix
        let vectors: [Int64: [Float]]
        var settings: [(key: String, value: String)] { [] }
        var factors: Int { vectors.values.first?.count ?? 0 }
        func itemVector(index i: Int) -> [Float] { vectors[matrix.itemIds[i]] ?? [] }
        func itemScores(ratings: [(item: Int64, rating: Double)]) -> ItemScores {
            ItemScores(matrix: matrix, values: [], rated: [], ratingCount: 0, knownCount: 0, problem: "none")
        }
        func itemScores(user id: Int64) throws(RecLabError) -> ItemScores { throw RecLabError("none") }
    }

    /// Movie `id` rated `counts[id]` times (by users 1, 2, …).
    static func matrix(counts: [Int64: Int]) throws -> RatingMatrix {
        var users: [Int64] = [], items: [Int64] = []
        for (id, n) in counts.sorted(by: { $0.key < $1.key }) {
            for u in 0 ..< n { users.append(Int64(u + 1)); items.append(id) }
        }
        return try RatingMatrix.build(from: Table(columns: [
            Column(name: "userId", integers: users), Column(name: "movieId", integers: items),
            Column(name: "rating", decimals: users.map { _ in 4 }),
        ]))
    }

    /// Five movies around 10 = (1, 0, 0): 20 = (3, 1, 0) at cosine 0.949,
    /// 30 = (1, 1, 0) at 0.707, 40 = (0, 0, 2) at right angles, 50 the zero vector.
    static func fixed() throws -> FixedVectors {
        FixedVectors(matrix: try matrix(counts: [10: 5, 20: 1, 30: 4, 40: 3, 50: 2]),
                     vectors: [10: [1, 0, 0], 20: [3, 1, 0], 30: [1, 1, 0], 40: [0, 0, 2], 50: [0, 0, 0]])
    }

    @Test func cosinePutsTheMovieFirstThenTheRestByAngle() throws {
        let model = try Self.fixed()
        let cosine = try model.similarItems(to: 10, count: 10, metric: .cosine, minCount: 0)
        #expect(cosine.map(\.item) == [10, 20, 30, 40, 50])
        #expect(cosine[0].score == 1)
        #expect(abs(cosine[1].score - 3 / 10.0.squareRoot()) < 1e-12 && abs(cosine[2].score - 0.5.squareRoot()) < 1e-12)
        // At right angles and the zero vector both have cosine 0: ties by id.
        #expect(cosine[3].score == 0 && cosine[4].score == 0)
        #expect(try model.similarItems(to: 50, count: 2, metric: .cosine, minCount: 0).map(\.score) == [0, 0])
    }

    @Test func l1RanksBySummedDifferenceAscending() throws {
        let model = try Self.fixed()
        let l1 = try model.similarItems(to: 10, count: 5, metric: .l1, minCount: 0)
        // From (1, 0, 0): 30 and 50 differ by 1, 20 and 40 by 3; ties by id.
        #expect(l1.map(\.item) == [10, 30, 50, 20, 40])
        #expect(l1.map(\.score) == [0, 1, 1, 3, 3])
    }

    @Test func minCountLeavesOutRarelyRatedMoviesButNeverTheMovieAsked() throws {
        let model = try Self.fixed()
        // 20 has one rating but stays; 50 (2 ratings) goes.
        let kept = try model.similarItems(to: 20, count: 10, metric: .cosine, minCount: 3)
        #expect(kept.map(\.item) == [20, 10, 30, 40])
        #expect(try model.similarItems(to: 10, count: 5, metric: .l1, minCount: 4).map(\.item) == [10, 30])
        #expect(throws: RecLabError.self) { try model.similarItems(to: 60, count: 3, metric: .cosine, minCount: 0) }
    }

    @Test func defaultSimilarAgreesWithMFsSIMDVersion() throws {
        let matrix = try MatrixFactorizationTests.lowRank(density: 0.5)
        let model = try MatrixFactorization.train(matrix, parameters: MatrixFactorizationTests.quick)
        for id in [Int64(1), 7, 33, 60] {
            for metric in SimilarityMetric.allCases {
                for minCount in [0, 30] {
                    let fast = try model.similarItems(to: id, count: 12, metric: metric, minCount: minCount)
                    let plain = try model.similarItemsByVectors(to: id, count: 12, metric: metric, minCount: minCount)
                    #expect(fast.count == plain.count)
                    for (a, b) in zip(fast, plain) {
                        // Float sums in another order: equal scores up to rounding, and the
                        // same movies wherever the scores are not that close.
                        #expect(abs(a.score - b.score) < 1e-5, "\(id) \(metric) \(a) \(b)")
                        #expect(a.item == b.item || abs(a.score - b.score) < 1e-5)
                    }
                    #expect(Set(fast.dropLast().map(\.item)).isSubset(of: Set(plain.map(\.item))))
                }
            }
        }
    }

    @Test func itemBiasModelsRankByBiasWithACountFloor() throws {
        let table = try Table(columns: [
            Column(name: "userId", integers: [1, 2, 3, 1, 2, 1, 3]),
            Column(name: "movieId", integers: [10, 10, 10, 20, 20, 30, 40]),
            Column(name: "rating", decimals: [5, 4, 5, 1, 2, 3, 5]),
        ])
        let model = try BiasModel.train(RatingMatrix.build(from: table))
        let top = model.moviesByBias(4)
        // Mean 25/7; b_i = mean(r) − μ: 40 → 5, 10 → 4.67, 30 → 3, 20 → 1.5.
        #expect(top.map(\.item) == [40, 10, 30, 20])
        #expect(top.map(\.item) == model.itemsByBias(4).map(\.item))
        #expect(abs(top[0].score - (5 - 25.0 / 7)) < 1e-12)
        #expect(model.moviesByBias(2, lowest: true).map(\.item) == [20, 30])
        #expect(model.moviesByBias(5, minCount: 2).map(\.item) == [10, 20])
        #expect(model.moviesByBias(5, lowest: true, minCount: 4).isEmpty)
    }

    @Test func mfBiasesRankTheSameWay() throws {
        let matrix = try MatrixFactorizationTests.lowRank(density: 0.5)
        let model = try MatrixFactorization.train(matrix, parameters: MatrixFactorizationTests.quick)
        let biases = model.itemBiases
        let top = model.moviesByBias(matrix.itemCount)
        #expect(top.count == matrix.itemCount)
        #expect(zip(top, top.dropFirst()).allSatisfy { $0.score >= $1.score })
        #expect(top.allSatisfy { $0.score == biases[matrix.itemIndex(of: $0.item) ?? -1] })
        #expect(model.moviesByBias(3, lowest: true).map(\.item) == top.suffix(3).reversed().map(\.item))
    }

    @Test func mostRatedItemsCountDownWithTiesByAscendingId() throws {
        let matrix = try Self.matrix(counts: [10: 2, 20: 5, 30: 2, 40: 7, 50: 1])
        #expect(matrix.mostRatedItems(4).map { matrix.itemIds[$0] } == [40, 20, 10, 30])
        #expect(matrix.mostRatedItems(9).count == 5 && matrix.mostRatedItems(0).isEmpty)
        #expect(matrix.itemRatingCounts == [2, 5, 2, 7, 1])
    }
}
