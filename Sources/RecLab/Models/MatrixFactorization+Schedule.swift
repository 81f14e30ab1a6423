import Foundation

/// fast.ai's `fit_one_cycle` schedule over one `train` or `fit`, per
/// optimiser step, with the running products the lazy optimiser needs.
///
/// The learning rate rises on a cosine from lr/25 to lr over the first 25%
/// of the steps, then falls on a cosine to lr/1e5; Adam's β₁ (fast.ai's
/// "momentum") mirrors it, 0.95 → 0.85 → 0.95.
struct OneCycle: Sendable {
    /// Learning rate at step `t` (0-based within the fit).
    let rates: [Float]
    /// β₁ at step `t`.
    let moms: [Float]
    /// `decay[t + 1]` is Σ_{s ≤ t} log(1 − lr_s · wd); `decay[0]` is 0, so a
    /// row last updated at step `a` and untouched through step `b` shrinks
    /// by exp(decay[b + 1] − decay[a + 1]).
    let decay: [Double]
    /// The same running sum of log β₁, for the first moment's decay.
    let momentum: [Double]
    /// `tail[t + 1]` is T_t = Σ_{s > t} c_s Π_{t < q ≤ s} ρ_q, with
    /// c_s = lr_s / (1 − β₁,s^n) (Adam's step size at life step n) and
    /// ρ_q = β₁,q / √β₂: how far a dense Adam keeps moving a row (in units of
    /// its m̂ / √v̂ at step t) over the steps after t when no gradient reaches it.
    let tail: [Double]

    /// fast.ai's warm-up share, first divisor, final divisor and momenta.
    static let pctStart = 0.25, div = 25.0, divFinal = 1e5, moms = (0.95, 0.85)

    /// The schedule of `steps` steps peaking at `lr`, with weight decay `wd`.
    ///
    /// - Complexity: O(steps).
    init(steps: Int, lr: Double, wd: Double, firstStep: Int, beta2: Double) {
        // fast.ai's SchedCos: start + (1 + cos(π(1 − p))) (end − start) / 2.
        func cosine(_ start: Double, _ end: Double, _ p: Double) -> Double {
            start + (1 + cos(Double.pi * (1 - p))) * (end - start) / 2
        }
        var rates: [Float] = [], moms: [Float] = []
        var decay = [0.0], momentum = [0.0]
        rates.reserveCapacity(steps)
        moms.reserveCapacity(steps)
        let (high, low) = OneCycle.moms
        for t in 0 ..< steps {
            // fast.ai evaluates the schedule at the fraction done before the step.
            let p = Double(t) / Double(max(1, steps))
            let lrT: Double, momT: Double
            if p < OneCycle.pctStart {
                let q = p / OneCycle.pctStart
                (lrT, momT) = (cosine(lr / OneCycle.div, lr, q), cosine(high, low, q))
            } else {
                let q = (p - OneCycle.pctStart) / (1 - OneCycle.pctStart)
                (lrT, momT) = (cosine(lr, lr / OneCycle.divFinal, q), cosine(low, high, q))
            }
            rates.append(Float(lrT))
            moms.append(Float(momT))
            decay.append(decay[t] + log1p(-lrT * wd))
            momentum.append(momentum[t] + log(momT))
        }
        // T_{steps−1} = 0; T_t = ρ_{t+1} (c_{t+1} + T_{t+1}).
        var tail = [Double](repeating: 0, count: steps + 1)
        let root = beta2.squareRoot()
        for t in stride(from: steps - 2, through: -1, by: -1) {
            let mom = Double(moms[t + 1])
            let c = Double(rates[t + 1]) / (1 - pow(mom, Double(firstStep + t + 2)))
            tail[t + 1] = mom / root * (c + tail[t + 2])
        }
        self.tail = tail
        self.rates = rates
        self.moms = moms
        self.decay = decay
        self.momentum = momentum
    }
}
