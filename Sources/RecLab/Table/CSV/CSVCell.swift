#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What one field's text is: nothing, an integer, a decimal or other text.
enum CSVCell: Equatable {
    case missing
    case integer(Int64)
    /// A decimal and how many digits it has after the point.
    case decimal(Double, fractionDigits: Int)
    case text

    /// The display precision kept for decimals read from files.
    static let maxFractionDigits = 6

    /// Classifies a field's bytes. Spaces around a number are ignored; an
    /// empty field is missing. Numbers are plain decimal notation with an
    /// optional sign, point and exponent (`-3`, `4.5`, `1e-3`); `inf`,
    /// `nan`, hex and thousands separators are text.
    ///
    /// - Complexity: O(field length).
    static func classify(_ start: UnsafePointer<UInt8>, _ length: Int) -> CSVCell {
        var lo = 0
        var hi = length
        while lo < hi, start[lo] == 32 { lo += 1 }
        while hi > lo, start[hi - 1] == 32 { hi -= 1 }
        if lo == hi { return length == 0 ? .missing : .text }
        var p = lo
        var negative = false
        if start[p] == UInt8(ascii: "-") || start[p] == UInt8(ascii: "+") { negative = start[p] == UInt8(ascii: "-"); p += 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var overflow = false
        while p < hi, start[p] &- 48 < 10 {
            let (m1, o1) = mantissa.multipliedReportingOverflow(by: 10)
            let (m2, o2) = m1.addingReportingOverflow(UInt64(start[p] &- 48))
            overflow = overflow || o1 || o2
            mantissa = m2
            digits += 1
            p += 1
        }
        if p == hi {
            guard digits > 0 else { return .text }
            if !overflow {
                if negative, mantissa <= UInt64(Int64.max) + 1 { return .integer(Int64(truncatingIfNeeded: 0 &- mantissa)) }
                if !negative, mantissa <= UInt64(Int64.max) { return .integer(Int64(mantissa)) }
            }
            return decimal(start + lo, hi - lo, fractionDigits: 0)
        }
        var fraction = 0
        if start[p] == UInt8(ascii: ".") {
            p += 1
            while p < hi, start[p] &- 48 < 10 { fraction += 1; p += 1 }
        }
        guard digits + fraction > 0 else { return .text }
        var exponent = 0
        if p < hi, start[p] | 0x20 == UInt8(ascii: "e") {
            p += 1
            var expNegative = false
            if p < hi, start[p] == UInt8(ascii: "-") || start[p] == UInt8(ascii: "+") { expNegative = start[p] == UInt8(ascii: "-"); p += 1 }
            var expDigits = 0
            while p < hi, start[p] &- 48 < 10 { exponent = min(exponent * 10 + Int(start[p] &- 48), 10_000); expDigits += 1; p += 1 }
            guard expDigits > 0 else { return .text }
            if expNegative { exponent = -exponent }
        }
        guard p == hi else { return .text }
        return decimal(start + lo, hi - lo, fractionDigits: max(0, fraction - exponent))
    }

    /// Converts well-formed decimal text with the C library (exact rounding).
    private static func decimal(_ start: UnsafePointer<UInt8>, _ length: Int, fractionDigits: Int) -> CSVCell {
        var buffer = [CChar](repeating: 0, count: length + 1)
        for i in 0..<length { buffer[i] = CChar(bitPattern: start[i]) }
        let value = strtod(buffer, nil)
        guard value.isFinite else { return .text }
        return .decimal(value, fractionDigits: min(fractionDigits, maxFractionDigits))
    }

    /// Exact powers of ten: `m / 10^k` with `m < 2^53` and `k ≤ 22` is one
    /// correctly rounded division (Clinger's fast path).
    static let powersOfTen: [Double] = (0...22).map { k in
        var v = 1.0
        for _ in 0..<k { v *= 10 }
        return v
    }
}
