extension Table {
    /// Flags for `column in TABLE`: whether each row's value appears among
    /// the present values of `otherName` in `other`.
    ///
    /// Integers match integers numerically (whatever their storage width),
    /// decimals match numbers by value, text matches text exactly; other
    /// pairings are an error.
    ///
    /// - Complexity: O(rows + other rows); a dense bitmap for integer keys
    ///   with a small range, a hash set otherwise.
    func membershipMask(_ column: Column, in other: Table, column otherName: String, tableName: String,
                        cancel: Cancellation) throws(RecLabError) -> [Bool] {
        guard let otherColumn = other.column(named: otherName) else {
            var error = other.unknownColumn(otherName)
            error.message = "table '\(tableName)': " + error.message
            throw error
        }
        let validity = column.validity
        switch (column.type, otherColumn.type) {
        case (.integer, .integer):
            let keys = IntegerKeySet(otherColumn)
            let storage = column.storage
            return try Parallel.fill(count: rowCount, initial: false, cancel: cancel) { range, out in
                switch storage {
                case .int32(let values): for i in range { out[i] = keys.contains(Int64(values[i])) }
                case .int64(let values): for i in range { out[i] = keys.contains(values[i]) }
                default: break
                }
                Table.clearMissing(validity, range, out)
            }
        case (.text, .text):
            guard case .text(_, let dictionary) = column.storage else { break }
            let wanted = Set(otherColumn.usedTexts())
            return try maskFromDictionary(column, dictionary.map(wanted.contains), cancel: cancel)
        case (.integer, .decimal), (.decimal, .integer), (.decimal, .decimal):
            var wanted = Set<Double>()
            for r in 0..<other.rowCount { if let n = otherColumn.number(at: r) { wanted.insert(n) } }
            let numbers = wanted
            return try Parallel.fill(count: rowCount, initial: false, cancel: cancel) { range, out in
                for i in range { out[i] = column.number(at: i).map(numbers.contains) ?? false }
                Table.clearMissing(validity, range, out)
            }
        default:
            break
        }
        throw RecLabError("cannot look up \(column.type) column '\(column.name)' in \(otherColumn.type) column '\(otherName)' of table '\(tableName)'",
                          subject: column.name)
    }
}

/// A set of integers: a bitmap over the range when it is small, a hash set
/// otherwise.
struct IntegerKeySet: Sendable {
    private let lowest: Int64
    private let bitmap: [Bool]
    private let hashed: Set<Int64>

    /// The present values of an integer column.
    ///
    /// - Complexity: O(rows).
    init(_ column: Column) {
        var values = [Int64]()
        values.reserveCapacity(column.count)
        for r in 0..<column.count { if let v = column.integer(at: r) { values.append(v) } }
        let low = values.min() ?? 0
        let high = values.max() ?? 0
        let (span, overflow) = high.subtractingReportingOverflow(low)
        if !overflow, span < Int64(max(1 << 20, 4 * values.count)) {
            var bits = [Bool](repeating: false, count: Int(span) + 1)
            for v in values { bits[Int(v - low)] = true }
            (lowest, bitmap, hashed) = (low, bits, [])
        } else {
            (lowest, bitmap, hashed) = (0, [], Set(values))
        }
    }

    /// Whether `value` is in the set.
    @inline(__always)
    func contains(_ value: Int64) -> Bool {
        if bitmap.isEmpty { return hashed.contains(value) }
        let (offset, overflow) = value.subtractingReportingOverflow(lowest)
        return !overflow && offset >= 0 && offset < Int64(bitmap.count) && bitmap[Int(offset)]
    }
}

extension Column {
    /// The distinct texts that some present row uses (a text column's
    /// dictionary may keep entries no row refers to any more).
    ///
    /// - Complexity: O(rows + dictionary size).
    func usedTexts() -> [String] {
        guard case .text(let codes, let dictionary) = storage else { return [] }
        var used = [Bool](repeating: false, count: dictionary.count)
        for (row, code) in codes.enumerated() where !isMissing(row) { used[Int(code)] = true }
        return dictionary.indices.filter { used[$0] }.map { dictionary[$0] }
    }
}
