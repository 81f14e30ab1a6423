/// The numbers a value column can hold, as the group kernels and the line
/// chart see them.
protocol StatValue: Comparable, Sendable {
    /// The value as a `Double` for sums.
    var asDouble: Double { get }
    /// A start for a running minimum (above every value).
    static var minimumStart: Self { get }
    /// A start for a running maximum (below every value).
    static var maximumStart: Self { get }
}

extension Int32: StatValue {
    @inline(__always) var asDouble: Double { Double(self) }
    static var minimumStart: Int32 { .max }
    static var maximumStart: Int32 { .min }
}

extension Int64: StatValue {
    @inline(__always) var asDouble: Double { Double(self) }
    static var minimumStart: Int64 { .max }
    static var maximumStart: Int64 { .min }
}

extension Double: StatValue {
    @inline(__always) var asDouble: Double { self }
    static var minimumStart: Double { .infinity }
    static var maximumStart: Double { -.infinity }
}

/// One group's running statistics, kept together so that a row touches
/// one cache line.
///
/// Sums are of `x - shift`, where `shift` is the group's first value: the
/// "shifted data" method, which keeps the variance accurate far from zero
/// in a single pass (and exact for values like half-star ratings).
struct StatsCell<V: StatValue>: Sendable {
    var count = 0
    var shift = 0.0
    var sum = 0.0
    var squares = 0.0
    var minimum = V.minimumStart
    var maximum = V.maximumStart
    /// Whether some row has this key (even if its value is missing).
    var seen = false

    /// Adds one value.
    @inline(__always)
    mutating func add(_ value: V) {
        let x = value.asDouble
        if count == 0 { shift = x }
        let d = x - shift
        count += 1
        sum += d
        squares += d * d
        if value < minimum { minimum = value }
        if value > maximum { maximum = value }
    }

    /// Adds another worker's cell, re-expressing its sums about this
    /// cell's shift.
    mutating func merge(_ other: StatsCell) {
        seen = seen || other.seen
        guard other.count > 0 else { return }
        guard count > 0 else { self = other; seen = true; return }
        let delta = other.shift - shift
        let n = Double(other.count)
        squares += other.squares + 2 * delta * other.sum + n * delta * delta
        sum += other.sum + n * delta
        count += other.count
        minimum = Swift.min(minimum, other.minimum)
        maximum = Swift.max(maximum, other.maximum)
    }

    /// The mean, when there is a value.
    var mean: Double? { count > 0 ? shift + sum / Double(count) : nil }

    /// The sample standard deviation (divided by count − 1), when there are
    /// two values or more.
    var standardDeviation: Double? {
        guard count > 1 else { return nil }
        let n = Double(count)
        let variance = (squares - sum * sum / n) / (n - 1)
        return variance > 0 ? variance.squareRoot() : 0
    }
}

/// The row loop of `stats`: rows map to a group slot by `key - offset`
/// (the key being a raw integer or a group number); rows whose slot falls
/// outside `0..<slots`, or whose key is missing, belong to no group.
struct GroupKernel<K: FixedWidthInteger & Sendable, V: StatValue>: Sendable {
    let keys: [K]
    let offset: Int
    let keyValidity: Validity?
    let values: [V]
    let valueValidity: Validity?
    let slots: Int

    /// The statistics of every slot, on all cores (one set of cells per
    /// worker, merged).
    ///
    /// - Complexity: O(rows + slots × workers).
    func run(cancel: Cancellation) throws(RecLabError) -> [StatsCell<V>] {
        let partials = try Parallel.mapRanges(count: keys.count, minimumChunk: 1 << 20) { (range) throws(RecLabError) in
            var cells = [StatsCell<V>](repeating: StatsCell(), count: slots)
            try cells.withUnsafeMutableBufferPointer { (buffer) throws(RecLabError) in
                guard let base = buffer.baseAddress else { return }
                try accumulate(range, into: base, cancel: cancel)
            }
            return cells
        }
        guard var merged = partials.first else { return [StatsCell<V>](repeating: StatsCell(), count: slots) }
        for partial in partials.dropFirst() {
            for s in 0..<slots where partial[s].count > 0 || partial[s].seen { merged[s].merge(partial[s]) }
        }
        return merged
    }

    /// Adds the rows of `range` to `cells`, polling `cancel` between chunks.
    private func accumulate(_ range: Range<Int>, into cells: UnsafeMutablePointer<StatsCell<V>>,
                            cancel: Cancellation) throws(RecLabError) {
        let slotCount = UInt(slots)
        let offset = self.offset
        try keys.withUnsafeBufferPointer { (k) throws(RecLabError) in
            try values.withUnsafeBufferPointer { (v) throws(RecLabError) in
                var start = range.lowerBound
                while start < range.upperBound {
                    try cancel.check()
                    let end = min(range.upperBound, start + (1 << 20))
                    if keyValidity == nil && valueValidity == nil {
                        for i in start..<end {
                            let slot = Int(truncatingIfNeeded: k[i]) &- offset
                            if UInt(bitPattern: slot) < slotCount { cells[slot].add(v[i]) }
                        }
                    } else {
                        for i in start..<end {
                            if let keyValidity, !keyValidity.isValid(i) { continue }
                            let slot = Int(truncatingIfNeeded: k[i]) &- offset
                            guard UInt(bitPattern: slot) < slotCount else { continue }
                            if let valueValidity, !valueValidity.isValid(i) {
                                cells[slot].seen = true
                            } else {
                                cells[slot].add(v[i])
                            }
                        }
                    }
                    start = end
                }
            }
        }
    }
}
