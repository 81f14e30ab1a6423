// Placeholder until the real renderer lands (branch `render`).
public struct TableRenderer {
    public var maxRows: Int
    public var maxWidth: Int?
    public var precision: Int
    public init(maxRows: Int, maxWidth: Int?, precision: Int) {
        self.maxRows = maxRows; self.maxWidth = maxWidth; self.precision = precision
    }
    public func render(_ table: Table) -> String {
        var s = table.columnNames.joined(separator: "\t") + "\n"
        for r in 0..<min(maxRows, table.rowCount) {
            s += table.columns.map { $0.value(at: r).description }.joined(separator: "\t") + "\n"
        }
        return s
    }
    public static func summary(name: String, table: Table) -> String {
        "\(name): \(table.rowCount) rows × \(table.columns.count) columns"
    }
    public static func displayWidth(_ s: String) -> Int { s.count }
}
