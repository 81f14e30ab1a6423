/// Biased matrix factorisation fitted by alternating least squares (`als`):
/// a prediction is `μ + b_u + b_i + p_u·q_i`, with μ the mean rating, b_u
/// and b_i a user's and a movie's bias and p_u, q_i their vectors,
/// clamped to the training ratings' range.
///
/// Training starts as LensKit 0.14's `BiasedMF` does: the biases are
/// LensKit's damped `Bias`, and each iteration solves every user's vector
/// with the movie vectors fixed, then every movie's with the user vectors
/// fixed, each a ridge regression on what the biases leave over, with
/// penalty `reg × (number of ratings)` (Zhou et al.'s weighted-λ
/// regularisation). Every solve is exact: a k × k Cholesky factorisation.
/// `samples=0 iters=20 features=50` is LensKit's `BiasedMF(50)`.
///
/// With `samples` > 0 (the default) it then goes on as Bayesian
/// probabilistic matrix factorisation (Salakhutdinov and Mnih 2008) by
/// Gibbs sampling: each step is the same least-squares solve, biases
/// included, plus a random draw shaped by the solve's own Cholesky factor;
/// the priors and the noise level are redrawn from what the vectors and
/// errors look like, with a noise scale per user and per movie (Student-t
/// noise with `nu` degrees of freedom, so erratic raters and divisive
/// movies count for less). The model keeps the average of the `samples`
/// solves after a burn-in: one set of vectors and biases, so it predicts,
/// explains and folds in people like any biased factorisation, and is
/// clearly more accurate than the least-squares fit (Benchmarks/README.md).
public struct ALSModel: Sendable {
    /// The settings of `train als`.
    public struct Parameters: Sendable, Equatable {
        /// The length of each user and movie vector (`features`).
        public var features: Int
        /// The ridge penalty per rating of the least-squares iterations (`reg`).
        public var regularization: Double
        /// The least-squares iterations (`iters`); each solves users, then movies.
        public var iterations: Int
        /// Mean ratings assumed per movie and per user in the starting
        /// biases (`damping`, as LensKit's `Bias`).
        public var damping: Double
        /// The Bayesian solves averaged after the least-squares iterations
        /// (`samples`); 0 keeps the least-squares fit.
        public var samples: Int
        /// Bayesian sweeps made and dropped before those averaged (`burn`).
        public var burnIn: Int
        /// Degrees of freedom of each user's and movie's noise scale
        /// (`nu`); 0 gives every rating the same noise level.
        public var robustness: Double
        /// Seeds the starting vectors and the draws (`seed`).
        public var seed: UInt64

        /// The defaults `train als` uses, tuned on three random 80/20 splits
        /// of ml-latest-small and of ml-100k (Benchmarks/README.md).
        public init(features: Int = 10, regularization: Double = 0.1, iterations: Int = 3, damping: Double = 5,
                    samples: Int = 150, burnIn: Int = 10, robustness: Double = 20, seed: UInt64 = 42) {
            self.features = features
            self.regularization = regularization
            self.iterations = iterations
            self.damping = damping
            self.samples = samples
            self.burnIn = burnIn
            self.robustness = robustness
            self.seed = seed
        }

        /// LensKit 0.14's `BiasedMF(features)` with its defaults: 20
        /// least-squares iterations, reg 0.1, damping 5, no sampling.
        public static func lensKit(features: Int = 50) -> Parameters {
            Parameters(features: features, regularization: 0.1, iterations: 20, damping: 5, samples: 0, burnIn: 0,
                       robustness: 0)
        }

        /// Refuses settings training cannot use, naming the key.
        ///
        /// - Throws: ``RecLabError`` with `subject` the offending key.
        public func validate() throws(RecLabError) {
            guard features >= 1, features <= 1024 else {
                throw RecLabError("features must be between 1 and 1024 (got \(features))", subject: "features")
            }
            guard regularization.isFinite, regularization > 0 else {
                throw RecLabError("reg must be a number above 0 (got \(regularization))", subject: "reg")
            }
            guard iterations >= 0, iterations <= 10_000 else {
                throw RecLabError("iters must be between 0 and 10000 (got \(iterations))", subject: "iters")
            }
            guard damping.isFinite, damping >= 0 else {
                throw RecLabError("damping must be a number ≥ 0 (got \(damping))", subject: "damping")
            }
            guard samples >= 0, samples <= 100_000 else {
                throw RecLabError("samples must be between 0 and 100000 (got \(samples))", subject: "samples")
            }
            guard burnIn >= 0, burnIn <= 100_000 else {
                throw RecLabError("burn must be between 0 and 100000 (got \(burnIn))", subject: "burn")
            }
            guard robustness.isFinite, robustness >= 0 else {
                throw RecLabError("nu must be a number ≥ 0 (got \(robustness))", subject: "nu")
            }
        }
    }

