import Foundation
import Testing
@testable import RecLab

/// The full-batch minimiser behind `lowrank` on problems whose minimum is
/// known: quadratics, Rosenbrock's function, a function that is infinite
/// beyond a wall; and its line search against the strong Wolfe conditions.
@Suite struct LowRankMinimizerTests {
    typealias Minimizer = LowRankMinimizer

    static func minimizer(_ method: LowRank.Method, gtol: Double = 1e-9, iterations: Int = 10_000,
                          _ f: @escaping ([Double], inout [Double]) -> Double, dimension: Int) -> Minimizer {
        Minimizer(
            objective: Minimizer.Objective(dimension: dimension) { x, g in
                var gradient = [Double](repeating: 0, count: dimension)
                let value = f(Array(x), &gradient)
                for j in 0 ..< dimension { g[j] = gradient[j] }
                return value
            },
            options: Minimizer.Options(method: method, maxIterations: iterations, gradientTolerance: gtol, costTolerance: 0))
    }

    /// ½ xᵀAx − bᵀx with A = diag(1…n) + vvᵀ (condition number about n),
    /// whose minimiser solves A x = b.
    static func quadratic(n: Int) -> (f: ([Double], inout [Double]) -> Double, solution: [Double]) {
        let v = (0 ..< n).map { 0.3 * sin(Double($0 + 1)) }
        let b = (0 ..< n).map { cos(Double($0)) }
        func product(_ x: [Double]) -> [Double] {
            let vx = zip(v, x).reduce(0) { $0 + $1.0 * $1.1 }
            return (0 ..< n).map { Double($0 + 1) * x[$0] + v[$0] * vx }
        }
        // Solve A x = b by Sherman–Morrison, independently of the minimiser.
        let dInvB = (0 ..< n).map { b[$0] / Double($0 + 1) }, dInvV = (0 ..< n).map { v[$0] / Double($0 + 1) }
        let scale = zip(v, dInvB).reduce(0) { $0 + $1.0 * $1.1 } / (1 + zip(v, dInvV).reduce(0) { $0 + $1.0 * $1.1 })
        let solution = (0 ..< n).map { dInvB[$0] - scale * dInvV[$0] }
        let f: ([Double], inout [Double]) -> Double = { x, g in
            let ax = product(x)
            for j in 0 ..< n { g[j] = ax[j] - b[j] }
            return 0.5 * zip(x, ax).reduce(0) { $0 + $1.0 * $1.1 } - zip(b, x).reduce(0) { $0 + $1.0 * $1.1 }
        }
        return (f, solution)
    }

    /// Σ 100(x_{i+1} − x_i²)² + (1 − x_i)², minimum 0 at (1, …, 1).
    static func rosenbrock(_ x: [Double], _ g: inout [Double]) -> Double {
        var f = 0.0
        for j in 0 ..< g.count { g[j] = 0 }
        for i in 0 ..< x.count - 1 {
            let a = x[i + 1] - x[i] * x[i], b = 1 - x[i]
            f += 100 * a * a + b * b
            g[i] += -400 * x[i] * a - 2 * b
            g[i + 1] += 200 * a
        }
        return f
    }

    @Test(arguments: LowRank.Method.allCases)
    func quadraticReachesTheSolutionOfItsLinearSystem(method: LowRank.Method) throws {
        let n = 50
        let (f, solution) = Self.quadratic(n: n)
        var x = [Double](repeating: 0, count: n)
        let result = try Self.minimizer(method, f, dimension: n).minimize(&x)
        // Either the gradient test or, once f no longer changes in its last
        // digits, the (zero) cost tolerance ends it; x is right either way.
        #expect(result.stop.converged, "\(result)")
        #expect(zip(x, solution).allSatisfy { abs($0 - $1) < 1e-8 })
        // Both methods are exact in n steps on a quadratic with exact line
        // searches; with Wolfe steps they stay well within a few n.
        #expect(result.iterations <= 2 * n, "\(result.iterations) iterations")
    }

    @Test(arguments: LowRank.Method.allCases)
    func rosenbrockFromTheClassicStart(method: LowRank.Method) throws {
        var x = [-1.2, 1.0]
        let result = try Self.minimizer(method, Self.rosenbrock, dimension: 2).minimize(&x)
        #expect(result.stop.converged)
        #expect(abs(x[0] - 1) < 1e-6 && abs(x[1] - 1) < 1e-6, "\(x)")
        #expect(result.value < 1e-12)
        // Nocedal & Wright report a few dozen iterations for both.
        #expect(result.iterations < 200, "\(result.iterations) iterations")
    }

    @Test(arguments: LowRank.Method.allCases)
    func rosenbrockInTwentyDimensions(method: LowRank.Method) throws {
        var x = (0 ..< 20).map { $0 % 2 == 0 ? -1.2 : 1.0 }
        let result = try Self.minimizer(method, Self.rosenbrock, dimension: 20).minimize(&x)
        #expect(result.stop.converged)
        #expect(x.allSatisfy { abs($0 - 1) < 1e-5 }, "\(x)")
    }

    @Test func theIterationLimitStopsAndSaysSo() throws {
        var x = [-1.2, 1.0]
        let result = try Self.minimizer(.lbfgs, iterations: 5, Self.rosenbrock, dimension: 2).minimize(&x)
        #expect(result.stop == .iterationLimit && result.iterations == 5 && !result.stop.converged)
        // Every accepted step lowered f.
        #expect(result.value < 24.2)
    }

