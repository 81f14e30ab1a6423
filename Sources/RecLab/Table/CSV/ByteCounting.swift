#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Counting bytes eight at a time (SWAR): newlines to size the column
/// buffers before parsing, quotes to find safe split points.
///
/// (Swift's `SIMD32` types were tried and compiled to scalar code many
/// times slower; plain 64-bit words are fast and portable.)
enum ByteCounting {
    /// How many bytes of `start..<start+count` equal `a`, and how many equal `b`.
    ///
    /// - Complexity: O(count), eight bytes per step; a `b` absent from the
    ///   range costs one `memchr`.
    static func count(_ a: UInt8, _ b: UInt8, in start: UnsafePointer<UInt8>, _ count: Int) -> (Int, Int) {
        let countA = occurrences(of: a, in: start, count)
        if a == b { return (countA, countA) }
        guard count > 0, memchr(start, Int32(b), count) != nil else { return (countA, 0) }
        return (countA, occurrences(of: b, in: start, count))
    }

    /// The number of newlines in `start..<start+count`.
    static func newlines(in start: UnsafePointer<UInt8>, _ count: Int) -> Int {
        occurrences(of: 10, in: start, count)
    }

    /// How many bytes of the range equal `byte`.
    static func occurrences(of byte: UInt8, in start: UnsafePointer<UInt8>, _ count: Int) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let pattern = ones &* UInt64(byte)
        let raw = UnsafeRawPointer(start)
        var total = 0
        var i = 0
        while i + 8 <= count {
            // Per-byte counters in one word, summed before a byte can overflow.
            var lanes: UInt64 = 0
            var steps = 0
            while steps < 255, i + 8 <= count {
                let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ pattern
                // High bit of each byte set when that byte of x is nonzero (no carries cross bytes).
                let nonzero = ((x & low7) &+ low7) | x
                lanes &+= (~nonzero >> 7) & ones
                i += 8
                steps += 1
            }
            let pairs = (lanes & 0x00FF_00FF_00FF_00FF) &+ ((lanes >> 8) & 0x00FF_00FF_00FF_00FF)
            total += Int((pairs &* 0x0001_0001_0001_0001) >> 48)
        }
        while i < count {
            if start[i] == byte { total += 1 }
            i += 1
        }
        return total
    }
}
