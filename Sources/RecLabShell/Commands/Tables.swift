extension Verbs {
    /// `tables`: the workspace's tables with their sizes.
    static let tables = Verb(
        name: "tables", group: .tables,
        summary: "list the tables in memory: rows, columns, memory",
        forms: ["tables"],
        example: "tables",
        gives: [.table, .text]
    ) { call in
        try call.arguments.expectEnd(usage: "tables")
        let ws = call.session.workspace
        guard !ws.names.isEmpty else { return .text("(no tables yet: try 'load movielens small')") }
        let rows = ws.names.compactMap { name in ws.tables[name].map { (name, $0) } }
        let listing = try Table(columns: [
            Column(name: "name", texts: rows.map { $0.0 }),
            Column(name: "rows", counts: rows.map { Int64($0.1.rowCount) }),
            Column(name: "columns", counts: rows.map { Int64($0.1.columns.count) }),
            Column(name: "memory", texts: rows.map { NumberFormatting.byteSize($0.1.memoryBytes) }),
        ])
        return .table(listing, rows: listing.rowCount)
    }

    /// `drop NAME...`: forget tables.
    static let drop = Verb(
        name: "drop", group: .tables,
        summary: "remove a table or a model from memory",
        forms: ["drop NAME [NAME...]"],
        example: "drop joined",
        gives: .nothing
    ) { call in
        let usage = call.usage
        var names: [Token] = []
        while !call.arguments.isAtEnd { names.append(try call.arguments.expectName("a table name", usage: usage)) }
        guard !names.isEmpty else { throw ShellError("expected a table name; usage: \(usage)", at: call.arguments.endToken) }
        let ws = call.session.workspace
        for n in names where ws.tables[n.text] == nil && ws.models[n.text] == nil {
            throw call.session.unknownTable(n)
        }
        for n in names where !call.session.workspace.drop(n.text) { call.session.workspace.dropModel(n.text) }
        return .nothing
    }
}

