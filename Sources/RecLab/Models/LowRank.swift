/// Plain regularised low-rank factorisation, as the LinkedIn Learning
/// recommendations tutorial fits it: a vector of `features` numbers per user
/// (the rows of U) and per movie (the rows of M), with the prediction u·m
/// and no biases, minimising over the observed ratings
///
///     ½ Σ (u·m − r)² + (reg / 2)(‖U‖² + ‖M‖²)
///
/// with a full-batch optimiser: L-BFGS by default, or Polak–Ribière+
/// conjugate gradient as the tutorial's `scipy.optimize.fmin_cg` (both reach
/// the same cost; L-BFGS in about half the iterations, see
/// Benchmarks/README.md).
///
/// The tutorial factors the raw ratings; it subtracts each movie's mean
/// rating first only in its later lesson on new users (then adds it back to
/// each prediction). `normalize` does the same here; it is off by default.
public struct LowRank: Sendable {
    /// The full-batch optimisers `train` can use.
    public enum Method: String, Sendable, CaseIterable {
        /// Polak–Ribière+ nonlinear conjugate gradient (the tutorial's `fmin_cg`).
        case conjugateGradient = "cg"
        /// Limited-memory BFGS (the last 5 steps).
        case lbfgs
    }

    /// The settings of `train lowrank`.
    public struct Parameters: Sendable, Equatable {
        /// The length of each user and movie vector (`features`).
        public var features: Int
        /// The weight of the squared-norm penalty (`reg`).
        public var regularization: Double
        /// The most optimiser iterations `train` runs (`iters`).
        public var iterations: Int
        /// Seeds the initial vectors (`seed`).
        public var seed: UInt64
        /// Whether each movie's mean rating is subtracted before factoring
        /// and added back to predictions (`normalize`).
        public var normalize: Bool
        /// The optimiser.
        public var method: Method
        /// Converged when no component of the gradient exceeds this (scipy's `gtol`).
        public var gradientTolerance: Double
        /// Converged when ten iterations together lower the cost by at most
        /// this fraction of it.
        public var costTolerance: Double

        /// The tutorial's settings (15 features, regularisation 0.1), L-BFGS
        /// for up to 1000 iterations, stopping once ten iterations gain less
        /// than a millionth of the cost.
        public init(features: Int = 15, regularization: Double = 0.1, iterations: Int = 1000, seed: UInt64 = 42,
                    normalize: Bool = false, method: Method = .lbfgs,
                    gradientTolerance: Double = 1e-5, costTolerance: Double = 1e-6) {
            self.features = features
            self.regularization = regularization
            self.iterations = iterations
            self.seed = seed
            self.normalize = normalize
            self.method = method
            self.gradientTolerance = gradientTolerance
            self.costTolerance = costTolerance
        }

        /// Refuses settings training cannot use, naming the key.
        ///
        /// - Throws: ``RecLabError`` with `subject` the offending key.
        public func validate() throws(RecLabError) {
            guard features >= 1, features <= 1024 else {
                throw RecLabError("features must be between 1 and 1024 (got \(features))", subject: "features")
            }
            guard regularization.isFinite, regularization >= 0 else {
                throw RecLabError("reg must be 0 or more (got \(regularization))", subject: "reg")
            }
            guard iterations >= 0 else {
                throw RecLabError("iters must be 0 or more (got \(iterations))", subject: "iters")
            }
            guard gradientTolerance >= 0, costTolerance >= 0 else {
                throw RecLabError("tolerances must be 0 or more")
            }
        }
    }

    /// Why an optimiser run stopped.
    public enum Stop: String, Sendable, Equatable {
        /// No component of the gradient exceeds the gradient tolerance: a minimum.
        case gradientTolerance
        /// An iteration lowered the cost by at most the cost tolerance (a
        /// fraction of the cost): the optimiser has stalled at or near a minimum.
        case costTolerance
        /// The iteration limit came first.
        case iterationLimit
        /// Even along steepest descent no step lowered the cost (the limits
        /// of floating point near a minimum, usually).
        case lineSearchFailed

