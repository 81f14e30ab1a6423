import Testing
@testable import RecLab

/// Five ratings worked by hand (LensKit's Bias gives the same numbers):
/// user 1 rated A (10) 4 and B (20) 2, user 2 rated A 5, user 3 rated B 3
/// and C (30) 1. μ = 3; undamped b_A = 1.5, b_B = −0.5, b_C = −2 and
/// b_1 = −0.5, b_2 = 0.5, b_3 = 0.25.
@Suite struct BiasModelTests {
    static func matrix() throws -> RatingMatrix {
        let rows: [(Int64, Int64, Double)] = [(1, 10, 4), (1, 20, 2), (2, 10, 5), (3, 20, 3), (3, 30, 1)]
        let table = try Table(columns: [
            Column(name: "userId", integers: rows.map(\.0)), Column(name: "movieId", integers: rows.map(\.1)),
            Column(name: "rating", decimals: rows.map(\.2)),
        ])
        return try RatingMatrix.build(from: table)
    }

    func close(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) < 1e-12 } ?? false }

    @Test func undampedBiases() throws {
        let m = try BiasModel.train(Self.matrix())
        #expect(m.globalMean == 3 && m.itemBiases == [1.5, -0.5, -2] && m.userBiases == [-0.5, 0.5, 0.25])
        #expect(m.itemBias(of: 20) == -0.5 && m.itemBias(of: 99) == nil && m.userBias(of: 3) == 0.25)
        let s = try m.itemScores(user: 3)
        #expect(s.score(ofItem: 10) == 4.75 && s.score(ofItem: 20) == nil && s.scoredCount == 1)
        #expect(throws: RecLabError.self) { try m.itemScores(user: 9) }
    }

    @Test func dampingPullsSmallCountsTowardsZero() throws {
        // b_A = 3/(2+1), b_B = −1/(2+1), b_C = −2/(1+1); then
        // b_1 = (0 − 2/3)/(2+1), b_2 = 1/(1+1), b_3 = (1/3 − 1)/(2+1).
        let m = try BiasModel.train(Self.matrix(), parameters: .init(damping: 1))
        #expect(m.itemBiases == [1, -1.0 / 3, -1])
        #expect(close(m.userBiases[0], -2.0 / 9) && m.userBiases[1] == 0.5 && close(m.userBiases[2], -2.0 / 9))
        #expect(close(try m.itemScores(user: 3).score(ofItem: 10), 3 + 1 - 2.0 / 9))
        #expect(m.settings.map(\.key) == ["damping"] && m.settings.map(\.value) == ["1"])

        let items = try BiasModel.train(Self.matrix(), parameters: .init(userDamping: 0, itemDamping: 1))
        #expect(items.itemBiases == m.itemBiases)
        #expect(close(items.userBiases[0], -1.0 / 3) && items.userBiases[1] == 1)
        #expect(items.settings.map(\.key) == ["user_damping", "item_damping"])
        #expect(items.settings.map(\.value) == ["0", "1"])
    }

    @Test func newPersonBiasIsTheUndampedMeanOverKnownMovies() throws {
        // Rated A 5 (and unknown movie 99): b = 5 − 3 − b_A, not damped.
        let plain = try BiasModel.train(Self.matrix()).itemScores(ratings: [(10, 5), (99, 1)])
        #expect(plain.score(ofItem: 20) == 3 && plain.score(ofItem: 30) == 1.5 && plain.score(ofItem: 10) == nil)
        #expect(plain.ratingCount == 2 && plain.knownCount == 1 && plain.problem == nil)
        let damped = try BiasModel.train(Self.matrix(), parameters: .init(damping: 1))
        #expect(close(damped.itemScores(ratings: [(10, 5), (99, 1)]).score(ofItem: 20), 3 - 1.0 / 3 + 1))
        // Nothing known: LensKit scores nothing; here the bias is 0.
        let none = damped.itemScores(ratings: [(99, 1)])
        #expect(close(none.score(ofItem: 20), 3 - 1.0 / 3) && none.scoredCount == 3)
    }

    @Test func explanationHoldsTheThreeTerms() throws {
        let m = try BiasModel.train(Self.matrix())
        let e = try #require(m.explain(ratings: [(10, 5)], item: 20))
        #expect(e.globalMean == 3 && e.itemBias == -0.5 && e.userBias == 0.5 && e.score == 3)
        #expect(e.itemRatingCount == 2 && e.userRatingCount == 1 && !e.ratedByPerson)
        #expect(try m.explain(user: 1, item: 10)?.ratedByPerson == true)
        #expect(try m.explain(user: 3, item: 10)?.score == 4.75)
        #expect(m.explain(ratings: [], item: 77) == nil)
    }

    @Test func itemsByBiasBothWaysWithTiesById() throws {
        let m = try BiasModel.train(Self.matrix())
        #expect(m.itemsByBias(2).map(\.item) == [10, 20] && m.itemsByBias(2).map(\.score) == [1.5, -0.5])
        #expect(m.itemsByBias(5, lowest: true).map(\.item) == [30, 20, 10])
        #expect(m.itemsByBias(0).isEmpty)
        let rows: [(Int64, Int64, Double)] = [(1, 7, 4), (1, 5, 4), (2, 6, 2)]
        let tied = try BiasModel.train(RatingMatrix.build(from: Table(columns: [
            Column(name: "userId", integers: rows.map(\.0)), Column(name: "movieId", integers: rows.map(\.1)),
            Column(name: "rating", decimals: rows.map(\.2)),
        ])))
        #expect(tied.itemsByBias(3).map(\.item) == [5, 7, 6])
        #expect(tied.itemsByBias(3, lowest: true).map(\.item) == [6, 5, 7])
    }

    @Test func dampingIsChecked() throws {
        for (parameters, key) in [(BiasModel.Parameters(damping: -1), "damping"),
                                  (.init(userDamping: -1, itemDamping: 0), "user_damping"),
                                  (.init(userDamping: 0, itemDamping: .infinity), "item_damping")] {
            do {
                _ = try BiasModel.train(Self.matrix(), parameters: parameters)
                Issue.record("\(key) accepted")
            } catch {
                #expect((error as? RecLabError)?.subject == key)
            }
        }
        #expect(BiasModel.algorithm == "bias")
        let token = Cancellation()
        token.cancel()
        #expect(throws: RecLabError.cancelled) { try BiasModel.train(Self.matrix(), cancel: token) }
    }
}

