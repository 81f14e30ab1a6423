/// User-based k-nearest-neighbour collaborative filtering, reproducing
/// LensKit's `UserUser` exactly (see `USERKNN.md`).
///
/// A user's profile is their ratings mean-centred (c_ui = r_ui − μ_u) and
/// divided by the centred vector's length over all of the user's ratings
/// (x_ui = c_ui / ‖c_u‖); training keeps each user's μ_u and ‖c_u‖. The similarity of a person to a
/// user is the dot product of the two normalised profiles — the cosine of the
/// mean-centred vectors, not Pearson correlation over co-rated items.
///
/// One deliberate difference from LensKit: a user whose ratings are all equal
/// has ‖c_u‖ = 0. LensKit divides by it, gets NaN and silently drops every
/// item such a user rated (in ml-latest-small, user 53's twenty movies).
/// Here that user's similarity is 0, so they are simply never a neighbour.
/// The lab's top-10 lists are the same either way.
public struct UserKNN: Sendable {
    /// The model's settings, named as in LensKit.
    public struct Parameters: Sendable, Equatable {
        /// The most neighbours used for one item (`nbrs`).
        public var neighbours: Int
        /// Items with fewer usable neighbours get no score (`min_nbrs`).
        public var minNeighbours: Int
        /// Users less similar than this are never neighbours (`min_sim`).
        public var minSimilarity: Double
        /// Whether ratings are mean-centred (`center`); without it profiles
        /// are the raw ratings, normalised, and scores are plain weighted
        /// averages.
        public var center: Bool

        /// The Crash Course lab's settings by default.
        public init(neighbours: Int = 15, minNeighbours: Int = 3, minSimilarity: Double = 0, center: Bool = true) {
            self.neighbours = neighbours
            self.minNeighbours = minNeighbours
            self.minSimilarity = minSimilarity
            self.center = center
        }
    }

    /// The settings the model was trained with.
    public let parameters: Parameters
    /// The training ratings.
    public let matrix: RatingMatrix
    /// μ_u per user index (0 when not centring).
    public let userMeans: [Double]
    /// ‖c_u‖₂ per user index; 0 for a user whose ratings are all equal.
    public let userNorms: [Double]

    /// Similarities smaller than this in magnitude count as none (LensKit's
    /// cut-off).
    static let negligibleSimilarity = 1e-10

    /// c_vi, the rating of by-item entry `k` of ``matrix`` minus its user's
    /// mean.
    @inline(__always)
    func centred(entry k: Int) -> Double {
        matrix.itemRatings[k] - userMeans[Int(matrix.itemUsers[k])]
    }

    /// Trains on `matrix`: each user's mean and the length of their centred
    /// ratings.
    ///
    /// The centred and normalised values themselves (c_vi = r_vi − μ_v,
    /// x_vi = c_vi / ‖c_v‖) are worked out from these when scoring, with the
    /// same arithmetic: storing them would take two numbers per rating (540
    /// MB for 33.8M ratings) and a pass to fill, for work scoring does on a
    /// small part of them. Users are split between the cores.
    ///
    /// - Throws: ``RecLabError`` when `neighbours` or `minNeighbours` is
    ///   below 1, or `minNeighbours` exceeds `neighbours` (nothing could ever
    ///   be scored).
    /// - Complexity: O(ratings), two passes over each user's ratings.
    public static func train(_ matrix: RatingMatrix, parameters: Parameters = Parameters()) throws(RecLabError) -> UserKNN {
        guard parameters.neighbours >= 1 else {
            throw RecLabError("nbrs must be at least 1 (got \(parameters.neighbours))", subject: "nbrs")
        }
        guard parameters.minNeighbours >= 1 else {
            throw RecLabError("min_nbrs must be at least 1 (got \(parameters.minNeighbours))", subject: "min_nbrs")
        }
        guard parameters.minNeighbours <= parameters.neighbours else {
            throw RecLabError("min_nbrs (\(parameters.minNeighbours)) is more than nbrs (\(parameters.neighbours)), "
                              + "so no movie could be scored", subject: "min_nbrs")
        }
        var norms: [Double] = []
        let center = parameters.center
        let userRanges = Parallel.ranges(weightedBy: matrix.userOffsets, minimumWeight: 1 << 16)
        let means: [Double] = try Parallel.uninitializedArray(count: matrix.userCount) { (meansOut) throws(RecLabError) in
            norms = try Parallel.uninitializedArray(count: matrix.userCount) { (normsOut) throws(RecLabError) in
                Parallel.forEach(userRanges) { users in
                    matrix.userRatings.withUnsafeBufferPointer { ratings in
                        for u in users {
                            let entries = matrix.entries(ofUser: u)
                            var mean = 0.0
                            if center, !entries.isEmpty {
                                var sum = 0.0
                                for k in entries { sum += ratings[k] }
                                mean = sum / Double(entries.count)
                            }
                            var squares = SumOfSquares()
                            for k in entries { squares.add(ratings[k] - mean) }
                            meansOut.pointer[u] = mean
                            normsOut.pointer[u] = squares.norm
                        }
                    }
                }
            }
        }
        return UserKNN(parameters: parameters, matrix: matrix, userMeans: means, userNorms: norms)
    }
}

/// Σ c², accumulated in double-double (each square split exactly with a
/// fused multiply-add, each addition's rounding error carried along), so the
/// norm is the correctly rounded one in all but rare cases.
///
/// LensKit takes profile norms with BLAS `dnrm2`, which accumulates in x87
/// extended precision. A plain running sum in doubles drifts from that by up
/// to 2.4e-14 relative on ml-latest-small's largest profiles, and the drift
/// reached the scores: 1.4e-14 off LensKit's, against 1.8e-15 (two ulps)
/// with this.
struct SumOfSquares {
    private var high = 0.0
    private var low = 0.0

    /// Adds c².
    @inline(__always)
    mutating func add(_ c: Double) {
        let square = c * c
        let squareError = (-square).addingProduct(c, c)
        let sum = high + square
        let z = sum - high
        low += ((high - (sum - z)) + (square - z)) + squareError
        high = sum
    }

    /// √Σc².
    var norm: Double { (high + low).squareRoot() }
}
