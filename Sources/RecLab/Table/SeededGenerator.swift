/// A small, fast random number generator that gives the same sequence for
/// the same seed on every platform and Swift version (SplitMix64), so that
/// `sample … seed 42` and `split … seed 42` are reproducible.
///
/// Use ``next(below:)`` rather than the standard library's
/// `Int.random(in:using:)`, whose way of drawing may change between
/// releases.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator started from `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    ///
    /// - Complexity: O(1).
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound` (0 when `bound` ≤ 0), by Lemire's
    /// multiply-and-reject method.
    ///
    /// - Complexity: O(1) expected.
    public mutating func next(below bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold { product = next().multipliedFullWidth(by: range) }
        }
        return Int(product.high)
    }
}
