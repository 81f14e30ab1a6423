import Foundation

/// fast.ai's `fit_one_cycle` schedule over one `train` or `fit`, per
/// optimiser step, with the running products the lazy optimiser needs.
///
/// The learning rate rises on a cosine from lr/25 to lr over the first 25%
/// of the steps, then falls on a cosine to lr/1e5; Adam's β₁ (fast.ai's
/// "momentum") mirrors it, 0.95 → 0.85 → 0.95.
struct OneCycle: Sendable {
    /// What a row's catch-up reads about the step it was last touched after:
    /// one record, so one cache line, per step.
    struct Mark: Sendable {
        /// Σ_{s < t} log(1 − lr_s · wd).
        var decay: Double
        /// Π (1 − lr_s · wd) over the steps of t's window before t.
        var decayInWindow: Double
        /// Π β₁,s over the steps of t's window before t.
        var momentumInWindow: Double
        /// T_{t−1}: see ``OneCycle/mark``.
        var tail: Double
    }

    /// Learning rate at step `t` (0-based within the fit).
    let rates: [Float]
    /// β₁ at step `t`.
    let moms: [Float]
    /// `mark[t]`, for t in 0 … steps. Its `tail` is T_{t−1} = Σ_{s ≥ t} c_s
    /// Π_{t ≤ q ≤ s} ρ_q, with c_s = lr_s / (1 − β₁,s^n) (Adam's step size
    /// at life step n) and ρ_q = β₁,q / √β₂: how far a dense Adam keeps
    /// moving a row (in units of its m̂ / √v̂ after step t − 1) over the
    /// steps from t on when no gradient reaches it.
    let mark: [Mark]
    /// Π (1 − lr_s · wd) and Π β₁,s over each whole window.
    let decayWindow: [Double], momentumWindow: [Double]
    /// β₂^g and β₂^(−g/2) for gaps g below ``horizon``.
    let beta2Power: [Double], beta2RootInverse: [Double]
    /// Whether a window's weight decay stays far from underflow (lr × wd
    /// below about 0.27), so ``shrink(from:to:)`` may multiply windows.
    let decayWindowsSafe: Bool
    /// 1 − β₂^n (Adam's second-moment debiasing at life step n, at least
    /// 1e-12) for the n below `debiasCount`; 1 (as a `Float`) from there on.
    let debias2: [Float]

    /// fast.ai's warm-up share, first divisor, final divisor and momenta.
    static let pctStart = 0.25, div = 25.0, divFinal = 1e5, moms = (0.95, 0.85)
    /// Steps per window of the running products (a power of two).
    static let window = 1024
    /// Gaps from which a row's first moment has decayed to nothing in
    /// `Float`: 0.95^2048 < 2⁻¹⁵⁰, half the smallest subnormal.
    static let horizon = 2 * window

    /// The schedule of `steps` steps peaking at `lr`, with weight decay `wd`,
    /// for a fit starting at life step `firstStep`.
    ///
    /// - Complexity: O(steps).
    init(steps: Int, lr: Double, wd: Double, firstStep: Int, beta2: Double) {
        // fast.ai's SchedCos: start + (1 + cos(π(1 − p))) (end − start) / 2.
        func cosine(_ start: Double, _ end: Double, _ p: Double) -> Double {
            start + (1 + cos(Double.pi * (1 - p))) * (end - start) / 2
        }
        var rates: [Float] = [], moms: [Float] = []
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
        }
        // T_{steps−1} = 0; T_{t−1} = ρ_t (c_t + T_t).
        var tail = [Double](repeating: 0, count: steps + 1)
        let root = beta2.squareRoot()
        for t in stride(from: steps - 1, through: 0, by: -1) {
            let mom = Double(moms[t])
            let c = Double(rates[t]) / (1 - pow(mom, Double(firstStep + t + 1)))
            tail[t] = mom / root * (c + tail[t + 1])
        }
        var mark: [Mark] = []
        mark.reserveCapacity(steps + 1)
        var decayWindow: [Double] = [], momentumWindow: [Double] = []
        var decay = 0.0, decayInWindow = 1.0, momentumInWindow = 1.0
        for t in 0 ... steps {
            if t > 0, t % OneCycle.window == 0 {
                decayWindow.append(decayInWindow)
                momentumWindow.append(momentumInWindow)
                (decayInWindow, momentumInWindow) = (1, 1)
            }
            mark.append(Mark(decay: decay, decayInWindow: decayInWindow, momentumInWindow: momentumInWindow,
                             tail: tail[t]))
            guard t < steps else { break }
            let shrink = 1 - Double(rates[t]) * wd
            decay += log(shrink)
            decayInWindow *= shrink
            momentumInWindow *= Double(moms[t])
        }
        decayWindow.append(decayInWindow)
        momentumWindow.append(momentumInWindow)
        let strongest = Double(rates.max() ?? 0) * wd
        decayWindowsSafe = strongest < 1 && Double(OneCycle.window) * log1p(-strongest) > -300
        self.rates = rates
        self.moms = moms
        self.mark = mark
        self.decayWindow = decayWindow
        self.momentumWindow = momentumWindow
        beta2Power = (0 ..< OneCycle.horizon).map { pow(beta2, Double($0)) }
        beta2RootInverse = (0 ..< OneCycle.horizon).map { pow(beta2, -Double($0) / 2) }
        var debias2: [Float] = []
        var n = 0
        while n < 1 << 16 {
            let d = Float(max(1e-12, 1 - pow(beta2, Double(n))))
            if d == 1 { break }
            debias2.append(d)
            n += 1
        }
        self.debias2 = debias2
    }

    /// Π_{a ≤ s < t} (1 − lr_s · wd): what decoupled weight decay does to a
    /// row over steps a … t − 1.
    @inline(__always)
    func shrink(from a: Int, to t: Int) -> Double {
        if t - a < OneCycle.horizon, decayWindowsSafe {
            return product(from: a, to: t, mark[a].decayInWindow, mark[t].decayInWindow, decayWindow)
        }
        return exp(mark[t].decay - mark[a].decay)
    }

    /// Π_{a ≤ s < t} β₁,s, for t − a below ``horizon``.
    @inline(__always)
    func momentumDecay(from a: Int, to t: Int) -> Double {
        product(from: a, to: t, mark[a].momentumInWindow, mark[t].momentumInWindow, momentumWindow)
    }

    /// A product over steps a … t − 1 (less than two windows apart) from the
    /// running products within windows and the windows' totals. Every
    /// factor stays above 1e-260 (β₁ ≥ 0.85; weight decay when
    /// ``decayWindowsSafe``), so nothing underflows.
    @inline(__always)
    private func product(from a: Int, to t: Int, _ atA: Double, _ atT: Double, _ totals: [Double]) -> Double {
        let wa = a / OneCycle.window, wt = t / OneCycle.window
        if wa == wt { return atT / atA }
        var p = totals[wa] / atA * atT
        if wt - wa == 2 { p *= totals[wa + 1] }
        return p
    }

    /// β₂^gap.
    @inline(__always)
    func beta2Power(_ gap: Int, beta2: Double) -> Double {
        gap < OneCycle.horizon ? beta2Power[gap] : pow(beta2, Double(gap))
    }

    /// 1 − β₂^n as a `Float` (at least 1e-12).
    @inline(__always)
    func debias2(lifeStep n: Int) -> Float { n < debias2.count ? debias2[n] : 1 }
}