/// BiasModel against LensKit's `Bias()`, `Bias(damping=5)` and
/// `Bias(damping=(2, 10))`. Skipped when the data is absent.
@Suite struct BiasModelLensKitTests {
    static let models: [String: BiasModel.Parameters] = [
        "d0": .init(), "d5": .init(damping: 5), "u2i10": .init(userDamping: 2, itemDamping: 10),
    ]

    @Test(arguments: ["d0", "d5", "u2i10"])
    func biasesAndScoresMatchLensKit(label: String) throws {
        guard let matrix = LensKitFixtures.matrix, let parameters = Self.models[label] else { return }
        let model = try BiasModel.train(matrix, parameters: parameters)
        var terms = 0
        for row in try LensKitFixtures.rows("bias-terms.csv") where row[0] == label {
            let want = try LensKitFixtures.number(row[3])
            let id = Int64(row[2])
            let got = switch row[1] {
            case "global": model.globalMean
            case "item": try #require(id.flatMap(model.itemBias(of:)))
            default: try #require(id.flatMap(model.userBias(of:)))
            }
            #expect(abs(got - want) <= 1e-12, "\(label) \(row[1]) \(row[2]): \(got), LensKit \(want)")
            terms += 1
        }
        #expect(terms == 121)
        let recorded = try LensKitFixtures.scores("bias.csv", where: { $0[0] == label }, dropping: 1)
        let largest = try LensKitFixtures.compare(model, with: recorded)
        #expect(largest <= 1e-12)
    }
}
