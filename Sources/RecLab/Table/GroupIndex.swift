/// The distinct values of a column in ascending order, and which of them
/// each row holds: the grouping behind `stats`, `pivot` and stratified
/// `sample`.
struct GroupIndex: Sendable {
    /// For each row, the position of its value in ``keys``, or -1 when the
    /// row's value is missing.
    let rowGroups: [Int32]
    /// The distinct present values, ascending (text in Unicode order),
    /// under the source column's name and type.
    let keys: Column

    /// The number of groups.
    var count: Int { keys.count }

    /// Groups the rows of `column`.
    ///
    /// - Complexity: O(rows) with a lookup table for integers of a small
    ///   range, O(rows + d log d) with hashing otherwise (d distinct values).
    init(_ column: Column, cancel: Cancellation) throws(RecLabError) {
        switch column.storage {
        case .int32, .int64:
            (rowGroups, keys) = try GroupIndex.integers(column, cancel: cancel)
        case .decimal(let values):
            var firstSeen: [UInt64: Int32] = [:]
            var firstValue: [Double] = []
            var provisional = [Int32](repeating: -1, count: values.count)
            for (row, value) in values.enumerated() where !column.isMissing(row) {
                if row & 0xFFFFF == 0 { try cancel.check() }
                let bits = Column.orderedBits(value)
                if let id = firstSeen[bits] { provisional[row] = id } else {
                    let id = Int32(firstSeen.count)
                    firstSeen[bits] = id
                    firstValue.append(value)
                    provisional[row] = id
                }
            }
            let ascending = firstSeen.sorted { $0.key < $1.key }
            var final = [Int32](repeating: 0, count: ascending.count)
            for (position, entry) in ascending.enumerated() { final[Int(entry.value)] = Int32(position) }
            rowGroups = provisional.map { $0 < 0 ? -1 : final[Int($0)] }
            let distinct = ascending.map { firstValue[Int($0.value)] }
            keys = Column(name: column.name, decimals: distinct, fractionDigits: column.fractionDigits)
        case .text(let codes, let dictionary):
            var used = [Bool](repeating: false, count: dictionary.count)
            for (row, code) in codes.enumerated() where !column.isMissing(row) { used[Int(code)] = true }
            let rank = Column.dictionaryRanks(dictionary)
            // Texts that compare equal share a rank, hence a group.
            var groupOfRank = [Int32](repeating: -1, count: dictionary.count)
            var firstCodeOfRank = [Int](repeating: -1, count: dictionary.count)
            for code in dictionary.indices where used[code] && firstCodeOfRank[Int(rank[code])] < 0 {
                firstCodeOfRank[Int(rank[code])] = code
            }
            var distinct: [String?] = []
            for r in firstCodeOfRank.indices where firstCodeOfRank[r] >= 0 {
                groupOfRank[r] = Int32(distinct.count)
                distinct.append(dictionary[firstCodeOfRank[r]])
            }
            let groupOfCode = rank.map { groupOfRank[Int($0)] }
            var groups = codes.map { groupOfCode[Int($0)] }
            if let validity = column.validity {
                for row in groups.indices where !validity.isValid(row) { groups[row] = -1 }
            }
            rowGroups = groups
            keys = Column(name: column.name, texts: distinct)
        }
    }

    /// Integer grouping: a presence table over the range when it is small,
    /// else a hash map and a sort of the distinct values.
    private static func integers(_ column: Column, cancel: Cancellation) throws(RecLabError) -> ([Int32], Column) {
        var low = Int64.max, high = Int64.min
        for row in 0..<column.count {
            if let v = column.integer(at: row) { low = min(low, v); high = max(high, v) }
        }
        guard low <= high else {
            return ([Int32](repeating: -1, count: column.count), Column(name: column.name, integers: []))
        }
        try cancel.check()
        if let span = DenseRange.span(low: low, high: high, rows: column.count) {
            var groupOfOffset = [Int32](repeating: -1, count: span)
            for row in 0..<column.count {
                if let v = column.integer(at: row) { groupOfOffset[Int(v - low)] = 0 }
            }
            var distinct: [Int64] = []
            for offset in 0..<span where groupOfOffset[offset] == 0 {
                groupOfOffset[offset] = Int32(distinct.count)
                distinct.append(low + Int64(offset))
            }
            try cancel.check()
            let groups = (0..<column.count).map { row in column.integer(at: row).map { groupOfOffset[Int($0 - low)] } ?? -1 }
            return (groups, Column(name: column.name, integers: distinct))
        }
        var firstSeen: [Int64: Int32] = [:]
        var provisional = [Int32](repeating: -1, count: column.count)
        for row in 0..<column.count {
            if row & 0xFFFFF == 0 { try cancel.check() }
            guard let v = column.integer(at: row) else { continue }
            if let id = firstSeen[v] { provisional[row] = id } else {
                let id = Int32(firstSeen.count)
                firstSeen[v] = id
                provisional[row] = id
            }
        }
        let ascending = firstSeen.sorted { $0.key < $1.key }
        var final = [Int32](repeating: 0, count: ascending.count)
        for (position, entry) in ascending.enumerated() { final[Int(entry.value)] = Int32(position) }
        return (provisional.map { $0 < 0 ? -1 : final[Int($0)] }, Column(name: column.name, integers: ascending.map(\.key)))
    }
}

/// When integer keys are packed enough to index an array directly.
enum DenseRange {
    /// The largest range an array indexed by key may cover (64M slots).
    static let maximumSpan: Int64 = 1 << 26

    /// `high - low + 1` when it is at most a few times `rows` (or small in
    /// any case) and at most ``maximumSpan``; `nil` when a hash map fits better.
    static func span(low: Int64, high: Int64, rows: Int) -> Int? {
        let (difference, overflow) = high.subtractingReportingOverflow(low)
        guard !overflow, difference >= 0, difference < maximumSpan else { return nil }
        let span = difference + 1
        guard span <= max(1 << 16, 4 * Int64(rows)) else { return nil }
        return Int(span)
    }
}
