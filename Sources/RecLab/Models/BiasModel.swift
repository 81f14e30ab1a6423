/// The baseline "global mean + item bias + user bias" predictor,
/// reproducing LensKit 0.14.4's `Bias` (items and users both on):
///
/// - μ = the mean of every rating;
/// - b_i = Σ_{u rated i} (r_ui − μ) / (n_i + item damping);
/// - b_u = Σ_{i rated by u} (r_ui − μ − b_i) / (n_u + user damping);
/// - score(u, i) = μ + b_i + b_u, not clamped.
///
/// Damping acts like that many extra ratings at the mean, pulling the biases
/// of movies (and users) with few ratings towards 0; LensKit's default is 0
/// for both. A new person's bias is the plain mean of r_j − μ − b_j over
/// their rated movies that are in the training data — LensKit applies no
/// damping there, and neither does this.
public struct BiasModel: Sendable {
    /// The damping of the item and user biases (LensKit's `damping`, a
    /// number or a (user, item) pair).
    public struct Parameters: Sendable, Equatable {
        /// Extra mean ratings assumed per user (`user_damping`).
        public var userDamping: Double
        /// Extra mean ratings assumed per item (`item_damping`).
        public var itemDamping: Double

        /// The same damping for users and items (`damping`); LensKit's
        /// default is 0.
        public init(damping: Double = 0) {
            userDamping = damping
            itemDamping = damping
        }

        /// Separate damping for users and items.
        public init(userDamping: Double, itemDamping: Double) {
            self.userDamping = userDamping
            self.itemDamping = itemDamping
        }
    }

    /// The settings the model was trained with.
    public let parameters: Parameters
    /// The training ratings.
    public let matrix: RatingMatrix
    /// μ, the mean of every training rating.
    public let globalMean: Double
    /// b_i per item index.
    public let itemBiases: [Double]
    /// b_u per user index.
    public let userBiases: [Double]

    /// Trains on `matrix`: the global mean, then the item biases, then the
    /// user biases from what the item biases leave over.
    ///
    /// - Throws: ``RecLabError`` when a damping is negative or not a number,
    ///   the matrix holds no ratings, or on cancellation (polled between
    ///   passes).
    /// - Complexity: O(ratings), three passes.
    public static func train(_ matrix: RatingMatrix, parameters: Parameters = Parameters(),
                             cancel: Cancellation = .never) throws(RecLabError) -> BiasModel {
        let same = parameters.userDamping == parameters.itemDamping
        for (key, value) in [("user_damping", parameters.userDamping), ("item_damping", parameters.itemDamping)] {
            guard value.isFinite, value >= 0 else {
                let name = same ? "damping" : key
                throw RecLabError("\(name) must be a number ≥ 0 (got \(value))", subject: name)
            }
        }
        guard matrix.ratingCount > 0 else { throw RecLabError("there are no ratings to train on") }
        // Compensated sums, as pandas' grouped sums (LensKit's) are; the
        // global mean of half-star ratings is exact in any order.
        var all = CompensatedSum()
        for r in matrix.userRatings { all.add(r) }
        let mean = all.total / Double(matrix.ratingCount)
        try cancel.check()

        var itemBiases = [Double](repeating: 0, count: matrix.itemCount)
        for i in 0 ..< matrix.itemCount {
            let entries = matrix.entries(ofItem: i)
            var sum = CompensatedSum()
            for k in entries { sum.add(matrix.itemRatings[k] - mean) }
            itemBiases[i] = sum.total / (Double(entries.count) + parameters.itemDamping)
        }
        try cancel.check()
        var userBiases = [Double](repeating: 0, count: matrix.userCount)
        for u in 0 ..< matrix.userCount {
            let entries = matrix.entries(ofUser: u)
            var sum = CompensatedSum()
            for k in entries { sum.add((matrix.userRatings[k] - mean) - itemBiases[Int(matrix.userItems[k])]) }
            userBiases[u] = sum.total / (Double(entries.count) + parameters.userDamping)
        }
        return BiasModel(parameters: parameters, matrix: matrix, globalMean: mean, itemBiases: itemBiases,
                         userBiases: userBiases)
    }

    /// b_i of movie `id`, or `nil` when nobody in the training data rated it.
    public func itemBias(of id: Int64) -> Double? { matrix.itemIndex(of: id).map { itemBiases[$0] } }

    /// b_u of data user `id`, or `nil` when the user is not in the training
    /// data.
    public func userBias(of id: Int64) -> Double? { matrix.userIndex(of: id).map { userBiases[$0] } }

    /// The `n` movies with the highest item bias (the most appreciated), or
    /// with the lowest when `lowest`; exact ties by ascending id.
    ///
    /// - Complexity: O(items log items).
    public func itemsByBias(_ n: Int, lowest: Bool = false) -> [ScoredItem] {
        let order = itemBiases.indices.sorted { a, b in
            itemBiases[a] != itemBiases[b] ? (itemBiases[a] > itemBiases[b]) != lowest : a < b
        }
        return order.prefix(max(0, n)).map { ScoredItem(item: matrix.itemIds[$0], score: itemBiases[$0]) }
    }
}
