extension Verbs {
    /// `sort [TABLE] by COL [asc|desc] [, COL [asc|desc]]...`: stable sort.
    static let sort = Verb(
        name: "sort", group: .tables,
        summary: "sort rows by one or more columns (stable: ties keep their order)",
        forms: ["sort [TABLE] by COL [asc|desc] [, COL [asc|desc]]..."],
        example: "sort movies by year desc, title\nstats ratings by movieId | sort by count desc",
        gives: .table
    ) { call in
        let usage = call.usage
        let table = try call.table(keywords: ["by"])
        try call.arguments.expect("by", usage: usage)
        var keys: [SortKey] = []
        repeat {
            let column = try call.column(of: table)
            let descending = call.arguments.take("desc")
            if !descending { _ = call.arguments.take("asc") }
            keys.append(SortKey(column: column, descending: descending))
        } while call.arguments.takeSymbol(",")
        try call.arguments.expectEnd(usage: usage)
        return .table(try table.sorted(by: keys, cancel: call.session.cancellation))
    }

    /// `top [TABLE] N by COL`: the N rows with the largest values.
    static let top = Verb(
        name: "top", group: .tables,
        summary: "the N rows with the largest values of a column (ties keep their order)",
        forms: ["top [TABLE] N by COL"],
        example: "avg = stats ratings by movieId\ntop avg 10 by mean",
        gives: .table
    ) { call in
        let usage = call.usage
        let table = try call.table(keywords: ["by"])
        let n = try call.arguments.expectInteger("the number of rows", usage: usage)
        try call.arguments.expect("by", usage: usage)
        let column = try call.column(of: table)
        try call.arguments.expectEnd(usage: usage)
        return .table(try table.top(n, by: column, cancel: call.session.cancellation), rows: n)
    }
}
