extension LowRankMinimizer {
    /// Minimises from `x` (overwritten by the final point), polling `cancel`
    /// before each iteration.
    ///
    /// Each iteration picks a direction (Polak–Ribière+ or the L-BFGS
    /// two-loop product), then a step along it that satisfies the strong
    /// Wolfe conditions (``lineSearch(value:slope:initialStep:phi:)``). When
    /// the line search fails along a conjugate or quasi-Newton direction,
    /// the iteration is retried along −∇f; when it fails along −∇f, the run
    /// stops there. The result depends on `x` and the objective only: no
    /// randomness, no dependence on timing.
    ///
    /// - Throws: ``RecLabError/cancelled`` on Ctrl-C (`x` is then the last
    ///   accepted point).
    /// - Complexity: O(evaluations × cost of one evaluation + iterations × n)
    ///   for conjugate gradient, O(iterations × memory × n) more for L-BFGS.
    func minimize(_ x: inout [Double], cancel: Cancellation = .never) throws(RecLabError) -> Result {
        let n = objective.dimension
        var g = [Double](repeating: 0, count: n)
        var trialX = g, trialG = g, direction = g
        var value = evaluate(x, &g)
        var evaluations = 1
        var history = LBFGSHistory(dimension: n, memory: options.method == .lbfgs ? options.memory : 0)
        var previousValue: Double?
        // f after each of the last costWindow iterations (before the first, at the start).
        var recent = [value]
        var iterations = 0
        var steepest = true
        MinimizerVector.negate(g, into: &direction)

        func result(_ stop: Stop) -> Result {
            Result(value: value, gradientNorm: MinimizerVector.maxNorm(g), iterations: iterations, evaluations: evaluations, stop: stop)
        }
        guard value.isFinite else { return result(.lineSearchFailed) }
        while true {
            if MinimizerVector.maxNorm(g) <= options.gradientTolerance { return result(.gradientTolerance) }
            if iterations >= options.maxIterations { return result(.iterationLimit) }
            try cancel.check()
            // Most runs converge well before the limit: the bar is how far
            // to it, the detail what the cost has come down to.
            if cancel.wantsProgress {
                cancel.report("lowrank", fraction: Double(iterations) / Double(max(1, options.maxIterations)),
                              detail: "iteration \(iterations + 1) of at most \(options.maxIterations), cost \(value.formatted(maxFractionDigits: 1))")
            }

            let squaredNorm = MinimizerVector.dot(g, g)
            var slope = MinimizerVector.dot(g, direction)
            let required = options.method == .conjugateGradient ? -Self.sufficientDescent * squaredNorm : 0
            if !steepest, !(slope < required) {
                MinimizerVector.negate(g, into: &direction)
                (slope, steepest) = (-squaredNorm, true)
                history.clear()
            }
            let initial = initialStep(value: value, previousValue: previousValue, slope: slope,
                                      gradientLength: squaredNorm.squareRoot(), history: history)
            let found = lineSearch(value: value, slope: slope, initialStep: initial) { step in
                evaluations += 1
                MinimizerVector.step(from: x, by: step, along: direction, into: &trialX)
                let f = evaluate(trialX, &trialG)
                return (f, MinimizerVector.dot(trialG, direction))
            }
            guard let found else {
                if steepest { return result(.lineSearchFailed) }
                MinimizerVector.negate(g, into: &direction)
                steepest = true
                history.clear()
                continue
            }
            if !found.isLastEvaluated {
                evaluations += 1
                MinimizerVector.step(from: x, by: found.step, along: direction, into: &trialX)
                _ = evaluate(trialX, &trialG)
            }
            iterations += 1
            // trialX, trialG are the new point; direction still the old one.
            switch options.method {
            case .conjugateGradient:
                let beta = max(0, (MinimizerVector.dot(trialG, trialG) - MinimizerVector.dot(trialG, g)) / squaredNorm)
                MinimizerVector.combine(-1, trialG, beta, &direction)
            case .lbfgs:
                history.record(step: found.step, direction: direction, oldGradient: g, newGradient: trialG)
                history.direction(gradient: trialG, into: &direction)
            }
            steepest = false
            swap(&x, &trialX)
            swap(&g, &trialG)
            (previousValue, value) = (value, found.value)
            recent.append(value)
            if recent.count > Self.costWindow {
                let earlier = recent.removeFirst()
                if earlier - value <= options.costTolerance * max(abs(value), 1) { return result(.costTolerance) }
            }
        }
    }

    /// f(x), writing ∇f(x) into `g`.
    private func evaluate(_ x: [Double], _ g: inout [Double]) -> Double {
        x.withUnsafeBufferPointer { xs in g.withUnsafeMutableBufferPointer { gs in objective.evaluate(xs, gs) } }
    }

    /// The first step the line search tries. L-BFGS: 1, the quasi-Newton
    /// step, once it has curvature pairs. Conjugate gradient: the step that
    /// would lower f as much as the last iteration did, assuming a quadratic
    /// (Nocedal & Wright eq. 3.60, as scipy does), at most 1. With nothing to
    /// go on, a step of length about 1 along −∇f.
    private func initialStep(value: Double, previousValue: Double?, slope: Double, gradientLength: Double,
                             history: LBFGSHistory) -> Double {
        let firstStep = min(1, 1.01 / max(gradientLength, .leastNormalMagnitude))
        switch options.method {
        case .lbfgs:
            return history.isEmpty ? firstStep : 1
        case .conjugateGradient:
            guard let previousValue else { return firstStep }
            let step = 1.01 * 2 * (value - previousValue) / slope
            return step.isFinite && step > 0 ? min(1, step) : 1
        }
    }
}
