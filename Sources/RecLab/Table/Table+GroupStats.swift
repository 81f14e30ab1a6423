extension Table {
    /// One row per distinct value of `keyName`, ascending (text in Unicode
    /// order), with the `count`, `mean`, `std`, `min` and `max` of
    /// `valueName` over the group's rows.
    ///
    /// `std` is the sample standard deviation (divided by count − 1, as
    /// pandas does), missing for a group of one. `min` and `max` keep the
    /// value column's type (and decimals their digits). Missing values are
    /// not counted; a key whose values are all missing still gets a row
    /// (count 0, the rest missing). Rows with a missing key belong to no
    /// group.
    ///
    /// - Throws: ``RecLabError`` for an unknown or text value column, or
    ///   cancellation.
    /// - Complexity: one pass over the rows on all cores; integer keys of
    ///   a compact range index arrays directly, others are hashed first.
    public func groupStats(by keyName: String, of valueName: String, cancel: Cancellation = .never) throws(RecLabError) -> Table {
        let key = try requireColumn(keyName)
        let value = try requireColumn(valueName)
        switch value.storage {
        case .int32(let values): return try groupStats(key: key, value: value, values, cancel: cancel)
        case .int64(let values): return try groupStats(key: key, value: value, values, cancel: cancel)
        case .decimal(let values): return try groupStats(key: key, value: value, values, cancel: cancel)
        case .text:
            throw RecLabError("cannot take statistics of text column '\(valueName)'; pick a numeric column with 'of COL'",
                              subject: valueName)
        }
    }

    private func groupStats<V: StatValue & ColumnBuildable>(
        key: Column, value: Column, _ values: [V], cancel: Cancellation
    ) throws(RecLabError) -> Table {
        let grouping = try StatsGrouping(key, cancel: cancel)
        let cells: [StatsCell<V>]
        switch grouping {
        case .dense(let low, let span):
            switch key.storage {
            case .int32(let keys):
                let kernel = GroupKernel(keys: keys, offset: Int(low), keyValidity: key.validity,
                                         values: values, valueValidity: value.validity, slots: span)
                cells = try kernel.run(cancel: cancel)
            case .int64(let keys):
                let kernel = GroupKernel(keys: keys, offset: Int(low), keyValidity: key.validity,
                                         values: values, valueValidity: value.validity, slots: span)
                cells = try kernel.run(cancel: cancel)
            default:
                throw RecLabError("internal: dense grouping of a non-integer column")
            }
        case .indexed(let index):
            let kernel = GroupKernel(keys: index.rowGroups, offset: 0, keyValidity: nil,
                                     values: values, valueValidity: value.validity, slots: index.count)
            cells = try kernel.run(cancel: cancel)
        }
        try cancel.check()

        let slots = cells.indices.filter { cells[$0].count > 0 || cells[$0].seen }
        let keyColumn: Column
        switch grouping {
        case .dense(let low, _): keyColumn = Column(name: key.name, integers: slots.map { low + Int64($0) })
        case .indexed(let index): keyColumn = index.keys.gather(slots)
        }
        var counts = [Int64](), means = [Double](), stds = [Double](), minima = [V](), maxima = [V]()
        var hasValue = [Bool](), hasSpread = [Bool]()
        for s in slots {
            let cell = cells[s]
            counts.append(Int64(cell.count))
            hasValue.append(cell.count > 0)
            hasSpread.append(cell.count > 1)
            means.append(cell.mean ?? 0)
            stds.append(cell.standardDeviation ?? 0)
            minima.append(cell.count > 0 ? cell.minimum : .zero)
            maxima.append(cell.count > 0 ? cell.maximum : .zero)
        }
        let present = Validity(hasValue)
        return try Table(columns: [
            keyColumn,
            Column(name: "count", counts: counts),
            Column(name: "mean", decimals: means, validity: present),
            Column(name: "std", decimals: stds, validity: Validity(hasSpread)),
            V.column(name: "min", minima, validity: present, like: value),
            V.column(name: "max", maxima, validity: present, like: value),
        ])
    }
}

/// How `stats` maps rows to groups.
private enum StatsGrouping {
    /// Integer keys indexing an array directly: slot = key − `low`.
    case dense(low: Int64, span: Int)
    /// Keys numbered by a ``GroupIndex``.
    case indexed(GroupIndex)

    init(_ key: Column, cancel: Cancellation) throws(RecLabError) {
        if key.type == .integer, let (low, high) = try key.integerRange(cancel: cancel),
           let span = DenseRange.span(low: low, high: high, rows: key.count) {
            self = .dense(low: low, span: span)
        } else {
            self = .indexed(try GroupIndex(key, cancel: cancel))
        }
    }
}

/// Value types that can become a result column.
protocol ColumnBuildable {
    /// A zero to fill missing slots.
    static var zero: Self { get }
    /// A column of these values, of the same kind (and digits) as `source`.
    static func column(name: String, _ values: [Self], validity: Validity, like source: Column) -> Column
}

extension Int32: ColumnBuildable {
    static func column(name: String, _ values: [Int32], validity: Validity, like source: Column) -> Column {
        Column(name: name, int32: values, validity: validity)
    }
}

extension Int64: ColumnBuildable {
    static func column(name: String, _ values: [Int64], validity: Validity, like source: Column) -> Column {
        Column(name: name, integers: values, validity: validity)
    }
}

extension Double: ColumnBuildable {
    static func column(name: String, _ values: [Double], validity: Validity, like source: Column) -> Column {
        Column(name: name, decimals: values, validity: validity, fractionDigits: source.fractionDigits)
    }
}

extension Column {
    /// The smallest and largest present integer, on all cores; `nil` for an
    /// empty or all-missing column, or one that holds no integers.
    ///
    /// - Complexity: O(rows).
    func integerRange(cancel: Cancellation) throws(RecLabError) -> (Int64, Int64)? {
        let column = self
        let parts = try Parallel.mapRanges(count: count, minimumChunk: 1 << 20) { (range) throws(RecLabError) -> (Int64, Int64) in
            try cancel.check()
            var low = Int64.max, high = Int64.min
            switch column.storage {
            case .int32(let values) where column.validity == nil:
                var l = Int32.max, h = Int32.min
                values.withUnsafeBufferPointer { v in for i in range { l = Swift.min(l, v[i]); h = Swift.max(h, v[i]) } }
                if !range.isEmpty { (low, high) = (Int64(l), Int64(h)) }
            default:
                for i in range {
                    if let v = column.integer(at: i) { low = Swift.min(low, v); high = Swift.max(high, v) }
                }
            }
            return (low, high)
        }
        let low = parts.map(\.0).min() ?? .max, high = parts.map(\.1).max() ?? .min
        return low <= high ? (low, high) : nil
    }
}
