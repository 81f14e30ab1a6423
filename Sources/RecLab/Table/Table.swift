/// A table held in memory: named columns of equal length.
///
/// Tables are values: every verb returns a new table and shares unchanged
/// column buffers with its input (copy-on-write), so a cancelled or failed
/// command never leaves a half-built table behind.
public struct Table: Sendable {
    /// The columns, in display order; names are unique.
    public private(set) var columns: [Column]
    /// The number of rows.
    public private(set) var rowCount: Int

    /// Creates a table, checking that the columns have equal lengths and
    /// distinct names.
    public init(columns: [Column]) throws(RecLabError) {
        var seen = Set<String>()
        for c in columns where !seen.insert(c.name).inserted {
            throw RecLabError("duplicate column name '\(c.name)'", subject: c.name)
        }
        let count = columns.first?.count ?? 0
        if let odd = columns.first(where: { $0.count != count }) {
            throw RecLabError("column '\(odd.name)' has \(odd.count) rows, expected \(count)")
        }
        self.columns = columns
        self.rowCount = count
    }

    /// A table with no columns and no rows.
    public static let empty = Table(uncheckedColumns: [], rowCount: 0)

    /// For builders that already guarantee equal lengths and unique names.
    init(uncheckedColumns columns: [Column], rowCount: Int) {
        self.columns = columns
        self.rowCount = rowCount
    }

    /// The column names, in order.
    public var columnNames: [String] { columns.map(\.name) }

    /// The position of the column called `name`.
    public func index(of name: String) -> Int? {
        columns.firstIndex { $0.name == name }
    }

    /// The column called `name`, if any.
    public func column(named name: String) -> Column? {
        index(of: name).map { columns[$0] }
    }

    /// The column called `name`, or an error naming the nearest column.
    public func requireColumn(_ name: String) throws(RecLabError) -> Column {
        if let c = column(named: name) { return c }
        throw unknownColumn(name)
    }

    /// The error for a column name that is not in the table.
    public func unknownColumn(_ name: String) -> RecLabError {
        RecLabError(Suggestion.unknown("column", name, among: columnNames, plural: "columns"), subject: name)
    }

    /// The rows at `indices`, in that order.
    ///
    /// - Complexity: O(`indices.count` × columns).
    public func gather(_ indices: [Int]) -> Table {
        Table(uncheckedColumns: columns.map { $0.gather(indices) }, rowCount: indices.count)
    }

    /// The first `n` rows.
    public func head(_ n: Int) -> Table {
        gather(Array(0..<max(0, min(n, rowCount))))
    }

    /// The last `n` rows.
    public func tail(_ n: Int) -> Table {
        gather(Array(max(0, rowCount - max(0, n))..<rowCount))
    }

    /// The named columns, in the order given.
    public func selecting(_ names: [String]) throws(RecLabError) -> Table {
        var picked: [Column] = []
        for n in names { picked.append(try requireColumn(n)) }
        return try Table(columns: picked)
    }

    /// This table with `column` added at the end (or replacing the column of
    /// the same name).
    public func adding(_ column: Column) throws(RecLabError) -> Table {
        var cols = columns
        if let i = index(of: column.name) { cols[i] = column } else { cols.append(column) }
        if columns.isEmpty { return try Table(columns: [column]) }
        return try Table(columns: cols)
    }

    /// Approximate bytes held by the table's buffers.
    public var memoryBytes: Int { columns.reduce(0) { $0 + $1.memoryBytes } }
}
