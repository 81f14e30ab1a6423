/// A full-batch minimiser of a smooth function of many variables: nonlinear
/// conjugate gradient (Polak–Ribière+, as scipy's `fmin_cg`) or L-BFGS, both
/// with a line search that satisfies the strong Wolfe conditions.
///
/// `lowrank` uses it on its factorisation cost, but nothing here knows about
/// ratings: the tests run it on quadratics and Rosenbrock's function.
struct LowRankMinimizer {
    /// Which search direction each iteration takes.
    typealias Method = LowRank.Method

    /// Why the minimiser stopped.
    typealias Stop = LowRank.Stop

    /// When to stop and how to search.
    struct Options: Sendable {
        var method: Method = .conjugateGradient
        /// At most this many iterations (each is one line search).
        var maxIterations = 500
        /// Stop when every component of the gradient is at most this in size
        /// (scipy's `gtol`, whose default this is).
        var gradientTolerance = 1e-5
        /// Stop when the last ``costWindow`` iterations together lowered f by
        /// at most this fraction of max(|f|, 1).
        var costTolerance = 1e-6
        /// L-BFGS keeps this many (step, gradient change) pairs: on the
        /// tutorial's data 5 converges in 5 % more iterations than 10 for
        /// 20 % fewer instructions (each iteration reads every pair twice).
        var memory = 5
    }

    /// The function to minimise: `evaluate(x, g)` returns f(x) and writes
    /// ∇f(x) into `g` (both `dimension` long).
    struct Objective {
        var dimension: Int
        var evaluate: (_ x: UnsafeBufferPointer<Double>, _ gradient: UnsafeMutableBufferPointer<Double>) -> Double
    }

    /// What a run did.
    struct Result: Sendable, Equatable {
        /// f at the final point.
        var value: Double
        /// The largest component of the gradient there.
        var gradientNorm: Double
        /// Iterations taken (line searches that moved the point).
        var iterations: Int
        /// Evaluations of f and ∇f, the first one included.
        var evaluations: Int
        var stop: Stop
    }

    /// The cost tolerance compares f with its value this many iterations
    /// earlier: single conjugate-gradient iterations can gain very little
    /// and still be followed by large gains.
    static let costWindow = 10
    /// Sufficient decrease (Armijo) constant of the line search.
    static let armijo = 1e-4
    /// A conjugate-gradient direction d must have ∇f·d ≤ −0.01‖∇f‖², as scipy
    /// requires of Polak–Ribière+, or the iteration restarts on −∇f.
    static let sufficientDescent = 0.01

    let objective: Objective
    let options: Options

    /// The curvature constant of the strong Wolfe conditions: scipy's 0.4
    /// for conjugate gradient (which needs fairly exact line searches), the
    /// usual 0.9 for L-BFGS (whose unit step is nearly always right).
    var curvature: Double { options.method == .lbfgs ? 0.9 : 0.4 }
}
