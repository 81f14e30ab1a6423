/// The arithmetic of one score of a factor model (`mf`, `als`, `lowrank`),
/// term by term as the model computes it: the offsets added to the dot
/// product (μ, the biases, the movie's mean), the dot product u·v of the
/// person's and the movie's vectors, their sum z, and what the model does
/// to z (squash it, clamp it, or nothing).
///
/// ``score`` is computed in the model's own order of operations, so it is
/// the very number `recommend` and `predict` give, not merely close to it.
public struct FactorExplanation: Sendable, Equatable {
    /// Where the person's vector (and bias) came from.
    public enum PersonVector: Sendable, Equatable {
        /// Learned in training: `user` is the person's id in the training data.
        case trained(user: Int64)
        /// Solved at the question from `knownRatings` ratings of movies the
        /// model knows, against the fixed movie vectors (fold-in).
        case foldedIn(knownRatings: Int)
    }

    /// What the model does to z = offsets + u·v.
    public enum Output: Sendable, Equatable {
        /// The score is z (`lowrank`).
        case identity
        /// The score is z clamped to [low, high], the training ratings' range (`als`).
        case clamp(low: Double, high: Double)
        /// The score is `low + (high − low) · sigmoid(z)`, fast.ai's `sigmoid_range` (`mf`).
        case sigmoidRange(low: Double, high: Double)
    }

    /// One movie the person rated, and how close it is to the explained movie.
    public struct RatedNeighbour: Sendable, Equatable {
        /// The movie id.
        public var item: Int64
        /// The person's rating of it (the one the model saw).
        public var rating: Double
        /// The cosine of its vector and the explained movie's (0 when either is zero).
        public var cosine: Double
    }

    /// The movie explained.
    public var item: Int64
    /// How many training ratings the movie has.
    public var itemRatingCount: Int
    /// Where the person's vector came from.
    public var person: PersonVector
    /// μ, the mean training rating, when the model adds it (`als`).
    public var globalMean: Double?
    /// b_u, the person's bias, when the model has biases (`mf`, `als`).
    public var userBias: Double?
    /// b_i, the movie's bias, when the model has biases (`mf`, `als`).
    public var itemBias: Double?
    /// The movie's mean training rating, when the model adds it (`lowrank normalize=on`).
    public var itemMean: Double?
    /// The person's vector u, in the precision the model multiplies in.
    public var userVector: [Double]
    /// The movie's vector v, in the precision the model multiplies in.
    public var itemVector: [Double]
    /// u·v, summed factor by factor from 0.
    public var dot: Double
    /// z: the offsets plus u·v, summed as the model sums them.
    public var z: Double
    /// What the model does to z.
    public var output: Output
    /// The score: the model's prediction, exactly.
    public var score: Double
    /// The rated movies closest to this one by cosine of their vectors,
    /// closest first (ties by ascending id).
    public var closestRated: [RatedNeighbour]

    /// u_f · v_f for every factor f: the terms of ``dot``.
    public var products: [Double] { zip(userVector, itemVector).map { $0 * $1 } }

    /// The `count` factors whose products u_f · v_f are largest in size,
    /// largest first (ties by factor), with their sign.
    ///
    /// - Complexity: O(factors log factors).
    public func leadingFactors(_ count: Int) -> [(factor: Int, product: Double)] {
        let ranked = products.enumerated().sorted { a, b in
            abs(a.element) != abs(b.element) ? abs(a.element) > abs(b.element) : a.offset < b.offset
        }
        return ranked.prefix(max(0, count)).map { (factor: $0.offset, product: $0.element) }
    }

    /// Whether the output changed z: a clamp that bit (squashing always changes it).
    public var isClamped: Bool {
        if case .clamp = output { return score != z }
        return false
    }
}

extension FactorExplanation {
    /// u·v summed from factor 0 on, as every factor model sums it.
    static func dot(_ u: [Double], _ v: [Double]) -> Double {
        var sum = 0.0
        for f in 0 ..< min(u.count, v.count) { sum += u[f] * v[f] }
        return sum
    }

    /// The `count` movies among `rated` (item index, rating) whose vectors
    /// are closest to movie index `target`'s by cosine, closest first, ties
    /// by ascending id; the target itself is left out.
    ///
    /// - Complexity: O(r × factors + r log r) for r rated movies.
    static func closest(to target: Int, among rated: [(index: Int, rating: Double)], count: Int,
                        matrix: RatingMatrix, vector: (Int) -> [Double]) -> [RatedNeighbour] {
        guard count > 0 else { return [] }
        let query = vector(target)
        let queryNorm = dot(query, query).squareRoot()
        var found: [RatedNeighbour] = []
        found.reserveCapacity(rated.count)
        for (i, rating) in rated where i != target {
            let v = vector(i)
            let norm = dot(v, v).squareRoot()
            let cosine = norm == 0 || queryNorm == 0 ? 0 : dot(query, v) / (norm * queryNorm)
            found.append(RatedNeighbour(item: matrix.itemIds[i], rating: rating, cosine: cosine))
        }
        found.sort { $0.cosine != $1.cosine ? $0.cosine > $1.cosine : $0.item < $1.item }
        return Array(found.prefix(count))
    }

