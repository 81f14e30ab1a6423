extension Verbs {
    /// `stats [TABLE] by COL [of COL]`: count, mean, std, min, max per group.
    static let stats = Verb(
        name: "stats", group: .tables,
        summary: "count, mean, std, min, max of a column per group (titles added for movies)",
        forms: ["stats [TABLE] by COL [of COL]"],
        example: """
            avg = stats ratings by movieId        # per movie: count, mean, ... of rating
            stats ratings by userId of rating
            """,
        gives: .table
    ) { call in
        let usage = call.usage
        let table = try call.table(keywords: ["by"])
        try call.arguments.expect("by", usage: usage)
        let key = try call.column(of: table)
        var value = "rating"
        if call.arguments.take("of") {
            value = try call.column(of: table)
        } else if table.index(of: value) == nil {
            throw ShellError("no 'rating' column to summarise: say which with 'of COL'", at: call.arguments.peek ?? call.arguments.endToken)
        }
        try call.arguments.expectEnd(usage: usage)
        let cancel = call.session.cancellation
        var stats = try table.groupStats(by: key, of: value, cancel: cancel)
        if key == "movieId", table.index(of: "title") == nil,
           let movies = call.session.workspace.tables["movies"], movies.index(of: "movieId") != nil {
            stats = try withTitles(stats, from: movies, cancel: cancel)
        }
        return .table(stats)
    }

    /// Adds the movies' `title` (after the key) and `genres` (last), so a
    /// per-movie summary reads by name.
    private static func withTitles(_ stats: Table, from movies: Table, cancel: Cancellation) throws -> Table {
        let wanted = ["movieId", "title", "genres"].filter { movies.index(of: $0) != nil }
        guard wanted.count > 1 else { return stats }
        let joined = try stats.join(try movies.selecting(wanted), on: "movieId", kind: .left, cancel: cancel)
        var order = ["movieId"]
        if joined.index(of: "title") != nil { order.append("title") }
        order += stats.columnNames.dropFirst()
        if joined.index(of: "genres") != nil { order.append("genres") }
        return try joined.selecting(order)
    }
}
