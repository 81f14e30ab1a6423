import RecLab

extension Verbs {
    /// `find TEXT [N]`: the movies a title may mean.
    static let find = Verb(
        name: "find", group: .people,
        summary: "look up movies by title: words, the start of a word, or a typo; most-rated first",
        forms: ["find TEXT [N]"],
        example: """
            find godfather              # the movieIds to rate or ask about
            find "star wars" 20
            find matrx                  # a typo still finds Matrix, The (1999)
            """,
        notes: """
            Titles are matched ignoring case, the year and a leading or trailing article,
            then by words: each word of TEXT is a word of the title, the start of one, or
            a typo of one. With 'ratings' loaded, each movie's number of ratings and mean
            rating are shown and the most-rated come first. A title ending in a number is
            quoted: find "toy story 2".
            """,
        gives: [.table, .text]
    ) { call in
        let usage = call.usage
        var words = Array(call.arguments.takeRest())
        guard !words.isEmpty else {
            throw ShellError("expected words of a title; usage: \(usage)", at: call.arguments.endToken)
        }
        var limit = 10
        if words.count > 1, let last = words.last, let n = last.number {
            guard let whole = WholeNumber.exact(n, in: 1 ... 100_000) else {
                throw ShellError("the number of movies must be a whole number from 1 to 100,000", at: last)
            }
            limit = whole
            words.removeLast()
        }
        if let symbol = words.first(where: { $0.kind == .symbol }) {
            throw ShellError("unexpected '\(symbol.text)' in a title: quote it (find \"…\"); usage: \(usage)", at: symbol)
        }
        let text = words.map(\.text).joined(separator: " ")
        guard let lookup = try MovieSpace.lookup(in: call.session, at: call.arguments.verb) else {
            throw ShellError("movies are looked up in the table 'movies': load it first (load movielens small)", at: words[0])
        }
        let found = lookup.search(text)
        guard !found.isEmpty else {
            return .text("(no movie title has the words '\(text)'; try fewer or shorter words)")
        }
        return .table(try MovieSearchTable.make(found, limit: limit, lookup: lookup, session: call.session), rows: limit)
    }
}

/// The table `find` shows: movieId, title, genres, and with `ratings`
/// loaded each movie's count and mean rating, most-rated first.
enum MovieSearchTable {
    static func make(_ movies: [MovieLookup.Movie], limit: Int, lookup: MovieLookup, session: Session) throws -> Table {
        var movies = movies
        var stats: [Int64: (count: Int64, mean: Double)] = [:]
        let ratings = session.workspace.tables["ratings"].flatMap { $0.index(of: "movieId") != nil && $0.index(of: "rating") != nil ? $0 : nil }
        if let ratings {
            do throws(RecLabError) {
                let grouped = try ratings.groupStats(by: "movieId", of: "rating", cancel: session.cancellation)
                let ids = try grouped.requireColumn("movieId"), counts = try grouped.requireColumn("count")
                let means = try grouped.requireColumn("mean")
                let wanted = Set(movies.map(\.id))
                for row in 0 ..< grouped.rowCount {
                    guard let id = ids.integer(at: row), wanted.contains(id), let n = counts.integer(at: row) else { continue }
                    stats[id] = (n, means.number(at: row) ?? .nan)
                }
            } catch {
                throw ShellError("cannot count the ratings of 'ratings': \(error.message)", at: nil)
            }
            movies.sort { a, b in
                let (x, y) = (stats[a.id]?.count ?? 0, stats[b.id]?.count ?? 0)
                return x != y ? x > y : a.id < b.id
            }
        } else {
            movies.sort { $0.id < $1.id }
        }
        let shown = Array(movies.prefix(limit))
        var columns = [
            Column(name: "movieId", integers: shown.map(\.id)),
            Column(name: "title", texts: shown.map(\.title)),
        ]
        if lookup.hasGenres {
            columns.append(Column(name: "genres", texts: shown.map { lookup.genres(of: $0.id) }))
        }
        if ratings != nil {
            let counts = shown.map { stats[$0.id]?.count ?? 0 }
            var rated = Validity(count: shown.count, allValid: true)
            for (k, movie) in shown.enumerated() where stats[movie.id] == nil { rated.set(k, false) }
            columns.append(Column(name: "ratings", counts: counts))
            columns.append(Column(name: "mean", decimals: shown.map { stats[$0.id]?.mean ?? 0 }, validity: rated, fractionDigits: 2))
        }
        return try Table(columns: columns)
    }
}