    /// A data user's training ratings as (item index, rating).
    ///
    /// - Complexity: O(the user's ratings).
    static func trainingRatings(ofUser u: Int, in matrix: RatingMatrix) -> [(index: Int, rating: Double)] {
        matrix.entries(ofUser: u).map { (index: Int(matrix.userItems[$0]), rating: matrix.userRatings[$0]) }
    }

    /// A new person's ratings of movies the model knows, as fold-in sees
    /// them: by item index, a later rating of a movie overwriting an earlier.
    ///
    /// - Complexity: O(r log r) for r ratings.
    static func knownRatings(_ ratings: [(item: Int64, rating: Double)],
                             in matrix: RatingMatrix) -> [(index: Int, rating: Double)] {
        var latest: [Int: Double] = [:]
        for pair in ratings {
            if let i = matrix.itemIndex(of: pair.item) { latest[i] = pair.rating }
        }
        return latest.sorted { $0.key < $1.key }.map { (index: $0.key, rating: $0.value) }
    }
}

/// A factor model that can lay out the terms of its scores: `mf`, `als`,
/// `lowrank`, `implicit` and `bpr`. Each gives its person rows and its arithmetic; finding
/// the user, folding a person in and listing their rated movies are shared.
public protocol FactorExplaining: Recommender {
    /// Data user index `u`'s trained vector and bias (`nil`: the model has
    /// no user bias).
    func trainedRow(_ u: Int) -> (vector: [Double], bias: Double?)
    /// A new person's vector and bias, folded in from their ratings as the
    /// model's ``Recommender/itemScores(ratings:)`` does.
    func foldedInRow(_ ratings: [(item: Int64, rating: Double)]) -> (vector: [Double], bias: Double?)
    /// The terms of movie index `i`'s score for a person with `row`, summed
    /// as the model's own scores are (so the result is theirs to the bit),
    /// with the `closest` of their `rated` movies.
    func explanation(row: (vector: [Double], bias: Double?), item i: Int, person: FactorExplanation.PersonVector,
                     rated: [(index: Int, rating: Double)], closest: Int) -> FactorExplanation
    /// What one number of a vector is called where the model comes from
    /// (`factor` for fast.ai, `feature` for LensKit and the tutorial).
    var vectorEntryName: String { get }
    /// How a new person's vector is fitted, a few words for `explain`
    /// (`ridge regression, λ = 0.1`).
    var foldInMethod: String { get }
}

extension FactorExplanation {
    /// A setting as typed in a sentence: `5.5`, `0.1`, `4` (not `4.0`).
    public static func plain(_ x: Double) -> String {
        let text = x.formatted(maxFractionDigits: 6)
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }
}

extension FactorExplaining {
    /// The terms of movie `item`'s score for data user `user`, from the
    /// user's trained row; `nil` when nobody in the training data rated the
    /// movie (it has no vector). `closest` rated movies are listed by
    /// cosine of their vectors.
    ///
    /// - Throws: ``RecLabError`` when the user is not in the training data.
    /// - Complexity: O(items + r × factors) for the user's r ratings.
    public func explain(user: Int64, item: Int64, closest: Int = 3) throws(RecLabError) -> FactorExplanation? {
        guard let u = matrix.userIndex(of: user) else {
            throw RecLabError("user \(user) is not in the training ratings", subject: String(user))
        }
        guard let i = matrix.itemIndex(of: item) else { return nil }
        return explanation(row: trainedRow(u), item: i, person: .trained(user: user),
                           rated: FactorExplanation.trainingRatings(ofUser: u, in: matrix), closest: closest)
    }

    /// The terms of movie `item`'s score for a new person, folded in from
    /// their ratings; `nil` when the movie has no vector.
    ///
    /// - Complexity: O(r × factors² + factors³ + items) for r ratings.
    public func explain(ratings: [(item: Int64, rating: Double)], item: Int64, closest: Int = 3) -> FactorExplanation? {
        guard let i = matrix.itemIndex(of: item) else { return nil }
        let known = FactorExplanation.knownRatings(ratings, in: matrix)
        return explanation(row: foldedInRow(ratings), item: i, person: .foldedIn(knownRatings: known.count),
                           rated: known, closest: closest)
    }
}
