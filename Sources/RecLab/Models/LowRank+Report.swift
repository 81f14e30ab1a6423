extension LowRank {
    /// Why an optimiser run stopped.
    public enum Stop: String, Sendable, Equatable {
        /// No component of the gradient exceeds the gradient tolerance: a minimum.
        case gradientTolerance
        /// Ten iterations together lowered the cost by at most the cost
        /// tolerance (a fraction of the cost): the optimiser has stalled at
        /// or very near a minimum.
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
}
