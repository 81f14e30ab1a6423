extension Table {
    /// One row per column: `column`, `type`, `count` (present cells),
    /// `missing`, `unique` (distinct present values), and for numeric
    /// columns `mean`, `std` (sample standard deviation), `min`, `max` and
    /// the quartiles `25%`, `50%`, `75%`, as pandas' `describe` gives them.
    ///
    /// The numbers are missing for text columns (the lexicographic extremes
    /// of titles say little). `min`, the quartiles and `max` show each
    /// column's values as the column does: an integer column's as
    /// integers (a quartile between two integers with the digits it
    /// needs), a decimal column's with the file's digits; `mean` and `std`
    /// are computed, shown at the session's precision.
    ///
    /// - Complexity: O(rows × columns), plus a hash set per column whose
    ///   values are too spread out for a bitmap, and a copy of each numeric
    ///   column for its quartiles.
    public func describe(cancel: Cancellation = .never) throws(RecLabError) -> Table {
        var names: [String?] = [], types: [String?] = []
        var counts: [Int64] = [], missing: [Int64] = [], unique: [Int64] = []
        var means: [Double] = [], deviations: [Double] = [], numeric: [Bool] = [], spread: [Bool] = []
        var points: [[Double]] = Array(repeating: [], count: 5)
        var pointDigits: [[Int]] = Array(repeating: [], count: 5)
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
            means.append(summary?.mean ?? 0)
            deviations.append(summary?.standardDeviation ?? 0)
            spread.append((summary?.count ?? 0) > 1)
            var values = column.presentNumbers()
            let quartiles = try Quantiles.of(&values, at: [0.25, 0.5, 0.75], cancel: cancel)
            let five = summary.map { s in [s.minimum] + (quartiles ?? [0, 0, 0]) + [s.maximum] } ?? [0, 0, 0, 0, 0]
            for k in 0 ..< 5 {
                points[k].append(five[k])
                pointDigits[k].append(Self.digits(of: five[k], in: column))
            }
        }
        func numbers(_ name: String, _ k: Int) -> Column {
            var result = Column(name: name, decimals: points[k], validity: Validity(numeric))
            result.digitsByRow = pointDigits[k]
            return result
        }
        /// Computed at the session's precision, but whole above 100,000
        /// (a timestamp's mean): four more digits there are noise that
        /// pushes the quartiles off the screen.
        func computed(_ name: String, _ values: [Double], _ validity: Validity?) -> Column {
            var result = Column(name: name, decimals: values, validity: validity)
            if values.contains(where: { abs($0) >= 100_000 }) {
                result.digitsByRow = values.map { abs($0) >= 100_000 ? 0 : -1 }
            }
            return result
        }
        return try Table(columns: [
            Column(name: "column", texts: names),
            Column(name: "type", texts: types),
            Column(name: "count", counts: counts),
            Column(name: "missing", counts: missing),
            Column(name: "unique", counts: unique),
            computed("mean", means, Validity(zip(numeric, counts).map { $0 && $1 > 0 })),
            computed("std", deviations, Validity(zip(numeric, spread).map { $0 && $1 })),
            // min and max before the quartiles, pandas' order aside: at 100
            // columns a table of timestamps has room for one of them only,
            // and the range matters more.
            numbers("min", 0), numbers("max", 4), numbers("25%", 1), numbers("50%", 2), numbers("75%", 3),
        ])
    }

    /// The digits `value` is shown with in `column`'s row of `describe`:
    /// the file's digits for decimals (at least one), and for integers none
    /// unless the value falls between two (a quartile: at most two, since
    /// it lies a quarter, a half or three quarters of the way).
    private static func digits(of value: Double, in column: Column) -> Int {
        switch column.storage {
        case .decimal: return max(1, column.fractionDigits ?? 4)
        case .text: return 0
        case .int32, .int64:
            if value == value.rounded() { return 0 }
            return (value * 2) == (value * 2).rounded() ? 1 : 2
        }
    }
}

extension Column {
    /// The smallest, largest and mean present value of a numeric column,
    /// and its sample standard deviation (n − 1 in the denominator, as
    /// pandas; 0 for one value); `nil` for text or when no value is present.
    ///
    /// - Complexity: O(rows), one pass (Welford's running variance, which
    ///   stays exact where the sum of squares would lose the digits of
    ///   timestamps).
    func numericSummary() -> (minimum: Double, maximum: Double, mean: Double, standardDeviation: Double, count: Int)? {
        var low = Double.infinity, high = -Double.infinity, sum = 0.0, mean = 0.0, squares = 0.0, n = 0
        func visit(_ v: Double) {
            if v < low { low = v }
            if v > high { high = v }
            sum += v
            n += 1
            let delta = v - mean
            mean += delta / Double(n)
            squares += delta * (v - mean)
        }
        switch storage {
        case .int32(let values): for (i, v) in values.enumerated() where !isMissing(i) { visit(Double(v)) }
        case .int64(let values): for (i, v) in values.enumerated() where !isMissing(i) { visit(Double(v)) }
        case .decimal(let values): for (i, v) in values.enumerated() where !isMissing(i) { visit(v) }
        case .text: return nil
        }
        return n > 0 ? (low, high, sum / Double(n), n > 1 ? (squares / Double(n - 1)).squareRoot() : 0, n) : nil
    }

    /// The present values of a numeric column as decimals, NaN left out
    /// (empty for text).
    func presentNumbers() -> [Double] {
        var out: [Double] = []
        switch storage {
        case .int32(let values):
            out.reserveCapacity(values.count)
            for (i, v) in values.enumerated() where !isMissing(i) { out.append(Double(v)) }
        case .int64(let values):
            out.reserveCapacity(values.count)
            for (i, v) in values.enumerated() where !isMissing(i) { out.append(Double(v)) }
        case .decimal(let values):
            out.reserveCapacity(values.count)
            for (i, v) in values.enumerated() where !isMissing(i) && !v.isNaN { out.append(v) }
        case .text:
            break
        }
        return out
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
