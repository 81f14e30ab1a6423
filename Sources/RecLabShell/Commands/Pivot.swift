extension Verbs {
    /// `pivot [TABLE] rows COL cols COL values COL [agg …]`: a dense view.
    static let pivot = Verb(
        name: "pivot", group: .tables,
        summary: "one row per value of a column, one column per value of another",
        forms: ["pivot [TABLE] rows COL cols COL values COL [agg mean|max|min|sum|count|first]"],
        example: "pivot ratings rows userId cols movieId values rating agg max",
        gives: .table
    ) { call in
        let usage = call.usage
        let table = try call.table(keywords: ["rows"])
        try call.arguments.expect("rows", usage: usage)
        let rows = try call.column(of: table)
        try call.arguments.expect("cols", usage: usage)
        let cols = try call.column(of: table)
        try call.arguments.expect("values", usage: usage)
        let values = try call.column(of: table)
        var aggregate = PivotAggregate.mean
        if call.arguments.take("agg") {
            let t = try call.arguments.expectName("an aggregate", usage: usage)
            guard let a = PivotAggregate(rawValue: t.text.lowercased()) else {
                throw ShellError("unknown aggregate '\(t.text)' (one of: \(PivotAggregate.allCases.map(\.rawValue).joined(separator: ", ")))", at: t)
            }
            aggregate = a
        }
        try call.arguments.expectEnd(usage: usage)
        return .table(try table.pivot(rows: rows, columns: cols, values: values, aggregate: aggregate, cancel: call.session.cancellation))
    }
}
