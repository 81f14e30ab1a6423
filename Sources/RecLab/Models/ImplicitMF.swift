/// Implicit-feedback matrix factorisation by alternating least squares
/// (`implicit`), as LensKit 0.14's `ImplicitMF` with `method='lu'` (Hu,
/// Koren and Volinsky 2008): the ratings' values are ignored, every rated
/// (user, movie) pair is a preference of 1 held with confidence
/// `1 + weight`, every unrated pair a preference of 0 with confidence 1.
/// A score is the dot product p_u·q_i of a user's and a movie's vectors:
/// it ranks movies, it is not a rating, and there are no biases.
///
/// Each iteration solves every user's vector exactly with the movie
/// vectors fixed, then every movie's with the user vectors fixed:
/// `(YᵀY + reg·I + weight·Σ y_j y_jᵀ) x = (1 + weight)·Σ y_j` over the
/// row's rated columns j, by Cholesky factorisation. Unlike `als`, the
/// penalty `reg` is not multiplied by the row's number of ratings.
public struct ImplicitMF: Sendable {
    /// The settings of `train implicit`.
    public struct Parameters: Sendable, Equatable {
        /// The length of each user and movie vector (`features`).
        public var features: Int
        /// The alternating iterations (`iters`); each solves users, then movies.
        public var iterations: Int
        /// The ridge penalty added to every solve (`reg`).
        public var regularization: Double
        /// α: a rated pair's confidence is 1 + α (`weight`).
        public var weight: Double
        /// Seeds the starting vectors (`seed`).
        public var seed: UInt64

        /// LensKit's `ImplicitMF(50)` defaults: 20 iterations, reg 0.1, weight 40.
        public init(features: Int = 50, iterations: Int = 20, regularization: Double = 0.1, weight: Double = 40,
                    seed: UInt64 = 42) {
            self.features = features
            self.iterations = iterations
            self.regularization = regularization
            self.weight = weight
            self.seed = seed
        }

        /// Refuses settings training cannot use, naming the key.
        ///
        /// - Throws: ``RecLabError`` with `subject` the offending key.
        public func validate() throws(RecLabError) {
            guard features >= 1, features <= 1024 else {
                throw RecLabError("features must be between 1 and 1024 (got \(features))", subject: "features")
            }
            guard iterations >= 1, iterations <= 10_000 else {
                throw RecLabError("iters must be between 1 and 10000 (got \(iterations))", subject: "iters")
            }
            // reg > 0 keeps every system positive definite, however few
            // movies (or users) there are against the features.
            guard regularization.isFinite, regularization > 0, regularization <= 1_000_000 else {
                throw RecLabError("reg must be a number above 0 and at most 1000000 (got \(regularization))", subject: "reg")
            }
            guard weight.isFinite, weight >= 0, weight <= 1_000_000 else {
                throw RecLabError("weight must be a number from 0 to 1000000 (got \(weight))", subject: "weight")
            }
        }
    }

    /// The settings the model was trained with.
    public let parameters: Parameters
    /// The training ratings (only which pairs are rated matters).
    public let matrix: RatingMatrix
    /// Each user's vector, `factors` numbers per user index.
    let users: [Double]
    /// Each movie's vector, `factors` numbers per item index.
    let items: [Double]
    /// YᵀY + reg·I of the final movie vectors (row-major, factors²): what
    /// every fold-in starts its system from, as LensKit's `OtOr_`.
    let gram: [Double]

    /// The number of numbers per vector.
    public var factors: Int { parameters.features }

    /// Movie index `i`'s vector.
    ///
    /// - Complexity: O(factors).
    public func itemVector(index i: Int) -> [Float] {
        items[i * factors ..< (i + 1) * factors].map(Float.init)
    }

    /// Movie index `i`'s vector in the doubles the model scores with.
    ///
    /// - Complexity: O(factors).
    public func itemRow(_ i: Int) -> [Double] { Array(items[i * factors ..< (i + 1) * factors]) }

    /// User index `u`'s vector in the doubles the model scores with.
    ///
    /// - Complexity: O(factors).
    public func userRow(_ u: Int) -> [Double] { Array(users[u * factors ..< (u + 1) * factors]) }

    /// The score p_u·q_i of movie `item` for data user `user`, or `nil`
    /// when either is not in the training data (rated movies included).
    ///
    /// - Complexity: O(factors).
    public func score(user: Int64, item: Int64) -> Double? {
        guard let u = matrix.userIndex(of: user), let i = matrix.itemIndex(of: item) else { return nil }
        return FactorExplanation.dot(userRow(u), itemRow(i))
    }

    /// YᵀY + reg·I for `count` rows of `k` numbers: the part of every
    /// row's system that does not depend on what the row rated. Summed row
    /// by row in index order on one core, so the same rows give the same bits.
    ///
    /// - Complexity: O(count × k²).
    static func gram(of rows: [Double], count: Int, k: Int, regularization: Double) -> [Double] {
        var g = [Double](repeating: 0, count: k * k)
        rows.withUnsafeBufferPointer { y in
            g.withUnsafeMutableBufferPointer { out in
                for r in 0 ..< count {
                    let row = r * k
                    for f in 0 ..< k {
                        let value = y[row + f]
                        if value == 0 { continue }
                        for h in 0 ... f { out[f * k + h] += value * y[row + h] }
                    }
                }
            }
        }
        // Mirror the lower triangle so the matrix is whole for any reader.
        for f in 0 ..< k {
            g[f * k + f] += regularization
            for h in 0 ..< f { g[h * k + f] = g[f * k + h] }
        }
        return g
    }
}
