import Foundation

/// Counts of a numeric column's values in consecutive bins of equal width.
///
/// Missing cells and values that are not finite numbers are counted in
/// ``skipped`` rather than in a bin.
public struct Histogram: Sendable, Equatable {
    /// How the bins are chosen.
    public enum Binning: Sendable, Equatable {
        /// Chosen from the values: one bin per value for small integer
        /// ranges, half-star bins for ratings in steps of 0.5, else about
        /// Sturges' count of bins of a round width.
        case automatic
        /// About this many bins of a round width over the values' range.
        case count(Int)
    }

    /// The bins' edges, ascending: bin `k` holds `edges[k] ..< edges[k + 1]`
    /// (the last bin also holds its upper edge).
    public var edges: [Double]
    /// The number of values in each bin.
    public var counts: [Int]
    /// Missing or not-finite cells left out.
    public var skipped: Int
    /// Whether each bin holds one value (integers, half stars), so it is
    /// labelled by that value rather than by its range.
    public var isDiscrete: Bool

    /// The values counted.
    public var total: Int { counts.reduce(0, +) }

    /// A histogram of explicit bins.
    public init(edges: [Double], counts: [Int], skipped: Int = 0, isDiscrete: Bool = false) {
        self.edges = edges
        self.counts = counts
        self.skipped = skipped
        self.isDiscrete = isDiscrete
    }

    /// The histogram of `column`'s values, in bins chosen by `binning`
    /// (or on the given `edges`, e.g. to compare two columns on the same bins).
    ///
    /// - Throws: ``RecLabError`` when the column is text, or on cancellation.
    /// - Complexity: O(n) in two passes (range, then counts), each split over the cores.
    public init(column: Column, binning: Binning = .automatic, edges given: [Double]? = nil,
                cancel: Cancellation = .never) throws(RecLabError) {
        guard column.type != .text else { throw RecLabError("'\(column.name)' is not numeric") }
        let summary = try ValueSummary(column, cancel: cancel)
        var isDiscrete = false
        let edges: [Double]
        if let given, given.count >= 2 {
            edges = given
        } else {
            (edges, isDiscrete) = Histogram.edges(for: summary, binning: binning)
        }
        let parts = try Histogram.count(column, edges: edges, cancel: cancel)
        var counts = Array(repeating: 0, count: edges.count - 1)
        for part in parts { for k in counts.indices { counts[k] += part[k] } }
        self.init(edges: edges, counts: counts, skipped: column.count - summary.valid, isDiscrete: isDiscrete)
    }

    /// The edges `binning` chooses for all of `columns`' values together,
    /// so their histograms can be drawn over each other.
    ///
    /// - Complexity: O(total rows).
    public static func sharedEdges(_ columns: [Column], binning: Binning = .automatic,
                                   cancel: Cancellation = .never) throws(RecLabError) -> (edges: [Double], isDiscrete: Bool) {
        var all = ValueSummary()
        var anyValid = false
        for c in columns {
            guard c.type != .text else { throw RecLabError("'\(c.name)' is not numeric") }
            let s = try ValueSummary(c, cancel: cancel)
            if s.valid > 0 { all.merge(s); anyValid = true }
        }
        if !anyValid { (all.allIntegers, all.allHalves) = (false, false) }
        let e = edges(for: all, binning: binning)
        return (e.0, e.1)
    }

    /// Edges for values summarised by `s`: discrete bins where the values
    /// are few (integers, half stars), else round equal widths.
    static func edges(for s: ValueSummary, binning: Binning) -> ([Double], Bool) {
        guard s.valid > 0 else { return ([0, 1], false) }
        let (low, high) = (s.minimum, s.maximum)
        if case .automatic = binning {
            if s.allIntegers, high - low <= 60 {
                return (stride(from: low - 0.5, through: high + 0.5, by: 1).map { $0 }, true)
            }
            // A half-star bar each only while there are few: a "rating"
            // column holding 1e6 would otherwise ask for millions of bars.
            if s.allHalves, high - low <= 30 {
                let from = min(low, 0.5), to = max(high, 5)
                return (stride(from: from - 0.25, through: to + 0.25, by: 0.5).map { $0 }, true)
            }
        }
        var wanted: Int
        switch binning {
        case .count(let n): wanted = max(1, n)
        case .automatic: wanted = min(40, max(5, Int(log2(Double(s.valid)).rounded(.up)) + 1))
        }
        guard high > low else { return ([low - 0.5, high + 0.5], s.allIntegers) }
        var step = Histogram.roundStep((high - low) / Double(wanted))
        if s.allIntegers { step = max(1, step.rounded(.up)) }
        let start = (low / step).rounded(.down) * step
        var edges = [start]
        // Bounded: about `wanted` steps cover the range; the cap guards rounding.
        while let last = edges.last, last <= high, edges.count <= wanted * 3 + 2 { edges.append(start + Double(edges.count) * step) }
        if edges.count < 2 { edges.append(start + step) }
        return (edges, false)
    }

    /// The step of 1, 2 or 5 times a power of ten nearest to `rough`.
    static func roundStep(_ rough: Double) -> Double {
        guard rough.isFinite, rough > 0 else { return 1 }
        let exponent = log10(rough).rounded(.down)
        let residual = rough / pow(10, exponent)
        let nice: Double = residual < 1.5 ? 1 : residual < 3.5 ? 2 : residual < 7.5 ? 5 : 10
        return nice * pow(10, exponent)
    }

    /// The bin of `value`, or nil outside the edges.
    @inline(__always)
    static func bin(_ value: Double, low: Double, width: Double, bins: Int) -> Int? {
        let q = (value - low) / width
        // A zero or overflowing width (values near ±1e308) gives no finite
        // quotient: such values are left out rather than trapping in Int().
        guard value.isFinite, q.isFinite, q >= 0 else { return nil }
        if q < Double(bins) { return Int(q) }
        return value <= low + width * Double(bins) ? bins - 1 : nil
    }

    /// Per-core counts of `column`'s valid values on equal-width `edges`.
    private static func count(_ column: Column, edges: [Double], cancel: Cancellation) throws(RecLabError) -> [[Int]] {
        let bins = edges.count - 1
        let low = edges[0], width = (edges[bins] - low) / Double(bins)
        let validity = column.validity
        return try Parallel.map(Parallel.ranges(count: column.count)) { range throws(RecLabError) in
            var counts = Array(repeating: 0, count: bins)
            func tally<T>(_ values: [T], _ number: (T) -> Double) throws(RecLabError) {
                var i = range.lowerBound
                while i < range.upperBound {
                    try cancel.check()
                    let end = min(range.upperBound, i + 1 << 20)
                    for j in i ..< end where validity?.isValid(j) ?? true {
                        if let k = bin(number(values[j]), low: low, width: width, bins: bins) { counts[k] += 1 }
                    }
                    i = end
                }
            }
            switch column.storage {
            case .int32(let v): try tally(v) { Double($0) }
            case .int64(let v): try tally(v) { Double($0) }
            case .decimal(let v): try tally(v) { $0 }
            case .text: break
            }
            return counts
        }
    }
}
