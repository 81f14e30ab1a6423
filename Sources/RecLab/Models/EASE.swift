/// Embarrassingly shallow autoencoder (`ease`; Steck, "Embarrassingly
/// Shallow Autoencoders for Sparse Data", WWW 2019): a movie-to-movie
/// weight matrix B learned in closed form, a person's score for movie j
/// being the sum of B[i, j] over the movies i they rated.
///
/// Ratings count only as "rated" (the data is read as implicit feedback,
/// as top-N lists are judged). B minimises ‖X − XB‖² + λ‖B‖² with a zero
/// diagonal, so no movie explains itself; the solution is
/// B = I − P · diag(1 / diag P) with P = (XᵀX + λI)⁻¹: one inverse of a
/// movies × movies matrix, and no iterations, seeds or learning rates.
///
/// The matrix is dense, so only movies with at least `min_ratings` ratings
/// are kept (3,208 of ml-latest-small's 9,000-odd at the default 5): the
/// others are almost never in a top-10 list, and each one kept costs
/// memory and time in the square and the cube. Movies not kept are not
/// scored, and add nothing to anyone's scores.
public struct EASE: Sendable {
    /// The settings of `train ease`.
    public struct Parameters: Sendable, Equatable {
        /// λ, the ridge penalty on the weights (`reg`): larger pulls every
        /// weight toward 0 and favours popular movies less.
        public var regularization: Double
        /// The fewest training ratings a movie needs to be kept (`min_ratings`).
        public var minRatings: Int

        /// The defaults `train ease` uses, chosen on reclab's 80/20 per-user
        /// splits of ml-latest-small and ml-100k (Benchmarks/README.md).
        public init(regularization: Double = 300, minRatings: Int = 5) {
            self.regularization = regularization
            self.minRatings = minRatings
        }

        /// Refuses settings training cannot use, naming the key.
        ///
        /// - Throws: ``RecLabError`` with `subject` the offending key.
        public func validate() throws(RecLabError) {
            guard regularization.isFinite, regularization > 0, regularization <= 1e9 else {
                throw RecLabError("reg must be a number above 0 (got \(regularization))", subject: "reg")
            }
            guard minRatings >= 1, minRatings <= 1_000_000_000 else {
                throw RecLabError("min_ratings must be a whole number from 1 (got \(minRatings))", subject: "min_ratings")
            }
        }
    }

    /// The most movies kept: the inverse of 15,000 × 15,000 takes minutes
    /// on two cores and 1.8 GB; beyond it, a higher `min_ratings` is the answer.
    public static let maximumMovies = 15_000

    /// The settings the model was trained with.
    public let parameters: Parameters
    /// The training ratings.
    public let matrix: RatingMatrix
    /// The item indices of the movies kept, ascending.
    public let kept: [Int32]
    /// Each item index's position in ``kept``, or -1 when not kept.
    let position: [Int32]
    /// B, `kept.count × kept.count`, row-major: `weights[a * n + b]` is
    /// what having rated kept movie a adds to kept movie b's score; the
    /// diagonal is 0. Kept as `Float`: half the memory and file, and ranks
    /// no differently.
    let weights: [Float]

    /// The number of movies kept.
    public var keptCount: Int { kept.count }

    /// The weight from movie index `from` to movie index `to` (both item
    /// indices of ``matrix``), or `nil` when either is not kept.
    public func weight(from: Int, to: Int) -> Float? {
        let (a, b) = (position[from], position[to])
        guard a >= 0, b >= 0 else { return nil }
        return weights[Int(a) * kept.count + Int(b)]
    }

    /// The movies with at least `minRatings` ratings, and the position of
    /// every item index among them.
    ///
    /// - Complexity: O(items).
    static func keptMovies(_ matrix: RatingMatrix, minRatings: Int) -> (kept: [Int32], position: [Int32]) {
        var kept: [Int32] = []
        var position = [Int32](repeating: -1, count: matrix.itemCount)
        for i in 0 ..< matrix.itemCount where matrix.entries(ofItem: i).count >= minRatings {
            position[i] = Int32(kept.count)
            kept.append(Int32(i))
        }
        return (kept, position)
    }
}
