extension Verbs {
    /// `filter [TABLE] EXPR`: keep the rows where a condition holds.
    static let filter = Verb(
        name: "filter", group: .tables,
        summary: "keep the rows where a condition holds",
        forms: ["filter [TABLE] EXPR"],
        example: """
            filter ratings rating >= 4.5
            filter movies genres contains "Action" and year >= 2000
            filter movies title matches "^Star Wars"
            filter ratings movieId in popular      # movies that appear in table popular
            # operators: == != < <= > >=, contains, matches, in TABLE, is missing,
            # combined with and, or, not and parentheses
            """,
        gives: .table
    ) { call in
        let table = try call.table(columnsFollow: true)
        let condition = try ExpressionParser.parse(
            call.arguments.takeRest(), table: table, workspace: call.session.workspace, end: call.arguments.endToken)
        return .table(try table.filter(condition, cancel: call.session.cancellation))
    }
}
