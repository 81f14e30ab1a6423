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
