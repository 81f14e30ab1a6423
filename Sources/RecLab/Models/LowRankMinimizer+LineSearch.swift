extension LowRankMinimizer {
    /// A step the line search accepted.
    struct Step {
        /// How far along the direction.
        var step: Double
        /// f there.
        var value: Double
        /// Whether it is the last point `phi` was asked for (its gradient is
        /// then in the caller's trial buffer); otherwise it must be evaluated again.
        var isLastEvaluated: Bool
    }

    /// One sample of φ(α) = f(x + α·d): its value and slope φ'(α) = ∇f·d.
    private struct Sample {
        var step: Double
        var value: Double
        var slope: Double
    }

    /// Most evaluations one line search may spend on bracketing, and on zooming.
    static let lineSearchTrials = 40

    /// A step α > 0 along a descent direction satisfying the strong Wolfe
    /// conditions φ(α) ≤ φ(0) + c₁αφ'(0) and |φ'(α)| ≤ c₂|φ'(0)| (c₁ =
    /// ``armijo``, c₂ = ``curvature``), by bracketing then zooming with
    /// safeguarded cubic interpolation (Nocedal & Wright, algorithms 3.5
    /// and 3.6), with values equal to within f's rounding compared by their
    /// slopes instead (as Hager and Zhang's approximate Wolfe conditions do).
    /// A point where f is not finite counts as too far.
    ///
    /// When the trials run out, the lowest point that satisfies sufficient
    /// decrease is returned if there is one, so a hard iteration still makes
    /// progress; `nil` when no trial lowered f enough.
    ///
    /// - Parameters:
    ///   - value: φ(0).
    ///   - slope: φ'(0), negative.
    ///   - initialStep: the first α tried.
    ///   - phi: evaluates φ and φ' at a step.
    /// - Complexity: at most 2 × ``lineSearchTrials`` evaluations of `phi`.
    func lineSearch(value: Double, slope: Double, initialStep: Double,
                    phi: (Double) -> (value: Double, slope: Double)) -> Step? {
        let (c1, c2) = (Self.armijo, curvature)
        var last = 0.0
        func sample(_ step: Double) -> Sample {
            last = step
            let (f, d) = phi(step)
            return Sample(step: step, value: f, slope: d)
        }
        // Near a minimum, f(x + αd) − f(x) sinks below f's rounding: values
        // within a few ulps count as equal, and the slopes decide.
        let noise = 8 * Double.ulpOfOne * abs(value)
        func decreasesEnough(_ s: Sample) -> Bool { s.value <= value + c1 * s.step * slope + noise }
        func rises(_ s: Sample, above other: Sample) -> Bool { s.value > other.value + noise }
        func flatEnough(_ s: Sample) -> Bool { abs(s.slope) <= -c2 * slope }
        func accept(_ s: Sample) -> Step { Step(step: s.step, value: s.value, isLastEvaluated: s.step == last) }

        // Bracketing: grow the step until it overshoots (f too high, or rising).
        var low = Sample(step: 0, value: value, slope: slope)
        var high: Sample?
        var step = initialStep
        for trial in 0 ..< Self.lineSearchTrials {
            let s = sample(step)
            if !decreasesEnough(s) || (trial > 0 && rises(s, above: low)) {
                high = s
                break
            }
            if flatEnough(s) { return accept(s) }
            if s.slope >= 0 {
                (high, low) = (low, s)
                break
            }
            low = s
            step *= 2
        }
        guard var high else { return low.step > 0 ? accept(low) : nil }

        // Zoom: `low` always satisfies sufficient decrease and is the lowest
        // such point so far; the minimiser lies between `low` and `high`.
        for _ in 0 ..< Self.lineSearchTrials {
            let width = abs(high.step - low.step)
            guard width > 1e-14 * max(low.step, high.step) else { break }
            let s = sample(Self.interpolate(low, high))
            if !decreasesEnough(s) || rises(s, above: low) {
                high = s
            } else {
                if flatEnough(s) { return accept(s) }
                if s.slope * (high.step - low.step) >= 0 { high = low }
                low = s
            }
        }
        return low.step > 0 ? accept(low) : nil
    }

    /// The minimiser of the cubic through two samples' values and slopes,
    /// when it lies well inside the interval (at least a tenth of its width
    /// from either end); otherwise the midpoint.
    private static func interpolate(_ a: Sample, _ b: Sample) -> Double {
        let midpoint = (a.step + b.step) / 2
        guard a.value.isFinite, b.value.isFinite, a.slope.isFinite, b.slope.isFinite else { return midpoint }
        let d1 = a.slope + b.slope - 3 * (a.value - b.value) / (a.step - b.step)
        let discriminant = d1 * d1 - a.slope * b.slope
        guard discriminant >= 0 else { return midpoint }
        let d2 = (b.step > a.step ? 1.0 : -1.0) * discriminant.squareRoot()
        let step = b.step - (b.step - a.step) * (b.slope + d2 - d1) / (b.slope - a.slope + 2 * d2)
        let (lower, upper) = (min(a.step, b.step), max(a.step, b.step))
        let margin = 0.1 * (upper - lower)
        return step.isFinite && step >= lower + margin && step <= upper - margin ? step : midpoint
    }
}
