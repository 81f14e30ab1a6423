extension Table {
    /// One row per column: `column`, `type`, `count` (present cells),
    /// `missing`, `unique` (distinct present values), and for numeric
    /// columns `min`, `max` and `mean`.
    ///
    /// `min`, `max` and `mean` are numbers, so they are missing for text
    /// columns (the lexicographic extremes of titles say little). `min` and
    /// `max` show as many digits as the columns' values need.
    ///
    /// - Complexity: O(rows × columns), plus a hash set per column whose
    ///   values are too spread out for a bitmap.
    public func describe(cancel: Cancellation = .never) throws(RecLabError) -> Table {
        var names: [String?] = [], types: [String?] = []
        var counts: [Int64] = [], missing: [Int64] = [], unique: [Int64] = []
        var minima: [Double] = [], maxima: [Double] = [], means: [Double] = [], numeric: [Bool] = []
        var digits: Int? = 0
        for (c, column) in columns.enumerated() {
            try cancel.check()
            // About a second at 33.8M rows: say which column it has reached.
            cancel.report("describing \(column.name)", fraction: Double(c) / Double(columns.count))
            names.append(column.name)
            types.append(column.type.description)
            let present = column.count - column.missingCount
            counts.append(Int64(present))
            missing.append(Int64(column.missingCount))
            unique.append(Int64(try column.distinctCount(cancel: cancel)))
            let summary = column.numericSummary()
            numeric.append(summary != nil)
            minima.append(summary?.minimum ?? 0)
            maxima.append(summary?.maximum ?? 0)
            means.append(summary?.mean ?? 0)
            if column.type == .decimal {
                digits = column.fractionDigits.flatMap { d in digits.map { max($0, d) } }
            }
        }
        let hasNumbers = Validity(numeric)
        return try Table(columns: [
            Column(name: "column", texts: names),
            Column(name: "type", texts: types),
            Column(name: "count", integers: counts),
            Column(name: "missing", integers: missing),
            Column(name: "unique", integers: unique),
            Column(name: "min", decimals: minima, validity: hasNumbers, fractionDigits: digits),
            Column(name: "max", decimals: maxima, validity: hasNumbers, fractionDigits: digits),
            Column(name: "mean", decimals: means, validity: Validity(zip(numeric, counts).map { $0 && $1 > 0 })),
        ])
    }
}

extension Column {
    /// The smallest, largest and mean present value of a numeric column
    /// (`nil` for text or when no value is present).
    ///
    /// - Complexity: O(rows).
    func numericSummary() -> (minimum: Double, maximum: Double, mean: Double)? {
        var low = Double.infinity, high = -Double.infinity, sum = 0.0, n = 0
        func visit(_ v: Double) {
            if v < low { low = v }
            if v > high { high = v }
            sum += v
            n += 1
        }
        switch storage {
        case .int32(let values): for (i, v) in values.enumerated() where !isMissing(i) { visit(Double(v)) }
        case .int64(let values): for (i, v) in values.enumerated() where !isMissing(i) { visit(Double(v)) }
        case .decimal(let values): for (i, v) in values.enumerated() where !isMissing(i) { visit(v) }
        case .text: return nil
        }
        return n > 0 ? (low, high, sum / Double(n)) : nil
    }

    /// The number of distinct present values (texts that Swift considers
    /// equal count once; for decimals -0 equals 0).
    ///
    /// - Complexity: O(rows), see ``DistinctCount``.
    func distinctCount(cancel: Cancellation) throws(RecLabError) -> Int {
        switch storage {
        case .text(let codes, let dictionary):
            var used = [Bool](repeating: false, count: dictionary.count)
            for (row, code) in codes.enumerated() where !isMissing(row) { used[Int(code)] = true }
            let rank = Column.dictionaryRanks(dictionary)
            var usedRank = [Bool](repeating: false, count: dictionary.count)
            for code in dictionary.indices where used[code] { usedRank[Int(rank[code])] = true }
            return usedRank.reduce(0) { $0 + ($1 ? 1 : 0) }
        case .decimal(let values):
            return try DistinctCount.count(.decimal(values), validity: validity, range: nil, cancel: cancel)
        case .int32(let values):
            guard let range = try integerRange(cancel: cancel) else { return 0 }
            return try DistinctCount.count(.int32(values), validity: validity, range: range, cancel: cancel)
        case .int64(let values):
            guard let range = try integerRange(cancel: cancel) else { return 0 }
            return try DistinctCount.count(.int64(values), validity: validity, range: range, cancel: cancel)
        }
    }
}
