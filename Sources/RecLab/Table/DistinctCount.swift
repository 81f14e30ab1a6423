/// Counting the distinct values of a big numeric column quickly and in
/// bounded memory: `describe`'s `unique`.
///
/// A hash set of every value cost 19 s and gigabytes for the 33.8M
/// timestamps of a full MovieLens; instead, in order of preference:
/// for integers, a bitmap over the values' range when it is at most 32
/// bits per row (ids; timestamps: 113 MB for 33.8M rows over 29 years of
/// seconds); a small hash set per core while the values are few (ratings);
/// else a radix sort of a copy, counting runs.
enum DistinctCount {
    /// A numeric column's values.
    enum Values: Sendable {
        case int32([Int32]), int64([Int64]), decimal([Double])

        var count: Int {
            switch self {
            case .int32(let v): v.count
            case .int64(let v): v.count
            case .decimal(let v): v.count
            }
        }

        /// Calls `body` with each valid row's exact code among `rows`: the
        /// integer's bits, or the decimal's ``Column/orderedBits(_:)`` (so
        /// -0 and 0 are one value). Specialised per storage, so the call
        /// inlines.
        @inline(__always)
        func forEachCode(in rows: Range<Int>, validity: Validity?, _ body: (UInt64) -> Void) {
            @inline(__always) func visit<T>(_ values: [T], _ code: (T) -> UInt64) {
                values.withUnsafeBufferPointer { v in
                    if let validity {
                        for row in rows where validity.isValid(row) { body(code(v[row])) }
                    } else {
                        for row in rows { body(code(v[row])) }
                    }
                }
            }
            switch self {
            case .int32(let v): visit(v) { UInt64(bitPattern: Int64($0)) }
            case .int64(let v): visit(v) { UInt64(bitPattern: $0) }
            case .decimal(let v): visit(v) { Column.orderedBits($0) }
            }
        }
    }

    /// The most distinct values the per-core hash sets hold before giving up.
    static let smallSetLimit = 1 << 16
    /// Rows between two looks at the cancellation flag.
    private static let stride = 1 << 20

    /// The number of distinct values among the rows `validity` marks valid
    /// (all rows without one); `range` is the smallest and largest value,
    /// when known (integers), enabling the bitmap.
    ///
    /// - Complexity: O(n) for few values or a dense enough range, split over
    ///   the cores; else O(n × bytes that vary) with 16 bytes per row extra.
    static func count(_ values: Values, validity: Validity?, range: (low: Int64, high: Int64)?,
                      cancel: Cancellation) throws(RecLabError) -> Int {
        if let range, let span = bitmapSpan(low: range.low, high: range.high, rows: values.count) {
            return try bitmapCount(values, validity: validity, low: range.low, span: span, cancel: cancel)
        }
        if let few = try fewValues(values, validity: validity, cancel: cancel) { return few }
        return try sortedCount(values, validity: validity, cancel: cancel)
    }

    /// The distinct count when it is at most ``smallSetLimit``; `nil` as
    /// soon as one core sees more.
    private static func fewValues(_ values: Values, validity: Validity?, cancel: Cancellation) throws(RecLabError) -> Int? {
        let parts: [SmallSet?] = try Parallel.map(Parallel.ranges(count: values.count)) { range throws(RecLabError) in
            var set = SmallSet()
            // Codes go through a block, so the set's inserts run in one
            // tight loop with its table in registers.
            var block = [UInt64](repeating: 0, count: 4096)
            var i = range.lowerBound
            while i < range.upperBound {
                try cancel.check()
                let end = min(range.upperBound, i + block.count)
                var filled = 0
                block.withUnsafeMutableBufferPointer { block in
                    values.forEachCode(in: i ..< end, validity: validity) { block[filled] = $0; filled &+= 1 }
                }
                set.insert(contentsOf: block[0 ..< filled])
                if set.count > smallSetLimit { return nil }
                i = end
            }
            return set
        }
        var union = SmallSet()
        for part in parts {
            guard let part else { return nil }
            for k in part.elements { union.insert(k) }
        }
        return union.count
    }

    /// The number of bits of a bitmap over `low…high`, when it is at most
    /// 32 per row (the size of an integer column itself) and below 2³⁴.
    static func bitmapSpan(low: Int64, high: Int64, rows: Int) -> Int? {
        let (difference, overflow) = high.subtractingReportingOverflow(low)
        guard !overflow, difference >= 0, difference < 1 << 34 else { return nil }
        let span = Int(difference) + 1
        return span <= max(1 << 20, 32 * rows) ? span : nil
    }

    /// Sets a bit per value; each core owns a slice of the range (so no
    /// two write the same word) and reads every row.
    private static func bitmapCount(_ values: Values, validity: Validity?, low: Int64, span: Int,
                                    cancel: Cancellation) throws(RecLabError) -> Int {
        let n = values.count
        let words = (span + 63) / 64
        let slices = Parallel.ranges(count: words, minimumChunk: 1 << 14)
        let counts: [Int] = try Parallel.map(slices) { slice throws(RecLabError) in
            var bits = [UInt64](repeating: 0, count: slice.count)
            let first = UInt64(bitPattern: low) &+ UInt64(slice.lowerBound) * 64
            let width = UInt64(slice.count) * 64
            try bits.withUnsafeMutableBufferPointer { (bits) throws(RecLabError) in
                var i = 0
                while i < n {
                    try cancel.check()
                    let end = min(n, i + stride)
                    values.forEachCode(in: i ..< end, validity: validity) { code in
                        let offset = code &- first
                        if offset < width { bits[Int(offset >> 6)] |= 1 << (offset & 63) }
                    }
                    i = end
                }
            }
            return bits.reduce(0) { $0 + $1.nonzeroBitCount }
        }
        return counts.reduce(0, +)
    }

    /// Sorts a copy of the valid codes (least significant byte first,
    /// skipping bytes every code shares) and counts the runs.
    private static func sortedCount(_ values: Values, validity: Validity?, cancel: Cancellation) throws(RecLabError) -> Int {
        var keys: [UInt64] = []
        keys.reserveCapacity(values.count)
        values.forEachCode(in: 0 ..< values.count, validity: validity) { keys.append($0) }
        guard !keys.isEmpty else { return 0 }
        try cancel.check()
        var spare = [UInt64](repeating: 0, count: keys.count)
        var histograms = [Int](repeating: 0, count: 8 * 256)
        for k in keys { for byte in 0 ..< 8 { histograms[byte &* 256 &+ Int((k >> UInt64(byte &* 8)) & 0xFF)] &+= 1 } }
        for byte in 0 ..< 8 where !histograms[byte * 256 ..< byte * 256 + 256].contains(keys.count) {
            try cancel.check()
            var slot = [Int](repeating: 0, count: 256)
            var running = 0
            for b in 0 ..< 256 { slot[b] = running; running += histograms[byte * 256 + b] }
            let shift = UInt64(byte * 8)
            keys.withUnsafeBufferPointer { from in
                spare.withUnsafeMutableBufferPointer { to in
                    for k in from {
                        let b = Int((k >> shift) & 0xFF)
                        to[slot[b]] = k
                        slot[b] &+= 1
                    }
                }
            }
            swap(&keys, &spare)
        }
        var distinct = 1
        for i in 1 ..< keys.count where keys[i] != keys[i - 1] { distinct += 1 }
        return distinct
    }
}
