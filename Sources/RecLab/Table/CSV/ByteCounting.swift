/// Counting bytes eight at a time (SWAR): newlines to size the column
/// buffers before parsing, quotes to find safe split points.
enum ByteCounting {
    /// How many bytes of `start..<start+count` equal `a`, and how many equal `b`.
    ///
    /// - Complexity: O(count), about eight bytes per step.
    static func count(_ a: UInt8, _ b: UInt8, in start: UnsafePointer<UInt8>, _ count: Int) -> (Int, Int) {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let patternA = ones &* UInt64(a)
        let patternB = ones &* UInt64(b)
        var countA = 0
        var countB = 0
        var i = 0
        let raw = UnsafeRawPointer(start)
        while i + 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            countA &+= zeroBytes(word ^ patternA)
            countB &+= zeroBytes(word ^ patternB)
            i += 8
        }
        while i < count {
            if start[i] == a { countA += 1 }
            if start[i] == b { countB += 1 }
            i += 1
        }
        return (countA, countB)

        /// The number of zero bytes of `x` (exact: no carries cross bytes).
        @inline(__always) func zeroBytes(_ x: UInt64) -> Int {
            let nonzeroHigh = ((x & low7) &+ low7) | x
            return (~nonzeroHigh & 0x8080_8080_8080_8080).nonzeroBitCount
        }
    }

    /// The number of newlines in `start..<start+count`.
    static func newlines(in start: UnsafePointer<UInt8>, _ count: Int) -> Int {
        Self.count(10, 10, in: start, count).0
    }
}
