/// One key of a sort: a column and its direction.
public struct SortKey: Sendable, Equatable {
    /// The column to sort by.
    public var column: String
    /// Largest first when `true`.
    public var descending: Bool

    /// A key; ascending unless `descending`.
    public init(column: String, descending: Bool = false) {
        self.column = column
        self.descending = descending
    }
}

extension Column {
    /// Order-preserving unsigned codes of the rows for sorting: comparing
    /// the returned arrays lexicographically (first array first) orders the
    /// rows as the key asks, with missing cells after every value in both
    /// directions.
    ///
    /// Narrow values (32-bit integers, text ranks) fit one array with a
    /// reserved code above every value for missing cells; 64-bit values
    /// take a leading 0/1 "is missing" array when the column has missing
    /// cells. Decimals order numerically with -0 equal to 0 and NaN after
    /// every number.
    ///
    /// - Complexity: O(rows), plus O(d log d) string comparisons for a text
    ///   column with d distinct entries.
    func sortCodes(descending: Bool) -> [[UInt64]] {
        let narrowMissing: UInt64 = 1 << 32
        let narrowFlip: UInt64 = descending ? 0xFFFF_FFFF : 0
        let wideFlip: UInt64 = descending ? ~0 : 0
        var codes: [UInt64]
        switch storage {
        case .int32(let values):
            codes = values.map { (UInt64(UInt32(bitPattern: $0) ^ 0x8000_0000)) ^ narrowFlip }
        case .text(let rowCodes, let dictionary):
            let rank = Column.dictionaryRanks(dictionary)
            codes = rowCodes.map { UInt64(rank[Int($0)]) ^ narrowFlip }
        case .int64(let values):
            codes = values.map { (UInt64(bitPattern: $0) ^ (1 << 63)) ^ wideFlip }
        case .decimal(let values):
            codes = values.map { Column.orderedBits($0) ^ wideFlip }
        }
        guard let validity else { return [codes] }
        switch storage {
        case .int32, .text:
            for i in codes.indices where !validity.isValid(i) { codes[i] = narrowMissing }
            return [codes]
        case .int64, .decimal:
            var missingFirst = [UInt64](repeating: 0, count: codes.count)
            for i in codes.indices where !validity.isValid(i) {
                missingFirst[i] = 1
                codes[i] = 0
            }
            return [missingFirst, codes]
        }
    }

    /// The rank of each dictionary entry in Unicode string order (entries
    /// that Swift considers equal share a rank).
    ///
    /// - Complexity: O(d log d) string comparisons.
    static func dictionaryRanks(_ dictionary: [String]) -> [UInt32] {
        let order = dictionary.indices.sorted { dictionary[$0] < dictionary[$1] }
        var rank = [UInt32](repeating: 0, count: dictionary.count)
        var current: UInt32 = 0
        for (k, entry) in order.enumerated() {
            if k > 0, dictionary[order[k - 1]] != dictionary[entry] { current += 1 }
            rank[entry] = current
        }
        return rank
    }

    /// The bits of `value` rearranged so that unsigned order is numeric
    /// order.
    @inline(__always)
    static func orderedBits(_ value: Double) -> UInt64 {
        let canonical = value.isNaN ? Double.nan : (value == 0 ? 0.0 : value)
        let bits = canonical.bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }
}
