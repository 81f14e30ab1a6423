extension LowRank {
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
}
