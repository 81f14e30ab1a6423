import Dispatch
import Foundation

/// Splits work over the machine's cores.
public enum Parallel {
    /// The number of workers to use for large jobs.
    public static var coreCount: Int {
        max(1, min(ProcessInfo_activeProcessorCount(), 16))
    }

    /// Splits `0..<count` into at most ``coreCount`` contiguous ranges of at
    /// least `minimumChunk` elements each (one range when the job is small).
    public static func ranges(count: Int, minimumChunk: Int = 65_536) -> [Range<Int>] {
        guard count > 0 else { return [] }
        let parts = max(1, min(coreCount, count / max(1, minimumChunk)))
        var result: [Range<Int>] = []
        result.reserveCapacity(parts)
        for p in 0..<parts {
            let lower = count * p / parts
            let upper = count * (p + 1) / parts
            if lower < upper { result.append(lower..<upper) }
        }
        return result
    }

    /// Runs `body` once per range, concurrently, and returns the results in
    /// range order.
    public static func map<T: Sendable>(
        _ ranges: [Range<Int>], _ body: @Sendable (Range<Int>) throws(RecLabError) -> T
    ) throws(RecLabError) -> [T] {
        if ranges.count <= 1 {
            var results: [T] = []
            for range in ranges { results.append(try body(range)) }
            return results
        }
        let results = ResultSlots<T>(count: ranges.count)
        DispatchQueue.concurrentPerform(iterations: ranges.count) { i in
            do throws(RecLabError) {
                results.set(i, .success(try body(ranges[i])))
            } catch {
                results.set(i, .failure(error))
            }
        }
        var values: [T] = []
        for result in results.values() { values.append(try result.get()) }
        return values
    }
}

@inline(__always)
private func ProcessInfo_activeProcessorCount() -> Int {
    ProcessInfo.processInfo.activeProcessorCount
}

/// Slots written once each by concurrent workers (each index by one worker).
private final class ResultSlots<T>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Result<T, RecLabError>?>
    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }
    deinit {
        slots.deinitialize()
        slots.deallocate()
    }
    func set(_ i: Int, _ value: Result<T, RecLabError>) { slots[i] = value }
    func values() -> [Result<T, RecLabError>] {
        slots.map { $0 ?? .failure(RecLabError("internal: a parallel worker produced nothing")) }
    }
}
