extension Verbs {
    /// `describe [TABLE]`: a summary of each column.
    static let describe = Verb(
        name: "describe", group: .tables,
        summary: "per column: type, count, missing, unique, mean, std, min, max, quartiles",
        forms: ["describe [TABLE]"],
        example: "describe ratings",
        gives: .table
    ) { call in
        let table = try call.table()
        try call.arguments.expectEnd(usage: "describe [TABLE]")
        let summary = try table.describe(cancel: call.session.cancellation)
        return .table(summary, rows: summary.rowCount)
    }
}
