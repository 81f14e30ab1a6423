/// An open-addressing set of 64-bit codes for a few thousand values: far
/// cheaper per insert than `Set<UInt64>` when most inserts find the value.
struct SmallSet: Sendable {
    /// Marks an empty slot; the value itself is kept aside in ``holdsEmpty``.
    private static let empty = UInt64.max
    private var slots = [UInt64](repeating: SmallSet.empty, count: 64)
    private var holdsEmpty = false
    /// The values held.
    private(set) var count = 0

    /// Adds `value` unless it is held. Slots are found by Fibonacci hashing
    /// (the top 24 bits of the product, so the table may grow to 2²⁴ slots,
    /// far more than ``DistinctCount/smallSetLimit`` needs) and probed in turn.
    @inline(__always)
    mutating func insert(_ value: UInt64) {
        if value == SmallSet.empty {
            if !holdsEmpty { holdsEmpty = true; count += 1 }
            return
        }
        let added = slots.withUnsafeMutableBufferPointer { slots in
            let mask = slots.count &- 1
            var i = Int(truncatingIfNeeded: (value &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
            while true {
                let held = slots[i]
                if held == value { return false }
                if held == SmallSet.empty { slots[i] = value; return true }
                i = (i &+ 1) & mask
            }
        }
        guard added else { return }
        count += 1
        if count * 2 > slots.count { grow() }
    }

    /// Inserts every value of `values`.
    mutating func insert(contentsOf values: ArraySlice<UInt64>) {
        var k = values.startIndex
        while k < values.endIndex {
            // The table is fixed until it is half full; till then the
            // inserts run in one loop with the table in registers.
            var sawEmpty = false
            let limit = slots.count / 2 - count
            let added = slots.withUnsafeMutableBufferPointer { slots -> Int in
                let mask = slots.count &- 1
                var added = 0
                while k < values.endIndex, added < limit {
                    let value = values[k]
                    k &+= 1
                    if value == SmallSet.empty { sawEmpty = true; continue }
                    var i = Int(truncatingIfNeeded: (value &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
                    while true {
                        let held = slots[i]
                        if held == value { break }
                        if held == SmallSet.empty { slots[i] = value; added &+= 1; break }
                        i = (i &+ 1) & mask
                    }
                }
                return added
            }
            count += added
            if sawEmpty { insert(SmallSet.empty) }
            if count * 2 >= slots.count { grow() }
        }
    }

    /// The values held, in no order.
    var elements: [UInt64] { slots.filter { $0 != SmallSet.empty } + (holdsEmpty ? [SmallSet.empty] : []) }

    private mutating func grow() {
        let old = elements
        slots = [UInt64](repeating: SmallSet.empty, count: slots.count * 2)
        holdsEmpty = false
        count = 0
        for v in old { insert(v) }
    }
}
