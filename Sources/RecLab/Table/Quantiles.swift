/// Quantiles of a column's values as pandas' `describe` gives them
/// (numpy's default "linear" method): the value at position `(n − 1)·q` of
/// the sorted values, interpolated between its two neighbours.
enum Quantiles {
    /// The values at fractions `qs` (each in 0…1) of `values`, which are
    /// reordered; `nil` when `values` is empty.
    ///
    /// - Complexity: O(n · k) for k distinct order statistics needed, by
    ///   selection rather than sorting: a sort of 33.8M ratings took
    ///   seconds per column.
    static func of(_ values: inout [Double], at qs: [Double], cancel: Cancellation) throws(RecLabError) -> [Double]? {
        let n = values.count
        guard n > 0 else { return nil }
        let positions = qs.map { Double(n - 1) * min(max($0, 0), 1) }
        let ranks = Set(positions.flatMap { [Int($0.rounded(.down)), Int($0.rounded(.up))] }).sorted()
        var found: [Int: Double] = [:]
        var low = 0
        for rank in ranks {
            try cancel.check()
            select(&values, rank, from: low)
            found[rank] = values[rank]
            // Everything left of `rank` is at most it: the next, larger
            // rank is found among the rest.
            low = rank
        }
        return positions.map { position in
            let below = found[Int(position.rounded(.down))] ?? 0, above = found[Int(position.rounded(.up))] ?? 0
            let fraction = position - position.rounded(.down)
            return fraction == 0 ? below : below + (above - below) * fraction
        }
    }

    /// Moves the `k`-th smallest of `values[low...]` to index `k`, with
    /// nothing larger before it and nothing smaller after it (Hoare's
    /// selection, middle-of-three pivots).
    static func select(_ values: inout [Double], _ k: Int, from low: Int) {
        var lo = low, hi = values.count - 1
        values.withUnsafeMutableBufferPointer { v in
            while lo < hi {
                let mid = lo + (hi - lo) / 2
                // Middle of three, so sorted or constant runs stay linear.
                if v[mid] < v[lo] { v.swapAt(mid, lo) }
                if v[hi] < v[lo] { v.swapAt(hi, lo) }
                if v[hi] < v[mid] { v.swapAt(hi, mid) }
                let pivot = v[mid]
                var i = lo, j = hi
                while i <= j {
                    while v[i] < pivot { i += 1 }
                    while pivot < v[j] { j -= 1 }
                    if i <= j {
                        v.swapAt(i, j)
                        i += 1
                        j -= 1
                    }
                }
                if k <= j { hi = j } else if k >= i { lo = i } else { return }
            }
        }
    }
}
