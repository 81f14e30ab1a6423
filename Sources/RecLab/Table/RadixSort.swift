/// Stable least-significant-digit radix sort of row numbers by unsigned
/// codes: the engine of `sort`.
enum RadixSort {
    /// The rows `0..<n` ordered by `keys` compared lexicographically (the
    /// first array is the most significant); equal rows keep ascending
    /// order, since every pass is a stable counting sort.
    ///
    /// Bytes that are the same in every row (the high bytes of small
    /// numbers, say) cost one histogram pass and no move.
    ///
    /// - Complexity: O(n × (bytes that vary)), O(n) extra memory.
    static func order(_ keys: [[UInt64]], count n: Int, cancel: Cancellation) throws(RecLabError) -> [Int] {
        guard n < Int(Int32.max) else { throw RecLabError("cannot sort more than \(Int32.max) rows") }
        var rows = [Int32](unsafeUninitializedCapacity: n) { buffer, initialized in
            for i in 0..<n { buffer[i] = Int32(truncatingIfNeeded: i) }
            initialized = n
        }
        var spareRows = rows
        for key in keys.reversed() {
            try cancel.check()
            var current = rows.map { key[Int($0)] }
            var spare = current
            var histograms = [Int](repeating: 0, count: 8 * 256)
            histograms.withUnsafeMutableBufferPointer { counts in
                current.withUnsafeBufferPointer { codes in
                    for code in codes {
                        for byte in 0..<8 { counts[byte &* 256 &+ Int((code >> UInt64(byte &* 8)) & 0xFF)] &+= 1 }
                    }
                }
            }
            for byte in 0..<8 {
                let base = byte * 256
                if histograms[base..<base + 256].contains(n) { continue }
                try cancel.check()
                var offsets = [Int](repeating: 0, count: 256)
                var running = 0
                for b in 0..<256 { offsets[b] = running; running += histograms[base + b] }
                let shift = UInt64(byte * 8)
                current.withUnsafeBufferPointer { from in
                    spare.withUnsafeMutableBufferPointer { to in
                        rows.withUnsafeBufferPointer { fromRows in
                            spareRows.withUnsafeMutableBufferPointer { toRows in
                                offsets.withUnsafeMutableBufferPointer { slot in
                                    for i in 0..<n {
                                        let code = from[i]
                                        let b = Int((code >> shift) & 0xFF)
                                        let target = slot[b]
                                        slot[b] = target &+ 1
                                        to[target] = code
                                        toRows[target] = fromRows[i]
                                    }
                                }
                            }
                        }
                    }
                }
                swap(&current, &spare)
                swap(&rows, &spareRows)
            }
        }
        return rows.map { Int($0) }
    }
}
