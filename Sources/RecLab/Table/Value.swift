/// One cell: what a column holds at a row, or a literal in an expression.
public enum Value: Sendable, Hashable, CustomStringConvertible {
    case missing
    case integer(Int64)
    case decimal(Double)
    case text(String)

    /// The value as a number, when it is one.
    public var number: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .decimal(let d): return d
        default: return nil
        }
    }

    /// Plain text form (no grouping separators), as written to CSV.
    public var description: String {
        switch self {
        case .missing: return ""
        case .integer(let i): return String(i)
        case .decimal(let d): return d.formatted(maxFractionDigits: 15)
        case .text(let s): return s
        }
    }
}

/// The kinds of column a table holds.
public enum ColumnType: String, Sendable, CustomStringConvertible {
    case integer, decimal, text
    public var description: String { rawValue }
    /// Whether the column holds numbers.
    public var isNumeric: Bool { self != .text }
}

extension Double {
    /// Shortest plain decimal form with at most `maxFractionDigits` digits
    /// after the point, trailing zeros removed but one kept (`4.0`).
    public func formatted(maxFractionDigits: Int) -> String {
        if isNaN { return "NaN" }
        if isInfinite { return self < 0 ? "-inf" : "inf" }
        let shortest = "\(self)"
        if !shortest.contains("e"), let dot = shortest.firstIndex(of: "."),
           shortest.distance(from: dot, to: shortest.endIndex) - 1 <= maxFractionDigits {
            return shortest
        }
        return formatted(fractionDigits: maxFractionDigits, trimZeros: true)
    }

    /// Fixed-point form with exactly `fractionDigits` digits after the
    /// point (or fewer, down to one, when `trimZeros`).
    public func formatted(fractionDigits: Int, trimZeros: Bool = false) -> String {
        if isNaN { return "NaN" }
        if isInfinite { return self < 0 ? "-inf" : "inf" }
        let digits = max(0, min(fractionDigits, 17))
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let magnitude = abs(self)
        if magnitude * scale >= 9.0e15 {
            return "\(self)"
        }
        let scaled = (magnitude * scale).rounded(.toNearestOrEven)
        let whole = Int64(scaled)
        var integerPart = String(whole / Int64(scale))
        var fraction = String(whole % Int64(scale))
        if digits > 0 {
            fraction = String(repeating: "0", count: digits - fraction.count) + fraction
            if trimZeros {
                while fraction.count > 1, fraction.last == "0" { fraction.removeLast() }
            }
        }
        if self < 0 && scaled != 0 { integerPart = "-" + integerPart }
        return digits > 0 ? integerPart + "." + fraction : integerPart
    }
}
