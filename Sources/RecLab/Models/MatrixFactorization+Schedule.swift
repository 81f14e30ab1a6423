import Foundation

/// fast.ai's `fit_one_cycle` schedule over one `train` or `fit`, per
/// optimiser step, with the running products the lazy optimiser needs.
///
/// The learning rate rises on a cosine from lr/25 to lr over the first 25%
/// of the steps, then falls on a cosine to lr/1e5; Adam's β₁ (fast.ai's
/// "momentum") mirrors it, 0.95 → 0.85 → 0.95.
struct OneCycle: Sendable {
    /// What a row's catch-up needs to know about the first step it sat
    /// out (step a); the kernel copies it into the row's header when it
    /// stamps the row, so a catch-up reads it from the row's own cache line.
    struct Mark: Sendable {
        /// Σ_{s < a} log(1 − lr_s · wd) (``decayForm`` `.log`), or its
        /// exponential counted from the start of a's epoch (`.ratio`, 1 at
        /// an epoch's first step).
        var decay: Double
        /// T_{a−1}: see ``OneCycle/mark``.
        var tail: Double
        /// Π β₁,s over the steps of a's window before a.
        var momentumInWindow: Double
    }

    /// How ``Mark/decay`` is kept: `.ratio` when no epoch's weight decay
    /// comes near underflow (a catch-up then divides two marks), `.log`
    /// otherwise (a catch-up then takes the exponential of a difference).
    enum DecayForm: Sendable { case ratio, log }

    /// Learning rate at step `t` (0-based within the fit).
    let rates: [Float]
    /// β₁ at step `t`.
    let moms: [Float]
    /// `mark[t]`, for t in 0 … steps. Its `tail` is T_{t−1} = Σ_{s ≥ t} c_s
    /// √(1 − β₂^n) Π_{t ≤ q ≤ s} ρ_q, with c_s = lr_s / (1 − β₁,s^n) (Adam's
    /// step size at life step n of step s) and ρ_q = β₁,q / √β₂: divided by
    /// √(1 − β₂^n) of step t − 1, how far a dense Adam keeps moving a row
    /// (in units of its m̂ / (√v̂ + ε) after step t − 1, ε's share aside)
    /// over the steps from t on when no gradient reaches it; the second
    /// moment's debiasing changes from step to step, hence its factor.
    let mark: [Mark]
    let decayForm: DecayForm
    /// Each epoch's whole decay in `.ratio` form, counted from its start.
    let epochDecay: [Double]
    /// Steps per epoch (marks in `.ratio` form restart at each epoch).
    let stepsPerEpoch: Int
    /// Π β₁,s over each whole window.
    let momentumWindow: [Double]
    /// β₂^g and β₂^(−g/2) for gaps g below ``horizon``.
    let beta2Power: [Double], beta2RootInverse: [Double]
    /// 1 − β₂^n (Adam's second-moment debiasing at life step n, at least
    /// 1e-12) for the n below its count; 1 (as a `Float`) from there on.
    let debias2: [Float]

    /// fast.ai's warm-up share, first divisor, final divisor and momenta.
    static let pctStart = 0.25, div = 25.0, divFinal = 1e5, moms = (0.95, 0.85)
    /// Steps per window of the running products (a power of two).
    static let window = 1024
    /// Gaps from which a row's first moment has decayed to nothing in
    /// `Float`: 0.95^2048 < 2⁻¹⁵⁰, half the smallest subnormal.
    static let horizon = 2 * window

    /// The schedule of `epochs` epochs of `stepsPerEpoch` steps peaking at
    /// `lr`, with weight decay `wd`, for a fit starting at life step `firstStep`.
    ///
    /// - Complexity: O(steps).
    init(epochs: Int, stepsPerEpoch: Int, lr: Double, wd: Double, firstStep: Int, beta2: Double) {
        let steps = epochs * stepsPerEpoch
        self.stepsPerEpoch = stepsPerEpoch
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
        // T_{steps−1} = 0; T_{t−1} = ρ_t (c_t √(1 − β₂^n) + T_t).
        var tail = [Double](repeating: 0, count: steps + 1)
        let root = beta2.squareRoot()
        for t in stride(from: steps - 1, through: 0, by: -1) {
            let mom = Double(moms[t]), n = Double(firstStep + t + 1)
            let c = Double(rates[t]) / (1 - pow(mom, n)) * (1 - pow(beta2, n)).squareRoot()
            tail[t] = mom / root * (c + tail[t + 1])
        }
        // Running sums of log(1 − lr·wd), and of log β₁ within windows.
        var decayLog = [Double](repeating: 0, count: steps + 1)
        var inWindow = [Double](repeating: 1, count: steps + 1)
        var momentumWindow: [Double] = []
        var product = 1.0
        for t in 0 ..< steps {
            decayLog[t + 1] = decayLog[t] + log1p(-Double(rates[t]) * wd)
            product *= Double(moms[t])
            if (t + 1) % OneCycle.window == 0 {
                momentumWindow.append(product)
                product = 1
            }
            inWindow[t + 1] = product
        }
        momentumWindow.append(product)
        var epochDecay: [Double] = []
        for e in 0 ..< epochs {
            epochDecay.append(exp(decayLog[(e + 1) * stepsPerEpoch] - decayLog[e * stepsPerEpoch]))
        }
        // 1e-250 keeps every ratio of two marks far from underflow.
        decayForm = epochDecay.allSatisfy { $0 > 1e-250 } ? .ratio : .log
        let form = decayForm
        mark = (0 ... steps).map { t in
            let start = stepsPerEpoch > 0 ? t / stepsPerEpoch * stepsPerEpoch : 0
            let decay = form == .ratio ? exp(decayLog[t] - decayLog[start]) : decayLog[t]
            return Mark(decay: decay, tail: tail[t], momentumInWindow: inWindow[t])
        }
        self.epochDecay = epochDecay
        self.rates = rates
        self.moms = moms
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
    /// row over steps a … t − 1, from step a's mark (in the same epoch as
    /// t, or t the end of a's epoch when `epochEnd`).
    @inline(__always)
    func shrink(from a: Mark, to t: Int, epochEnd: Bool) -> Double {
        switch decayForm {
        case .ratio: return (epochEnd ? epochDecay[t / stepsPerEpoch - 1] : mark[t].decay) / a.decay
        case .log: return exp(mark[t].decay - a.decay)
        }
    }

    /// Π_{a ≤ s < t} β₁,s, for t − a below ``horizon``: from the running
    /// products within windows and the windows' totals (every factor above
    /// 0.85^2048 ≈ 1e-145, so nothing underflows).
    @inline(__always)
    func momentumDecay(from a: Int, _ atA: Mark, to t: Int) -> Double {
        let wa = a / OneCycle.window, wt = t / OneCycle.window
        let atT = mark[t].momentumInWindow
        if wa == wt { return atT / atA.momentumInWindow }
        var p = momentumWindow[wa] / atA.momentumInWindow * atT
        if wt - wa == 2 { p *= momentumWindow[wa + 1] }
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

    /// 1 / √(1 − β₂^n), what turns a ``Mark/tail`` into a drift for a row
    /// last updated at life step n.
    @inline(__always)
    func tailScale(lifeStep n: Int) -> Double { n < debias2.count ? 1 / Double(debias2[n]).squareRoot() : 1 }
}
