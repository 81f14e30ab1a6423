import Foundation

/// Draws from the continuous distributions Bayesian matrix factorisation
/// samples from, on top of ``SeededGenerator``'s bits, so a seed gives the
/// same draws everywhere.
extension SeededGenerator {
    /// A uniform number in (0, 1]: 53 random bits, never 0 (so its logarithm
    /// is finite).
    ///
    /// - Complexity: O(1).
    @inlinable
    public mutating func uniform() -> Double {
        Double((next() >> 11) + 1) * 0x1p-53
    }

    /// A standard normal draw (Box–Muller, one of the pair).
    ///
    /// - Complexity: O(1).
    @inlinable
    public mutating func normal() -> Double {
        let radius = (-2 * log(uniform())).squareRoot()
        return radius * cos(2 * Double.pi * uniform())
    }

    /// Fills `count` numbers at `out` with standard normal draws, two at a
    /// time by Marsaglia's polar method (no trigonometry).
    ///
    /// - Complexity: O(count) expected.
    @inlinable
    public mutating func fillNormals(_ out: UnsafeMutablePointer<Double>, count: Int) {
        var t = 0
        while t < count {
            var u = 0.0, v = 0.0, s = 0.0
            repeat {
                u = 2 * Double(next() >> 11) * 0x1p-53 - 1
                v = 2 * Double(next() >> 11) * 0x1p-53 - 1
                s = u * u + v * v
            } while s >= 1 || s == 0
            let factor = (-2 * log(s) / s).squareRoot()
            out[t] = u * factor
            if t + 1 < count { out[t + 1] = v * factor }
            t += 2
        }
    }

    /// A draw from the gamma distribution with `shape` > 0 and `rate` > 0
    /// (mean shape / rate), by Marsaglia and Tsang's method; shapes below 1
    /// through Gamma(shape + 1) × U^(1/shape).
    ///
    /// - Complexity: O(1) expected (rejections are rare).
    public mutating func gamma(shape: Double, rate: Double) -> Double {
        guard shape > 0, rate > 0, shape.isFinite, rate.isFinite else { return .nan }
        if shape < 1 {
            return gamma(shape: shape + 1, rate: rate) * pow(uniform(), 1 / shape)
        }
        let d = shape - 1.0 / 3, c = 1 / (9 * d).squareRoot()
        while true {
            let x = normal()
            let v = 1 + c * x
            guard v > 0 else { continue }
            let cube = v * v * v
            if log(uniform()) < 0.5 * x * x + d - d * cube + d * log(cube) { return d * cube / rate }
        }
    }
}
