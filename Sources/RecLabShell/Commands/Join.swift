extension Verbs {
    /// `join LEFT RIGHT [on COL] [left]`: hash join.
    static let join = Verb(
        name: "join", group: .tables,
        summary: "join two tables on a shared column (inner, or left to keep every left row)",
        forms: ["join LEFT RIGHT [on COL] [left]"],
        example: "rated = join ratings movies          # adds title, genres, year to each rating\njoin ratings links on movieId left",
        gives: .table
    ) { call in
        let usage = call.usage
        let left = try call.table()
        let rightToken = try call.arguments.expectName("the table to join with", usage: usage)
        guard let right = call.session.workspace.table(rightToken.text) else {
            throw call.session.unknownTable(rightToken)
        }
        var key: String?
        var kind = JoinKind.inner
        while !call.arguments.isAtEnd {
            if call.arguments.take("on") {
                let keyToken = call.arguments.peek
                key = try call.column(of: left)
                if let key, right.index(of: key) == nil {
                    var message = "table '\(rightToken.text)' has no column '\(key)'"
                    if let near = Suggestion.nearest(to: key, in: right.columnNames) { message += "; did you mean '\(near)'?" }
                    throw ShellError(message + " (columns: \(Suggestion.list(right.columnNames)))", at: keyToken)
                }
            } else if call.arguments.take("left") {
                kind = .left
            } else if call.arguments.take("inner") {
                kind = .inner
            } else {
                try call.arguments.expectEnd(usage: usage)
            }
        }
        return .table(try left.join(right, on: key, kind: kind, cancel: call.session.cancellation))
    }
}
