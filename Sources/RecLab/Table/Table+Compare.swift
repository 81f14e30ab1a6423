extension Table {
    /// Flags for `column OP value` (see ``filter(_:cancel:)`` for the rules).
    ///
    /// Numbers compare numerically whatever their storage (`rating > 4`
    /// with an integer literal works on decimals); text compares exactly
    /// and case-sensitively, ordered by Unicode string order.
    ///
    /// - Complexity: O(rows) on all cores; O(distinct texts) string
    ///   comparisons for text columns.
    func compareMask(_ column: Column, _ op: ComparisonOperator, _ value: Value, cancel: Cancellation) throws(RecLabError) -> [Bool] {
        let validity = column.validity
        switch (column.storage, value) {
        case (_, .missing):
            throw RecLabError("cannot compare column '\(column.name)' with a missing value; use '\(column.name) is missing'",
                              subject: column.name)
        case (.text(_, let dictionary), .text(let literal)):
            let answers = dictionary.map { op.holds($0, literal) }
            return try maskFromDictionary(column, answers, cancel: cancel)
        case (.text, _):
            throw RecLabError("cannot compare text column '\(column.name)' with the number \(value); put text in quotes",
                              subject: column.name)
        case (_, .text(let literal)):
            throw RecLabError("cannot compare \(column.type) column '\(column.name)' with the text \"\(literal)\"",
                              subject: column.name)
        case (.int32(let values), .integer(let literal)):
            return try Table.compareValues(values, op, literal, validity, cancel) { Int64($0) }
        case (.int64(let values), .integer(let literal)):
            return try Table.compareValues(values, op, literal, validity, cancel) { $0 }
        case (.int32(let values), .decimal(let literal)):
            return try Table.compareValues(values, op, literal, validity, cancel) { Double($0) }
        case (.int64(let values), .decimal(let literal)):
            return try Table.compareValues(values, op, literal, validity, cancel) { Double($0) }
        case (.decimal(let values), .integer(let literal)):
            return try Table.compareValues(values, op, Double(literal), validity, cancel) { $0 }
        case (.decimal(let values), .decimal(let literal)):
            return try Table.compareValues(values, op, literal, validity, cancel) { $0 }
        }
    }

    /// The vectorisable loop: one pass per operator over the raw values,
    /// each converted by `widen` to the literal's type.
    ///
    /// - Complexity: O(`values.count`) on all cores.
    @inline(__always)
    static func compareValues<Stored: Sendable, Literal: Comparable & Sendable>(
        _ values: [Stored], _ op: ComparisonOperator, _ literal: Literal, _ validity: Validity?,
        _ cancel: Cancellation, _ widen: @escaping @Sendable (Stored) -> Literal
    ) throws(RecLabError) -> [Bool] {
        try Parallel.fill(count: values.count, initial: false, cancel: cancel) { range, out in
            values.withUnsafeBufferPointer { v in
                switch op {
                case .equal: for i in range { out[i] = widen(v[i]) == literal }
                case .notEqual: for i in range { out[i] = widen(v[i]) != literal }
                case .less: for i in range { out[i] = widen(v[i]) < literal }
                case .lessOrEqual: for i in range { out[i] = widen(v[i]) <= literal }
                case .greater: for i in range { out[i] = widen(v[i]) > literal }
                case .greaterOrEqual: for i in range { out[i] = widen(v[i]) >= literal }
                }
            }
            clearMissing(validity, range, out)
        }
    }
}

extension ComparisonOperator {
    /// Whether `left OP right` holds.
    @inlinable
    func holds<T: Comparable>(_ left: T, _ right: T) -> Bool {
        switch self {
        case .equal: return left == right
        case .notEqual: return left != right
        case .less: return left < right
        case .lessOrEqual: return left <= right
        case .greater: return left > right
        case .greaterOrEqual: return left >= right
        }
    }
}
