import Foundation
import Testing
@testable import RecLab

/// `explain` for the factor models: the terms laid out reproduce the
/// model's own score exactly (not merely closely), for data users and for
/// folded-in people, and the nearby rated movies are the right ones.
@Suite struct FactorExplanationTests {
    /// Half of an 80 × 60 rank-2 matrix (ratings 3 + a_u·b_i, 1…5).
    static let matrix = Result { try MatrixFactorizationTests.lowRank(density: 0.5) }

    /// A new person: known movies (one rated twice: the later rating
    /// counts), and a movie the model has never seen (ignored).
    static let person: [(item: Int64, rating: Double)] = [(3, 4.5), (8, 1), (21, 3), (3, 2), (999_999, 5), (40, 5)]

    /// Every data user's and the new person's scores, compared with the
    /// explanation of every movie, and the explanation's own arithmetic.
    func checkEveryScore(_ model: some FactorExplaining, output: (FactorExplanation) -> Double) throws {
        let matrix = model.matrix
        var explained = 0
        for u in stride(from: 0, to: matrix.userCount, by: 2) {
            let user = matrix.userIds[u]
            let scores = try model.itemScores(user: user)
            for (i, item) in matrix.itemIds.enumerated() {
                let e = try #require(try model.explain(user: user, item: item, closest: 3))
                #expect(e.person == .trained(user: user))
                if scores.rated[i] { continue }
                // Exactly the number recommend and predict give.
                #expect(e.score == scores.score(ofItem: item), "user \(user) movie \(item)")
                #expect(e.score == output(e))
                explained += 1
            }
        }
        let scores = model.itemScores(ratings: Self.person)
        for (i, item) in matrix.itemIds.enumerated() where !scores.rated[i] {
            let e = try #require(model.explain(ratings: Self.person, item: item, closest: 3))
            #expect(e.person == .foldedIn(knownRatings: 4))
            #expect(e.score == scores.score(ofItem: item), "person, movie \(item)")
            #expect(e.score == output(e))
            explained += 1
        }
        #expect(explained > 1000)
        // A movie nobody rated has no vector; a user not in the data is an error.
        #expect(model.explain(ratings: Self.person, item: 999_999, closest: 3) == nil)
        #expect(try model.explain(user: matrix.userIds[0], item: 999_999, closest: 3) == nil)
        #expect(throws: RecLabError.self) { try model.explain(user: 999_999, item: 1, closest: 3) }
    }

    /// The offsets and u·v add up to z (to rounding: `Float` rounding for
    /// mf, whose scores sum u·v + b_i in `Float` lanes), and u·v is the sum
    /// of the products.
    func checkTerms(_ e: FactorExplanation, tolerance: Double = 1e-12) {
        let offsets = (e.globalMean ?? 0) + (e.userBias ?? 0) + (e.itemBias ?? 0) + (e.itemMean ?? 0)
        #expect(abs(offsets + e.dot - e.z) < tolerance * max(1, abs(e.z)))
        #expect(abs(e.products.reduce(0, +) - e.dot) < 1e-12)
        #expect(e.userVector.count == e.itemVector.count)
    }

    @Test func mfSquashesTheBiasesAndTheDotProductAsPredictDoes() throws {
        let model = try MatrixFactorization.train(Self.matrix.get(), parameters: MatrixFactorizationTests.quick)
        try checkEveryScore(model) { e in
            guard case .sigmoidRange(let low, let high) = e.output else { return .nan }
            return low + (high - low) / (1 + exp(-e.z))
        }
        let matrix = model.matrix
        let u = 5, user = matrix.userIds[5]
        let item = try #require(matrix.itemIds.indices.first { i in !matrix.entries(ofUser: u).contains { Int(matrix.userItems[$0]) == i } })
        let e = try #require(try model.explain(user: user, item: matrix.itemIds[item], closest: 3))
        checkTerms(e, tolerance: 1e-6)
        #expect(e.predictEquals(model.predict(user: user, item: matrix.itemIds[item])))
        #expect(e.userVector == model.userVector(index: u).map(Double.init))
        #expect(e.itemVector == model.itemVector(index: item).map(Double.init))
        #expect(e.userBias == model.userBias(index: u) && e.itemBias == model.itemBiases[item])
        #expect(e.globalMean == nil && e.itemMean == nil && !e.isClamped)
        #expect(e.itemRatingCount == matrix.entries(ofItem: item).count)
        // A folded-in person's bias and vector are fold-in's.
        let folded = try #require(model.explain(ratings: Self.person, item: 1, closest: 3))
        let (vector, bias) = model.foldIn(ratings: Self.person)
        #expect(folded.userBias == bias && folded.userVector == vector)
        checkTerms(folded, tolerance: 1e-6)
    }

