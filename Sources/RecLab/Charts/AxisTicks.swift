import Foundation

/// Round tick values for a chart axis: steps of 1, 2 or 5 times a power of
/// ten, labelled with as many decimals as the step needs.
public struct AxisTicks: Sendable, Equatable {
    /// The tick values inside the range, ascending.
    public let values: [Double]
    /// The distance between ticks.
    public let step: Double
    /// Digits after the point the labels need.
    public let decimals: Int

    /// About `target` ticks (at least 2 wanted) within `lower...upper`;
    /// none when the range is not finite or empty.
    public init(lower: Double, upper: Double, target: Int) {
        let span = upper - lower
        guard lower.isFinite, upper.isFinite, span.isFinite, span > 0 else {
            values = []
            step = 0
            decimals = 0
            return
        }
        let rough = span / Double(max(2, target))
        var exponent = log10(rough).rounded(.down)
        let residual = rough / pow(10, exponent)
        var nice: Double = residual < 1.5 ? 1 : residual < 3 ? 2 : residual < 7 ? 5 : 10
        if nice == 10 { (nice, exponent) = (1, exponent + 1) }
        step = nice * pow(10, exponent)
        decimals = Int(max(0, min(12, -exponent)))
        var ticks: [Double] = []
        var k = (lower / step - 1e-9).rounded(.up)
        // Bounded: the range holds about `target` steps, and where k + 1 == k
        // (values near 1e16 with a tiny span) the loop must still end.
        for _ in 0 ..< max(2, target) * 3 + 2 {
            let v = k * step
            guard v <= upper + step * 1e-9 else { break }
            k += 1
            guard v >= lower - step * 1e-9 else { continue }
            ticks.append(v == 0 ? 0 : v)  // no "-0"
        }
        values = ticks
    }

    /// `value` with the decimals the step needs (`0.5` → 1, `20` → 0);
    /// steps below 10⁻⁶ in scientific notation (`2.5e-08`), which would
    /// otherwise need more decimals than a label has room for.
    public func label(_ value: Double) -> String {
        let shown = abs(value) < step * 1e-9 ? 0 : value
        if step < 1e-6 { return shown == 0 ? "0" : String(format: "%.3g", shown) }
        return shown.formatted(fractionDigits: decimals)
    }
}