    @Test(arguments: LowRank.Method.allCases)
    func anInfiniteWallIsBackedAwayFrom(method: LowRank.Method) throws {
        // (x − 3)² per coordinate, infinite once any |x| > 5; the first step
        // along −∇f from x = −4 lands far beyond the wall.
        let f: ([Double], inout [Double]) -> Double = { x, g in
            if x.contains(where: { abs($0) > 5 }) { return .infinity }
            for j in x.indices { g[j] = 2 * (x[j] - 3) }
            return x.reduce(0) { $0 + ($1 - 3) * ($1 - 3) }
        }
        var x = [-4.0, -4.5, 0]
        let result = try Self.minimizer(method, f, dimension: 3).minimize(&x)
        #expect(result.stop.converged && x.allSatisfy { abs($0 - 3) < 1e-8 }, "\(x) \(result)")
    }

    @Test func aNonFiniteStartIsReportedNotLooped() throws {
        var x = [1.0]
        let result = try Self.minimizer(.lbfgs, { _, _ in .nan }, dimension: 1).minimize(&x)
        #expect(result.stop == .lineSearchFailed && result.evaluations == 1)
    }

    @Test func cancellationStopsBeforeTheNextIteration() {
        let cancel = Cancellation()
        cancel.cancel()
        var x = [-1.2, 1.0]
        #expect(throws: RecLabError.cancelled) { try Self.minimizer(.lbfgs, Self.rosenbrock, dimension: 2).minimize(&x, cancel: cancel) }
    }

    /// φ(α) = f(x + αd) of several shapes, from steps far too small and far
    /// too large: the accepted step satisfies both strong Wolfe conditions.
    @Test(arguments: LowRank.Method.allCases)
    func lineSearchStepsSatisfyTheStrongWolfeConditions(method: LowRank.Method) throws {
        let shapes: [(Double) -> (Double, Double)] = [
            { a in ((a - 3) * (a - 3), 2 * (a - 3)) },                       // quadratic, minimum at 3
            { a in (pow(a - 0.01, 4) - a * 1e-8, 4 * pow(a - 0.01, 3) - 1e-8) }, // flat quartic near 0.01
            { a in (-sin(a) + 0.1 * a * a, -cos(a) + 0.2 * a) },             // several local shapes
            { a in (a > 50 ? .infinity : (a - 20) * (a - 20), 2 * (a - 20)) }, // wall beyond 50
        ]
        let minimizer = Self.minimizer(method, Self.rosenbrock, dimension: 2)
        for (s, phi) in shapes.enumerated() {
            for initial in [1e-6, 0.1, 1, 7, 1e4] {
                let (f0, d0) = phi(0)
                try #require(d0 < 0)
                let step = try #require(minimizer.lineSearch(value: f0, slope: d0, initialStep: initial) { phi($0) },
                                        "shape \(s) from \(initial)")
                let (f, d) = phi(step.step)
                #expect(step.value == f)
                #expect(f <= f0 + Minimizer.armijo * step.step * d0, "shape \(s) from \(initial): no sufficient decrease")
                #expect(abs(d) <= minimizer.curvature * abs(d0), "shape \(s) from \(initial): slope \(d) at \(step.step)")
            }
        }
    }

    @Test func lineSearchGivesUpOnAnAscentDirection() {
        let minimizer = Self.minimizer(.conjugateGradient, Self.rosenbrock, dimension: 2)
        // Reported slope negative but φ only rises: no step can decrease enough.
        #expect(minimizer.lineSearch(value: 0, slope: -1, initialStep: 1) { a in (a, 1) } == nil)
    }
}

/// The minimiser's vector operations on vectors long enough to be split
/// over the cores.
@Suite struct MinimizerVectorTests {
    static let n = 3 * MinimizerVector.parallelLength + 5

    @Test func longDotProductsAndUpdatesAreRight() {
        var g = SeededGenerator(seed: 9)
        let a = (0 ..< Self.n).map { _ in g.nextUnit() - 0.5 }, b = (0 ..< Self.n).map { _ in g.nextUnit() - 0.5 }
        // A compensated sum as the reference.
        var sum = 0.0, carry = 0.0
        for j in 0 ..< Self.n {
            let y = a[j] * b[j] - carry, t = sum + y
            carry = (t - sum) - y
            sum = t
        }
        #expect(abs(MinimizerVector.dot(a, b) - sum) < 1e-12 * Double(Self.n).squareRoot())
        var out = b
        MinimizerVector.combine(2, a, -1, &out)
        #expect((0 ..< Self.n).allSatisfy { out[$0] == 2 * a[$0] - b[$0] })
        MinimizerVector.step(from: a, by: 0.5, along: b, into: &out)
        #expect((0 ..< Self.n).allSatisfy { out[$0] == a[$0] + 0.5 * b[$0] })
        MinimizerVector.negate(a, into: &out)
        #expect(out == a.map { -$0 })
    }

    @Test func maxNormFindsTheLargestAndAnyNaN() {
        var a = [Double](repeating: 1, count: Self.n)
        a[Self.n - 2] = -7
        #expect(MinimizerVector.maxNorm(a) == 7)
        a[Self.n - 1] = .nan
        #expect(MinimizerVector.maxNorm(a).isNaN)
        a[Self.n - 1] = -.infinity
        #expect(MinimizerVector.maxNorm(a).isNaN)
        #expect(MinimizerVector.maxNorm([]) == 0)
    }
}
