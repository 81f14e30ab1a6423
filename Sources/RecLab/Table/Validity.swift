/// Which cells of a column hold a value: a bit per row, set when present.
///
/// A column with no missing values carries no `Validity` at all, so the
/// common case costs nothing.
public struct Validity: Sendable, Equatable {
    /// The bits, 64 rows per word, row `i` in bit `i % 64` of word `i / 64`.
    public private(set) var words: [UInt64]
    /// The number of rows covered.
    public private(set) var count: Int

    /// All rows present (`true`) or all missing (`false`).
    public init(count: Int, allValid: Bool) {
        self.count = count
        let fill: UInt64 = allValid ? ~0 : 0
        words = Array(repeating: fill, count: (count + 63) / 64)
    }

    /// Builds from one flag per row.
    public init<S: Sequence>(_ flags: S) where S.Element == Bool {
        self.init(count: 0, allValid: false)
        for f in flags { append(f) }
    }

    /// Whether row `i` holds a value.
    @inlinable
    public func isValid(_ i: Int) -> Bool {
        words[i &>> 6] & (1 &<< UInt64(i & 63)) != 0
    }

    /// Marks row `i` present or missing.
    public mutating func set(_ i: Int, _ valid: Bool) {
        if valid { words[i >> 6] |= 1 << UInt64(i & 63) } else { words[i >> 6] &= ~(1 << UInt64(i & 63)) }
    }

    /// Adds a row at the end.
    public mutating func append(_ valid: Bool) {
        if count & 63 == 0 { words.append(0) }
        count += 1
        if valid { set(count - 1, true) }
    }

    /// The number of missing rows.
    public var missingCount: Int {
        var present = 0
        for w in words { present += w.nonzeroBitCount }
        // Bits past `count` in the last word may be set by `allValid`.
        let tail = count & 63
        if tail != 0, let last = words.last { present -= (last >> UInt64(tail)).nonzeroBitCount }
        return count - present
    }
}
