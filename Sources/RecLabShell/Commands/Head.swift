extension Verbs {
    /// `head [TABLE] [N]`: the first rows.
    static let head = Verb(
        name: "head", group: .tables,
        summary: "show the first rows of a table (default 10)",
        forms: ["head [TABLE] [N]"],
        example: "head ratings        # the first 10 ratings\nratings | head 3",
        gives: .table
    ) { call in
        try firstOrLast(&call, usage: "head [TABLE] [N]") { $0.head($1) }
    }

    /// `tail [TABLE] [N]`: the last rows.
    static let tail = Verb(
        name: "tail", group: .tables,
        summary: "show the last rows of a table (default 10)",
        forms: ["tail [TABLE] [N]"],
        example: "tail ratings 5",
        gives: .table
    ) { call in
        try firstOrLast(&call, usage: "tail [TABLE] [N]") { $0.tail($1) }
    }

    private static func firstOrLast(_ call: inout Invocation, usage: String, _ pick: (Table, Int) -> Table) throws -> Outcome {
        let table = try call.table()
        let n = call.arguments.isAtEnd
            ? call.session.settings.headRows
            : try call.arguments.expectInteger("the number of rows", usage: usage)
        try call.arguments.expectEnd(usage: usage)
        return .table(pick(table, n), rows: n)
    }
}
