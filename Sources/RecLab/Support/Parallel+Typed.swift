import Dispatch

/// ``Parallel`` over `0..<count`, filling a new array, and a pointer workers may share.
extension Parallel {
    /// Runs `body` once per range of `0..<count` (split as in
    /// ``ranges(count:minimumChunk:)``), concurrently, and returns the
    /// results in range order.
    ///
    /// - Complexity: O(`count`) work spread over ``coreCount`` workers.
    static func mapRanges<T: Sendable>(
        count: Int, minimumChunk: Int = 65_536,
        _ body: @Sendable (Range<Int>) throws(RecLabError) -> T
    ) throws(RecLabError) -> [T] {
        try map(ranges(count: count, minimumChunk: minimumChunk), body)
    }

    /// Fills a new array of `count` elements: each worker writes the slots
    /// of its own range through the pointer it is given, polling `cancel`
    /// between chunks.
    ///
    /// - Complexity: O(`count`) work spread over ``coreCount`` workers.
    static func fill<T: Sendable>(
        count: Int, initial: T, cancel: Cancellation, minimumChunk: Int = 65_536,
        _ body: @Sendable (Range<Int>, UnsafeMutablePointer<T>) -> Void
    ) throws(RecLabError) -> [T] {
        var result = [T](repeating: initial, count: count)
        guard count > 0 else { return result }
        try result.withUnsafeMutableBufferPointer { (buffer) throws(RecLabError) in
            guard let base = buffer.baseAddress else { return }
            let shared = SendablePointer(base)
            _ = try mapRanges(count: count, minimumChunk: minimumChunk) { (range) throws(RecLabError) in
                var start = range.lowerBound
                while start < range.upperBound {
                    try cancel.check()
                    let end = min(range.upperBound, start + 262_144)
                    body(start..<end, shared.pointer)
                    start = end
                }
            }
        }
        return result
    }
}

/// A pointer handed to parallel workers that each write a disjoint part of
/// the memory it points to (so sharing it is safe although the compiler
/// cannot see that).
struct SendablePointer<T>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<T>
    init(_ pointer: UnsafeMutablePointer<T>) { self.pointer = pointer }
}

/// Work that cannot fail, and splits by weight rather than by count.
extension Parallel {
    /// Runs `body` once per range, concurrently (inline when there is only
    /// one), for work that cannot throw.
    ///
    /// - Complexity: the ranges' work spread over ``coreCount`` workers.
    static func forEach(_ ranges: [Range<Int>], _ body: @Sendable (Range<Int>) -> Void) {
        if ranges.count <= 1 {
            for range in ranges { body(range) }
            return
        }
        DispatchQueue.concurrentPerform(iterations: ranges.count) { body(ranges[$0]) }
    }

    /// Runs `body` once per range, concurrently (inline when there is only
    /// one), for work that cannot throw, and returns the results in range
    /// order.
    ///
    /// - Complexity: the ranges' work spread over ``coreCount`` workers.
    static func collect<T: Sendable>(_ ranges: [Range<Int>], _ body: @Sendable (Range<Int>) -> T) -> [T] {
        var slots = [T?](repeating: nil, count: ranges.count)
        slots.withUnsafeMutableBufferPointer { buffer in
            guard ranges.count > 1, let base = buffer.baseAddress else {
                for (k, range) in ranges.enumerated() { buffer[k] = body(range) }
                return
            }
            let shared = SendablePointer(base)
            DispatchQueue.concurrentPerform(iterations: ranges.count) { shared.pointer[$0] = body(ranges[$0]) }
        }
        return slots.compactMap { $0 }
    }

    /// Splits `0..<offsets.count - 1` into at most ``coreCount`` contiguous
    /// ranges of about equal weight, where element `i` weighs
    /// `offsets[i + 1] - offsets[i]` (CSR offsets: rows weighted by their
    /// entries). One range when the total weight is below `minimumWeight`
    /// per extra part.
    ///
    /// - Complexity: O(parts × log count).
    static func ranges(weightedBy offsets: [Int], minimumWeight: Int) -> [Range<Int>] {
        let count = offsets.count - 1
        guard count > 0, let first = offsets.first, let last = offsets.last else { return [] }
        let total = last - first
        let parts = max(1, min(coreCount, total / max(1, minimumWeight), count))
        var result: [Range<Int>] = []
        var lower = 0
        for p in 1 ... parts {
            var upper = count
            if p < parts {
                // The first element whose start reaches this part's share.
                let target = first + total * p / parts
                var low = lower, high = count
                while low < high {
                    let mid = (low + high) / 2
                    if offsets[mid] < target { low = mid + 1 } else { high = mid }
                }
                upper = low
            }
            if lower < upper { result.append(lower ..< upper) }
            lower = max(lower, upper)
        }
        return result
    }

    /// A new array of `count` elements written by `body` through a pointer
    /// it may share with parallel workers, without first filling it with an
    /// initial value (for large outputs that is a whole extra pass over
    /// fresh memory). Large arrays ask for 2 MB pages, so the workers'
    /// first writes fault 512 times less often; the first such arrays in a
    /// process can wait for the kernel to compact memory (about a second
    /// for a 33.8M-rating matrix, see Benchmarks/README.md), later ones
    /// reuse the freed pages. `body` must write every element.
    static func uninitializedArray<T: BitwiseCopyable>(
        count: Int, _ body: (SendablePointer<T>) throws(RecLabError) -> Void
    ) throws(RecLabError) -> [T] {
        var failure: RecLabError?
        let result = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = 0
            guard let base = buffer.baseAddress else { return }
            MappedFile.preferHugePages(UnsafeMutableRawPointer(base), count * MemoryLayout<T>.stride)
            do throws(RecLabError) {
                try body(SendablePointer(base))
                initialized = count
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return result
    }
}
