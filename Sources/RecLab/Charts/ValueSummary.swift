/// One pass over a numeric column: its range, how many values count, and
/// whether they are all integers or all multiples of one half (which decide
/// a histogram's default bins).
struct ValueSummary: Sendable {
    var minimum = Double.infinity
    var maximum = -Double.infinity
    var valid = 0
    var allIntegers = true
    var allHalves = true

    /// The summary of `column`'s finite, present values.
    ///
    /// - Complexity: O(n), split over the cores.
    init(_ column: Column, cancel: Cancellation) throws(RecLabError) {
        let validity = column.validity
        let parts = try Parallel.map(Parallel.ranges(count: column.count)) { range throws(RecLabError) in
            var s = ValueSummary()
            func scan<T>(_ values: [T], _ number: (T) -> Double) throws(RecLabError) {
                var i = range.lowerBound
                while i < range.upperBound {
                    try cancel.check()
                    let end = min(range.upperBound, i + 1 << 20)
                    for j in i ..< end where validity?.isValid(j) ?? true {
                        let v = number(values[j])
                        guard v.isFinite else { continue }
                        s.minimum = Swift.min(s.minimum, v)
                        s.maximum = Swift.max(s.maximum, v)
                        s.valid += 1
                        if s.allHalves, !ValueSummary.isWhole(v * 2) { s.allHalves = false }
                        if s.allIntegers, !ValueSummary.isWhole(v) { s.allIntegers = false }
                    }
                    i = end
                }
            }
            switch column.storage {
            case .int32(let v): try scan(v) { Double($0) }
            case .int64(let v): try scan(v) { Double($0) }
            case .decimal(let v): try scan(v) { $0 }
            case .text: break
            }
            return s
        }
        for p in parts { merge(p) }
        if valid == 0 { (allIntegers, allHalves) = (false, false) }
    }

    /// Whether finite `x` is a whole number. `rounded()` is a call into
    /// libm on baseline x86-64 (the larger part of this pass over 33.8M
    /// ratings); the conversion to an integer is one instruction.
    @inline(__always)
    static func isWhole(_ x: Double) -> Bool {
        abs(x) >= 0x1p52 || Double(Int64(x)) == x
    }

    /// Adds what `p` summarised.
    mutating func merge(_ p: ValueSummary) {
        do {
            minimum = Swift.min(minimum, p.minimum)
            maximum = Swift.max(maximum, p.maximum)
            valid += p.valid
            allIntegers = allIntegers && p.allIntegers
            allHalves = allHalves && p.allHalves
        }
    }

    init() {}
}