    /// The settings the model was trained with.
    public let parameters: Parameters
    /// The training ratings.
    public let matrix: RatingMatrix
    /// μ, the mean of every training rating.
    public let globalMean: Double
    /// Each user's vector then bias, `width` numbers per user index.
    let users: [Double]
    /// Each movie's vector then bias, `width` numbers per item index.
    let items: [Double]
    /// What fold-in needs to solve a new person as training solved a user.
    let foldInPrior: ALSFoldInPrior
    /// The root mean squared error on the training ratings at the end.
    public let trainingRMSE: Double
    /// The lowest training rating: no prediction is below it.
    public let low: Double
    /// The highest training rating: no prediction is above it.
    public let high: Double

    /// The number of factors per vector.
    public var factors: Int { parameters.features }
    /// Numbers stored per user or movie: the vector and the bias.
    var width: Int { parameters.features + 1 }

    /// Movie index `i`'s vector (`factors` numbers).
    ///
    /// - Complexity: O(factors).
    public func itemVector(index i: Int) -> [Float] {
        items[i * width ..< i * width + factors].map(Float.init)
    }

    /// Movie `id`'s vector, or `nil` when nobody rated it in the training data.
    public func itemVector(of id: Int64) -> [Float]? { matrix.itemIndex(of: id).map { itemVector(index: $0) } }

    /// Every movie's vector, row by row in item-index order (`itemCount × factors`).
    ///
    /// - Complexity: O(items × factors).
    public var itemVectors: [Float] {
        var out: [Float] = []
        out.reserveCapacity(matrix.itemCount * factors)
        for i in 0 ..< matrix.itemCount { out.append(contentsOf: items[i * width ..< i * width + factors].map(Float.init)) }
        return out
    }

    /// Every movie's bias b_i, by item index: how much better (or worse) it
    /// is liked than the mean and its vector explain.
    ///
    /// - Complexity: O(items).
    public var itemBiases: [Double] { (0 ..< matrix.itemCount).map { items[$0 * width + factors] } }

    /// Every user's bias b_u, by user index.
    ///
    /// - Complexity: O(users).
    public var userBiases: [Double] { (0 ..< matrix.userCount).map { users[$0 * width + factors] } }

    /// User index `u`'s vector (`factors` numbers).
    public func userVector(index u: Int) -> [Float] {
        users[u * width ..< u * width + factors].map(Float.init)
    }

    /// The predicted rating of movie `item` by data user `user`, or `nil`
    /// when either is not in the training data. Movies the user rated in
    /// training are predicted too.
    ///
    /// - Complexity: O(factors).
    public func predict(user: Int64, item: Int64) -> Double? {
        guard let u = matrix.userIndex(of: user), let i = matrix.itemIndex(of: item) else { return nil }
        let (pu, qi, k) = (u * width, i * width, factors)
        var dot = 0.0
        for f in 0 ..< k { dot += users[pu + f] * items[qi + f] }
        return min(max(globalMean + users[pu + k] + items[qi + k] + dot, low), high)
    }

    /// μ + b_u + b_i + p_u·q_i for a user row and a movie row (vector, then bias).
    @inlinable
    static func score(user: UnsafePointer<Double>, item: UnsafePointer<Double>, mean: Double, factors k: Int) -> Double {
        var dot = 0.0
        for f in 0 ..< k { dot += user[f] * item[f] }
        return mean + user[k] + item[k] + dot
    }
}

/// The prior and noise level a new person is solved with: for the
/// least-squares fit the ridge penalty per rating and the damping of the
/// bias; for the Bayesian average the users' prior (mean and precision per
/// number of a row), the noise precision and each movie's noise scale
/// (empty without them), averaged over the kept sweeps.
struct ALSFoldInPrior: Sendable {
    enum Kind: Sendable {
        case ridge(regularization: Double, damping: Double)
        case bayesian(mean: [Double], precision: [Double], noise: Double, itemScales: [Double])
    }

    var kind: Kind
}
