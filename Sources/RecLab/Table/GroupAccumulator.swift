/// The numbers a value column can hold, as the group kernels see them.
protocol StatValue: Comparable, Sendable {
    /// The value as a `Double` for sums.
    var asDouble: Double { get }
    /// A start for a running minimum (above every value).
    static var minimumStart: Self { get }
    /// A start for a running maximum (below every value).
    static var maximumStart: Self { get }
}

extension Int32: StatValue {
    var asDouble: Double { Double(self) }
    static var minimumStart: Int32 { .max }
    static var maximumStart: Int32 { .min }
}

extension Int64: StatValue {
    var asDouble: Double { Double(self) }
    static var minimumStart: Int64 { .max }
    static var maximumStart: Int64 { .min }
}

extension Double: StatValue {
    var asDouble: Double { self }
    static var minimumStart: Double { .infinity }
    static var maximumStart: Double { -.infinity }
}

/// One group's running count, sum, minimum and maximum, kept together so
/// that a row touches one cache line.
struct StatsCell<V: StatValue>: Sendable {
    var count = 0
    var sum = 0.0
    var minimum = V.minimumStart
    var maximum = V.maximumStart
    /// Whether some row has this key (even if its value is missing).
    var seen = false
}

/// One group's mean and its sums of deviations for the second pass.
struct DeviationCell: Sendable {
    var mean = 0.0
    var squares = 0.0
    var deviations = 0.0
}

/// The row loops of `stats`: rows map to a group slot by `key - offset`
/// (the key being a raw integer or a group number); rows whose slot falls
/// outside `0..<slots`, or whose key is missing, belong to no group.
struct GroupKernel<K: FixedWidthInteger & Sendable, V: StatValue>: Sendable {
    let keys: [K]
    let offset: Int
    let keyValidity: Validity?
    let values: [V]
    let valueValidity: Validity?
    let slots: Int

    /// Count, sum, minimum and maximum per slot, on all cores (one set of
    /// cells per worker, merged).
    ///
    /// - Complexity: O(rows + slots × workers).
    func firstPass(cancel: Cancellation) throws(RecLabError) -> [StatsCell<V>] {
        let partials = try Parallel.mapRanges(count: keys.count, minimumChunk: 1 << 20) { (range) throws(RecLabError) in
            var cells = [StatsCell<V>](repeating: StatsCell(), count: slots)
            try forEachRow(in: range, cancel: cancel) { slot, value in
                cells[slot].count += 1
                cells[slot].sum += value.asDouble
                if value < cells[slot].minimum { cells[slot].minimum = value }
                if value > cells[slot].maximum { cells[slot].maximum = value }
            } missingValue: { slot in
                cells[slot].seen = true
            }
            return cells
        }
        guard var merged = partials.first else { return [StatsCell<V>](repeating: StatsCell(), count: slots) }
        for partial in partials.dropFirst() {
            for s in 0..<slots where partial[s].count > 0 || partial[s].seen {
                merged[s].count += partial[s].count
                merged[s].sum += partial[s].sum
                merged[s].minimum = min(merged[s].minimum, partial[s].minimum)
                merged[s].maximum = max(merged[s].maximum, partial[s].maximum)
                merged[s].seen = merged[s].seen || partial[s].seen
            }
        }
        return merged
    }

    /// Sums of `(x - mean)²` and of `(x - mean)` per slot (the corrected
    /// two-pass variance, exact where the naive formula cancels).
    ///
    /// - Complexity: O(rows + slots × workers).
    func secondPass(means: [Double], cancel: Cancellation) throws(RecLabError) -> [DeviationCell] {
        let start = means.map { DeviationCell(mean: $0) }
        let partials = try Parallel.mapRanges(count: keys.count, minimumChunk: 1 << 20) { (range) throws(RecLabError) in
            var cells = start
            try forEachRow(in: range, cancel: cancel) { slot, value in
                let deviation = value.asDouble - cells[slot].mean
                cells[slot].squares += deviation * deviation
                cells[slot].deviations += deviation
            } missingValue: { _ in }
            return cells
        }
        guard var merged = partials.first else { return start }
        for partial in partials.dropFirst() {
            for s in 0..<slots {
                merged[s].squares += partial[s].squares
                merged[s].deviations += partial[s].deviations
            }
        }
        return merged
    }

    /// Calls `present` for each row of `range` with a key and a value, and
    /// `missingValue` for rows with a key but no value.
    @inline(__always)
    private func forEachRow(
        in range: Range<Int>, cancel: Cancellation,
        _ present: (Int, V) -> Void, missingValue: (Int) -> Void
    ) throws(RecLabError) {
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
                            if UInt(bitPattern: slot) < slotCount { present(slot, v[i]) }
                        }
                    } else {
                        for i in start..<end {
                            if let keyValidity, !keyValidity.isValid(i) { continue }
                            let slot = Int(truncatingIfNeeded: k[i]) &- offset
                            guard UInt(bitPattern: slot) < slotCount else { continue }
                            if let valueValidity, !valueValidity.isValid(i) {
                                missingValue(slot)
                            } else {
                                present(slot, v[i])
                            }
                        }
                    }
                    start = end
                }
            }
        }
    }
}
