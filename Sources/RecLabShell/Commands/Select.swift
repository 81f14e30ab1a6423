extension Verbs {
    /// `select [TABLE] COL...`: keep some columns, in the order given.
    static let select = Verb(
        name: "select", group: .tables,
        summary: "keep some columns, in the order given",
        forms: ["select [TABLE] COL [COL...]"],
        example: "select movies title year\nstats ratings by movieId | select title count mean",
        gives: .table
    ) { call in
        let table = try call.table(columnsFollow: true)
        var names: [String] = []
        while !call.arguments.isAtEnd {
            if call.arguments.takeSymbol(",") { continue }
            names.append(try call.column(of: table))
        }
        guard !names.isEmpty else {
            throw ShellError("expected column names (columns: \(Suggestion.list(table.columnNames)))", at: call.arguments.endToken)
        }
        if let dup = names.first(where: { n in names.filter { $0 == n }.count > 1 }) {
            throw ShellError("column '\(dup)' is selected twice", at: call.arguments.tokens.last { $0.text == dup })
        }
        return .table(try table.selecting(names))
    }
}
