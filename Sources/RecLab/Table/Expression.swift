/// A row condition, as `filter` takes it: `count >= 20`,
/// `genres contains "Action"`, `movieId in good`, combined with
/// `and`, `or`, `not`.
///
/// The shell parses the user's words into an `Expression` (resolving table
/// names for `in`); the engine evaluates it over a table.
public indirect enum Expression: Sendable {
    /// `COLUMN OP VALUE`, e.g. `rating >= 4`, `title == "Heat (1995)"`.
    case compare(column: String, op: ComparisonOperator, value: Value)
    /// `COLUMN contains "TEXT"`: case-insensitive substring of a text column.
    case contains(column: String, text: String)
    /// `COLUMN matches "REGEX"`: a regular expression search in a text column.
    case matches(column: String, pattern: String)
    /// `COLUMN in TABLE`: keep rows whose value appears in column
    /// `otherColumn` of `table` (the column of the same name, or the
    /// other table's only column).
    case isIn(column: String, table: Table, otherColumn: String, tableName: String)
    /// `COLUMN is missing`.
    case isMissing(column: String)
    case and(Expression, Expression)
    case or(Expression, Expression)
    case not(Expression)
}

/// The comparison operators of ``Expression/compare(column:op:value:)``.
public enum ComparisonOperator: String, Sendable, CaseIterable {
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
}
