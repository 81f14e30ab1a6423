/// How `pivot` combines the values that fall in one cell.
public enum PivotAggregate: String, Sendable, CaseIterable {
    /// The value of the first row (in table order); any column type.
    case first
    /// The smallest value (numbers only); ties keep the first row.
    case min
    /// The largest value (numbers only); ties keep the first row.
    case max
    /// The mean, as a decimal.
    case mean
    /// The sum, of the value column's type.
    case sum
    /// How many values; 0 rather than missing for an empty cell.
    case count
}

extension Table {
    /// The largest number of cells ``pivot(rows:columns:values:aggregate:cancel:)`` builds.
    public static let maximumPivotCells = 10_000_000

    /// A dense view: one row per distinct `rows` value (ascending), one
    /// column per distinct `columns` value (ascending, named by its text
    /// form), each cell combining the `values` of the rows with that pair
    /// (missing where there is none). Rows with a missing row key, column
    /// key or value are left out.
    ///
    /// - Throws: ``RecLabError`` for an unknown column, an aggregate that
    ///   needs numbers on text, a result of more than
    ///   ``maximumPivotCells`` cells, or cancellation.
    /// - Complexity: O(rows + result cells).
    public func pivot(rows rowName: String, columns columnName: String, values valueName: String,
                      aggregate: PivotAggregate = .mean, cancel: Cancellation = .never) throws(RecLabError) -> Table {
        let value = try requireColumn(valueName)
        let rowIndex = try GroupIndex(try requireColumn(rowName), cancel: cancel)
        let columnIndex = try GroupIndex(try requireColumn(columnName), cancel: cancel)
        if value.type == .text && aggregate != .first && aggregate != .count {
            throw RecLabError("cannot take the \(aggregate.rawValue) of text column '\(valueName)'; use agg first or count",
                              subject: valueName)
        }
        let (height, width) = (rowIndex.count, columnIndex.count)
        let (cells, overflow) = height.multipliedReportingOverflow(by: width)
        guard !overflow, cells <= Table.maximumPivotCells else {
            throw RecLabError("pivot would have \(height) rows × \(width) columns, more than \(Table.maximumPivotCells) cells; filter the table first",
                              subject: columnName)
        }
        // One pass over the rows: the chosen row, count and sums per cell.
        var chosen = [Int](repeating: -1, count: cells)
        var counts = [Int](repeating: 0, count: cells)
        var sums = [Double](repeating: 0, count: cells)
        var integerSums = [Int64](repeating: 0, count: value.type == .integer && aggregate == .sum ? cells : 0)
        for row in 0..<rowCount {
            if row & 0xFFFF == 0 { try cancel.check() }
            let r = rowIndex.rowGroups[row], c = columnIndex.rowGroups[row]
            guard r >= 0, c >= 0, !value.isMissing(row) else { continue }
            let cell = Int(r) * width + Int(c)
            counts[cell] += 1
            switch aggregate {
            case .first: if chosen[cell] < 0 { chosen[cell] = row }
            case .min, .max:
                let current = chosen[cell]
                if current < 0 { chosen[cell] = row; break }
                guard let new = value.number(at: row), let old = value.number(at: current) else { break }
                if aggregate == .min ? new < old : new > old { chosen[cell] = row }
            case .mean: sums[cell] += value.number(at: row) ?? 0
            case .sum:
                if integerSums.isEmpty { sums[cell] += value.number(at: row) ?? 0; break }
                let (total, overflow) = integerSums[cell].addingReportingOverflow(value.integer(at: row) ?? 0)
                guard !overflow else { throw RecLabError("the sum of '\(valueName)' overflows", subject: valueName) }
                integerSums[cell] = total
            case .count: break
            }
        }
        try cancel.check()
        var output = [rowIndex.keys]
        var taken: Set<String> = [rowIndex.keys.name]
        for c in 0..<width {
            let cellsOfColumn = (0..<height).map { $0 * width + c }
            let present = Validity(cellsOfColumn.map { counts[$0] > 0 })
            var name = columnIndex.keys.value(at: c).description
            if taken.contains(name) {
                var n = 2
                while taken.contains("\(name)_\(n)") { n += 1 }
                name = "\(name)_\(n)"
            }
            taken.insert(name)
            switch aggregate {
            case .first, .min, .max:
                output.append(value.gatherAllowingMissing(cellsOfColumn.map { chosen[$0] }).renamed(name))
            case .mean:
                output.append(Column(name: name, decimals: cellsOfColumn.map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : 0 },
                                     validity: present))
            case .sum where !integerSums.isEmpty:
                output.append(Column(name: name, integers: cellsOfColumn.map { integerSums[$0] }, validity: present))
            case .sum:
                output.append(Column(name: name, decimals: cellsOfColumn.map { sums[$0] }, validity: present,
                                     fractionDigits: value.fractionDigits))
            case .count:
                output.append(Column(name: name, integers: cellsOfColumn.map { Int64(counts[$0]) }))
            }
        }
        return try Table(columns: output)
    }
}