    @Test func alsAddsTheMeanAndBothBiasesAndClampsAsPredictDoes() throws {
        for samples in [0, 4] {
            let parameters = ALSModel.Parameters(features: 4, iterations: 3, samples: samples, burnIn: 1)
            let model = try ALSModel.train(Self.matrix.get(), parameters: parameters)
            try checkEveryScore(model) { e in
                guard case .clamp(let low, let high) = e.output else { return .nan }
                return min(max(e.z, low), high)
            }
            let matrix = model.matrix
            for (u, user) in matrix.userIds.enumerated() {
                for item in matrix.itemIds {
                    let e = try #require(try model.explain(user: user, item: item, closest: 0))
                    #expect(e.predictEquals(model.predict(user: user, item: item)))
                    #expect(e.globalMean == model.globalMean && e.userBias == model.userBiases[u])
                }
            }
            // Someone more extreme than anyone in the data: of the first 30
            // movies, the top rating to those at one end of the first feature,
            // the lowest to the rest; some sums for other movies leave the range.
            let fan = (0 ..< 30).map { i in
                (item: matrix.itemIds[i], rating: model.itemVector(index: i)[0] > 0 ? model.high : model.low)
            }
            let scores = model.itemScores(ratings: fan)
            var clamped = 0
            for item in matrix.itemIds.dropFirst(30) {
                let e = try #require(model.explain(ratings: fan, item: item, closest: 0))
                #expect(e.score == scores.score(ofItem: item))
                if e.isClamped {
                    clamped += 1
                    #expect(e.z > model.high ? e.score == model.high : e.z < model.low && e.score == model.low)
                } else {
                    #expect(e.score == e.z && e.z <= model.high && e.z >= model.low)
                }
            }
            #expect(clamped > 0, "samples=\(samples)")
            checkTerms(try #require(model.explain(ratings: Self.person, item: 1, closest: 3)))
            let (vector, bias) = model.foldIn(ratings: Self.person)
            let folded = try #require(model.explain(ratings: Self.person, item: 1, closest: 3))
            #expect(folded.userBias == bias && folded.userVector == vector)
        }
    }

    @Test func lowRankIsTheDotProductPlusTheMovieMeanWhenNormalised() throws {
        for normalize in [false, true] {
            let parameters = LowRank.Parameters(features: 4, iterations: 60, normalize: normalize)
            let model = try LowRank.train(Self.matrix.get(), parameters: parameters)
            try checkEveryScore(model) { e in e.output == .identity ? e.z : .nan }
            let matrix = model.matrix
            let e = try #require(try model.explain(user: matrix.userIds[3], item: matrix.itemIds[4], closest: 3))
            checkTerms(e)
            #expect(e.predictEquals(model.predict(user: matrix.userIds[3], item: matrix.itemIds[4])))
            #expect(e.userBias == nil && e.itemBias == nil && e.globalMean == nil)
            #expect(e.itemMean == model.itemMeans?[4])
            #expect((e.itemMean != nil) == normalize)
            #expect(model.explain(ratings: Self.person, item: 1, closest: 3)?.userVector == model.foldIn(ratings: Self.person))
        }
    }

    @Test func closestRatedAreThePersonsMoviesNearestByCosine() throws {
        let model = try MatrixFactorization.train(Self.matrix.get(), parameters: MatrixFactorizationTests.quick)
        let matrix = model.matrix
        // The reference: every movie's cosine to movie 10, as `similar` computes it.
        let all = try model.similarItemsByVectors(to: 10, count: matrix.itemCount)
        let cosine = Dictionary(uniqueKeysWithValues: all.map { ($0.item, $0.score) })
        let user = matrix.userIds[2]
        let rated = Dictionary(uniqueKeysWithValues: matrix.entries(ofUser: 2).map {
            (matrix.itemIds[Int(matrix.userItems[$0])], matrix.userRatings[$0])
        })
        let e = try #require(try model.explain(user: user, item: 10, closest: 5))
        #expect(e.closestRated.count == 5)
        let expected = rated.keys.filter { $0 != 10 }.sorted {
            cosine[$0, default: -2] != cosine[$1, default: -2] ? cosine[$0, default: -2] > cosine[$1, default: -2] : $0 < $1
        }.prefix(5)
        #expect(e.closestRated.map(\.item) == Array(expected))
        for near in e.closestRated {
            #expect(near.rating == rated[near.item])
            #expect(abs(near.cosine - (cosine[near.item] ?? .nan)) < 1e-12)
        }
        // A folded-in person's list comes from their ratings, the later rating of a movie counting.
        let folded = try #require(model.explain(ratings: Self.person, item: 10, closest: 10))
        #expect(Set(folded.closestRated.map(\.item)) == [3, 8, 21, 40])
        #expect(folded.closestRated.first { $0.item == 3 }?.rating == 2)
        #expect(try model.explain(user: user, item: 10, closest: 0)?.closestRated.isEmpty == true)
    }

    @Test func leadingFactorsAreTheLargestProductsWithTheirSign() {
        let e = FactorExplanation(
            item: 1, itemRatingCount: 1, person: .foldedIn(knownRatings: 1), globalMean: nil, userBias: nil,
            itemBias: nil, itemMean: nil, userVector: [1, -2, 0.5, 3, -1], itemVector: [0.1, 1, 2, -0.5, 1],
            dot: 0, z: 0, output: .identity, score: 0, closestRated: [])
        // Products 0.1, −2, 1, −1.5, −1: by size −2, −1.5, then 1 and −1 tie (the lower factor first).
        #expect(e.leadingFactors(4).map(\.factor) == [1, 3, 2, 4])
        #expect(e.leadingFactors(2).map(\.product) == [-2, -1.5])
        #expect(e.leadingFactors(9).count == 5 && e.leadingFactors(0).isEmpty)
    }
}

extension FactorExplanation {
    /// Whether `predict(user:item:)` gave this very score.
    func predictEquals(_ predicted: Double?) -> Bool { predicted == score }
}
