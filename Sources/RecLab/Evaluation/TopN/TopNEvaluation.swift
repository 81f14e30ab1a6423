import Foundation

/// Judging a model by the lists it makes, as LensKit's `RecListAnalysis`
/// does: each user of the held-out ratings gets the model's top-K list from
/// its candidates (the movies of its training data the user did not rate
/// there; ties to the lower movieId), scored by every ``rankingMetrics``
/// against that user's held-out ratings. Every held-out user counts: one
/// not in the model's training data is scored as a person with no ratings
/// (popular still recommends; kNN gives an empty list, which scores 0).
public struct TopNEvaluation: Sendable {
    /// One user's list and scores.
    public struct UserRow: Sendable {
        /// The user.
        public var user: Int64
        /// How many held-out movies they have.
        public var heldOut: Int
        /// The movies recommended, best first.
        public var list: [Int64]
        /// Each metric's score, in ``rankingMetrics`` order.
        public var scores: [Double]
    }

    /// The list length.
    public var k: Int
    /// Whether every held-out movie had gain 1.
    public var binary: Bool
    /// Every held-out user, in ascending id.
    public var users: [UserRow]
    /// How many distinct movies the model could recommend (its training movies).
    public var catalogue: Int

    /// The mean of each metric over the users, in ``rankingMetrics`` order.
    public var means: [Double] {
        guard !users.isEmpty else { return rankingMetrics.map { _ in 0 } }
        return rankingMetrics.indices.map { m in users.reduce(0) { $0 + $1.scores[m] } / Double(users.count) }
    }

    /// The share of the catalogue recommended to anyone.
    public var coverage: Double {
        var seen = Set<Int64>()
        for row in users { seen.formUnion(row.list) }
        return catalogue > 0 ? Double(seen.count) / Double(catalogue) : 0
    }

    /// The mean number of training ratings of a recommended movie: how
    /// popular what the model recommends is (lower is more novel).
    public var meanPopularity: Double = 0

    /// Evaluates `model`'s top-`k` lists on `heldOut`, on every core.
    ///
    /// - Throws: ``RecLabError`` when cancelled.
    /// - Complexity: O(held-out users × the model's cost of scoring one user).
    public static func evaluate(_ model: any Recommender, on heldOut: HeldOutRatings, k: Int, binary: Bool,
                                cancel: Cancellation = .never) throws(RecLabError) -> TopNEvaluation {
        var byUser: [Int64: [(item: Int64, rating: Double)]] = [:]
        for row in 0..<heldOut.count { byUser[heldOut.users[row], default: []].append((heldOut.items[row], heldOut.ratings[row])) }
        let users = byUser.keys.sorted()
        let truths = users.map { RelevantItems(byUser[$0] ?? [], binary: binary) }
        let done = Counter()
        let parts = Parallel.ranges(count: users.count, minimumChunk: 16)
        let rows = try Parallel.map(parts) { range throws(RecLabError) -> [UserRow] in
            var rows: [UserRow] = []
            for u in range {
                try cancel.check()
                // A user not in the training data is a person with no ratings, as LensKit
                // asks its models: popular still has a list, kNN has none.
                let scores = (try? model.itemScores(user: users[u])) ?? model.itemScores(ratings: [])
                let list = scores.recommend(k).map(\.item)
                rows.append(UserRow(user: users[u], heldOut: truths[u].count, list: list,
                                    scores: rankingMetrics.map { $0.score(list, truth: truths[u], k: k) }))
                cancel.report("evaluate top \(k)", fraction: Double(done.increment()) / Double(users.count))
            }
            return rows
        }.flatMap { $0 }
        var result = TopNEvaluation(k: k, binary: binary, users: rows, catalogue: model.matrix.itemCount)
        let matrix = model.matrix
        let recommended = rows.flatMap(\.list)
        if !recommended.isEmpty {
            let total = recommended.reduce(0) { $0 + matrix.ratingCount(ofItem: $1) }
            result.meanPopularity = Double(total) / Double(recommended.count)
        }
        return result
    }
}

/// A count shared by the workers, for progress.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func increment() -> Int { lock.withLock { value += 1; return value } }
}