        /// Whether a convergence test ended the run (not the iteration
        /// limit, nor a failed line search).
        public var converged: Bool { self == .gradientTolerance || self == .costTolerance }
    }

    /// How the last `train` or `fit` ended.
    public struct Report: Sendable, Equatable {
        /// Optimiser iterations of that run.
        public var iterations: Int
        /// Cost and gradient evaluations of that run.
        public var evaluations: Int
        /// The cost at the end, penalty included.
        public var cost: Double
        /// √(mean squared error) over the training ratings at the end.
        public var trainingRMSE: Double
        /// The largest component of the gradient at the end.
        public var gradientNorm: Double
        /// Why it stopped.
        public var stop: Stop

        /// Whether it ended at a minimum rather than at its iteration limit.
        public var converged: Bool { stop.converged }
    }

    /// The settings the model was created with.
    public let parameters: Parameters
    /// The ratings the model was trained on.
    public let matrix: RatingMatrix
    /// Each movie's mean training rating, by item index, when `normalize` is on.
    public let itemMeans: [Double]?
    /// The user vectors (rows of U, by user index), then the movie vectors
    /// (rows of M, by item index), each in a row of ``width`` numbers: the
    /// `features` numbers, then zeros (the gradient there is always 0, so
    /// the optimiser never moves them).
    var vectors: [Double]
    /// Iterations over the model's life (every `train` and `fit`).
    public internal(set) var iterationsTrained: Int
    /// How the last `train` or `fit` ended.
    public internal(set) var report: Report

    /// The number of features per vector.
    public var factors: Int { parameters.features }

    /// Numbers per row of ``vectors``: `features` rounded up to a multiple
    /// of 4, so the cost's inner loops work in whole `SIMD4<Double>` lanes.
    var width: Int { Self.width(features: parameters.features) }

    /// `features` rounded up to a multiple of 4.
    static func width(features: Int) -> Int { (features + 3) & ~3 }

    /// Where user index `u`'s vector starts in ``vectors``.
    @inline(__always)
    func userOffset(_ u: Int) -> Int { u * width }

    /// Where movie index `i`'s vector starts in ``vectors``.
    @inline(__always)
    func itemOffset(_ i: Int) -> Int { (matrix.userCount + i) * width }

    /// Movie index `i`'s vector (`factors` numbers).
    ///
    /// - Complexity: O(factors).
    public func itemVector(index i: Int) -> [Float] {
        vectors[itemOffset(i) ..< itemOffset(i) + factors].map(Float.init)
    }

    /// Movie `id`'s vector, or `nil` when nobody rated it in the training data.
    public func itemVector(of id: Int64) -> [Float]? { matrix.itemIndex(of: id).map { itemVector(index: $0) } }

    /// Every movie's vector, row by row in item-index order (`itemCount × factors`).
    ///
    /// - Complexity: O(items × factors).
    public var itemVectors: [Float] {
        var out: [Float] = []
        out.reserveCapacity(matrix.itemCount * factors)
        for i in 0 ..< matrix.itemCount { out.append(contentsOf: itemVector(index: i)) }
        return out
    }

    /// User index `u`'s vector (`factors` numbers), in full precision.
    public func userVector(index u: Int) -> [Double] {
        Array(vectors[userOffset(u) ..< userOffset(u) + factors])
    }

    /// The predicted rating of movie `item` by data user `user` (u·m, plus
    /// the movie's mean when normalised), or `nil` when either is not in the
    /// training data.
    ///
    /// - Complexity: O(factors).
    public func predict(user: Int64, item: Int64) -> Double? {
        guard let u = matrix.userIndex(of: user), let i = matrix.itemIndex(of: item) else { return nil }
        var z = itemMeans?[i] ?? 0
        let (pu, pi) = (userOffset(u), itemOffset(i))
        for f in 0 ..< factors { z += vectors[pu + f] * vectors[pi + f] }
        return z
    }
}
