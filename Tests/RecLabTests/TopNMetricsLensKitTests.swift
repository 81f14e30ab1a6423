import Foundation
import Testing
@testable import RecLab

/// The ranking metrics against LensKit 0.14.4's `RecListAnalysis` on the
/// same lists and held-out ratings, user by user
/// (`Tests/Fixtures/lenskit-topn/make_fixtures.py`).
@Suite struct TopNMetricsLensKitTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/lenskit-topn")

    /// The rows of a fixture, its header dropped, split at commas.
    static func rows(_ name: String) throws -> [[Substring]] {
        let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    }

    @Test func everyMetricEqualsLensKitsForEveryUser() throws {
        var lists: [Int64: [(rank: Int, item: Int64)]] = [:]
        for row in try Self.rows("lists.csv") {
            lists[Int64(row[0]) ?? 0, default: []].append((Int(row[1]) ?? 0, Int64(row[2]) ?? 0))
        }
        var truth: [Int64: [(item: Int64, rating: Double)]] = [:]
        for row in try Self.rows("truth.csv") {
            truth[Int64(row[0]) ?? 0, default: []].append((Int64(row[1]) ?? 0, Double(row[2]) ?? .nan))
        }
        let expected = try Self.rows("metrics.csv")
        #expect(expected.count == 300)
        var users = 0
        for row in expected {
            let user = Int64(row[0]) ?? 0
            let list = (lists[user] ?? []).sorted { $0.rank < $1.rank }.map(\.item)
            let held = try #require(truth[user])
            let rated = RelevantItems(held, binary: false), binary = RelevantItems(held, binary: true)
            let want = row[1...].map { Double($0) ?? .nan }
            let got = [NDCG.score(list, truth: rated, k: 10), NDCG.score(list, truth: binary, k: 10),
                       Recall.score(list, truth: rated, k: 10), Precision.score(list, truth: rated, k: 10),
                       ReciprocalRank.score(list, truth: rated, k: 10), HitRate.score(list, truth: rated, k: 10)]
            for (name, (a, b)) in zip(["ndcg", "ndcg binary", "recall", "precision", "mrr", "hit"], zip(got, want)) {
                #expect(abs(a - b) <= 1e-12, "user \(user) \(name): \(a), LensKit \(b)")
            }
            users += 1
        }
        #expect(users == 300)
        // The fixture reaches the edges it promises.
        #expect(expected.contains { Double($0[6]) == 0 } && expected.contains { Double($0[5]) == 1 })
        #expect(lists.values.contains { $0.count < 10 } && expected.contains { lists[Int64($0[0]) ?? 0] == nil })
    }

    @Test func aUserNotInTrainingIsAPersonWithNoRatings() throws {
        // Movie 10 rated twice, 11 and 12 once: popular ranks 10, then 11 before 12 (the lower id).
        let rows: [(Int64, Int64)] = [(1, 10), (1, 11), (2, 10), (2, 12)]
        let table = try Table(columns: [
            Column(name: "userId", integers: rows.map(\.0)), Column(name: "movieId", integers: rows.map(\.1)),
            Column(name: "rating", decimals: rows.map { _ in 4 }),
        ])
        let model = PopularModel.train(try RatingMatrix.build(from: table))
        let heldOut = HeldOutRatings([(user: 1, item: 12, rating: 5.0), (user: 99, item: 10, rating: 4.0)])
        let result = try TopNEvaluation.evaluate(model, on: heldOut, k: 2, binary: false)
        #expect(result.users.map(\.user) == [1, 99])
        #expect(result.users[0].list == [12] && result.users[0].scores[0] == 1)
        // User 99 is unknown: popular gives them its list, as LensKit's Popular does (movie 10 first: a hit).
        #expect(result.users[1].list == [10, 11] && result.users[1].scores[4] == 1)
        #expect(result.coverage == 1)  // 12 to user 1, 10 and 11 to user 99
    }
}
