import RecLab

extension Verbs {
    /// `recommend WHO [N] [with MODEL] [exclude "TERM"...] [genre "G"]`.
    static let recommend = Verb(
        name: "recommend", group: .models,
        summary: "the N best movies for a person (or a user in the data) that they have not rated",
        forms: ["recommend WHO [N] [with MODEL] [exclude \"TERM\"...] [genre \"G\"]"],
        example: """
            recommend jabril                       # ten, with the model trained last
            recommend user 42 5 with knn30
            recommend me 20 exclude "Star Wars" "Lord of the Rings" genre Comedy
            """,
        fills: ["\"G\"": .genres],
        gives: [.table, .text]
    ) { call in
        let usage = call.usage
        let (audience, whoToken) = try ModelQuery.audience(&call, usage: usage)
        let count = try call.arguments.takeInteger("the number of movies", in: 1...1_000_000) ?? 10
        var modelToken: Token?
        var excluded: [String] = []
        var genre: (name: String, token: Token)?
        let keywords: Set<String> = ["with", "exclude", "genre"]
        while let word = call.arguments.peek {
            if word.isWord("with") {
                guard modelToken == nil else { throw ShellError("'with' is given twice", at: word) }
                modelToken = try ModelQuery.takeModelName(&call.arguments, usage: usage)
            } else if call.arguments.take("exclude") {
                let before = excluded.count
                while let term = call.arguments.peek, let text = term.name,
                      !(term.kind == .word && keywords.contains(text.lowercased())) {
                    _ = call.arguments.next()
                    excluded.append(text.lowercased())
                }
                guard excluded.count > before else {
                    throw ShellError("expected words of titles to leave out after 'exclude', like exclude \"Star Wars\"",
                                     at: call.arguments.peek ?? call.arguments.endToken)
                }
            } else if call.arguments.take("genre") {
                guard genre == nil else { throw ShellError("'genre' is given twice", at: word) }
                let token = try call.arguments.expectName("a genre (like Comedy)", usage: usage)
                genre = (token.text, token)
            } else {
                throw ShellError("unexpected '\(word.text)'; usage: \(usage)", at: word)
            }
        }
        let trained = try ModelQuery.model(named: modelToken, in: call.session, at: call.arguments.verb)
        let movies = call.session.workspace.tables["movies"]
        let lookup = try movies.map { table throws -> MovieLookup in
            do throws(RecLabError) { return try MovieLookup(movies: table) } catch {
                throw ShellError("the table 'movies' cannot name movies: \(error.message)", at: call.arguments.verb)
            }
        }
        if (genre != nil || !excluded.isEmpty) && lookup == nil {
            throw ShellError("'genre' and 'exclude' need the table 'movies' (load movielens small)", at: genre?.token ?? call.arguments.verb)
        }
        var wantedGenre: String?
        if let genre, let lookup {
            let all = lookup.allGenres
            guard let match = all.first(where: { $0.lowercased() == genre.name.lowercased() }) else {
                throw ShellError(Suggestion.unknown("genre", genre.name, among: all, plural: "genres"), at: genre.token)
            }
            wantedGenre = match
        }

        let scores = try ModelQuery.scores(audience, with: trained, at: whoToken)
        let top = scores.recommend(count) { id in
            guard let lookup else { return true }
            if let wantedGenre, !(lookup.genres(of: id) ?? "").split(separator: "|").contains(Substring(wantedGenre)) {
                return false
            }
            if !excluded.isEmpty, let title = lookup.title(of: id)?.lowercased(), excluded.contains(where: title.contains) {
                return false
            }
            return true
        }
        guard !top.isEmpty else {
            if scores.scoredCount == 0 {
                throw ShellError("\(trained.name) could not score any movie for \(audience.label): "
                                 + Recommendations.whyNothingScored(trained, scores), at: whoToken)
            }
            return .text("(none of the \(NumberFormatting.counted(scores.scoredCount, "scored movie")) for \(audience.label) passes the filters)")
        }
        let table = try Recommendations.table(top, lookup: lookup, countsAsScores: trained.model.scoresAreCounts)
        return .report([.table(table, rows: top.count), .text(AnswerLine.scores(trained, for: audience))])
    }
}

/// The table `recommend` prints, and what to say when it would be empty.
enum Recommendations {
    /// rank, movieId, title, genres, score (title and genres when `movies`
    /// is loaded).
    static func table(_ items: [ScoredItem], lookup: MovieLookup?, countsAsScores: Bool = false) throws -> Table {
        var columns = [
            Column(name: "rank", integers: items.indices.map { Int64($0 + 1) }),
            Column(name: "movieId", integers: items.map(\.item)),
        ]
        if let lookup {
            columns.append(Column(name: "title", texts: items.map { lookup.title(of: $0.item) }))
            if lookup.hasGenres { columns.append(Column(name: "genres", texts: items.map { lookup.genres(of: $0.item) })) }
        }
        // `popular` scores are rating counts: whole numbers, shown as such.
        columns.append(countsAsScores ? Column(name: "score", counts: items.map { Int64($0.score) })
                                      : Column(name: "score", decimals: items.map(\.score)))
        return try Table(columns: columns)
    }

    /// Why a model scored nothing for someone whose ratings it knows.
    static func whyNothingScored(_ trained: TrainedModel, _ scores: ItemScores) -> String {
        if let knn = trained.model as? UserKNN {
            return "no movie has \(knn.parameters.minNeighbours) similar users (min_nbrs) among those who rated the same "
                + "\(NumberFormatting.counted(scores.knownCount, "movie")); rate more movies, especially popular ones"
        }
        if trained.model is ItemKNN {
            return "none of the \(NumberFormatting.counted(scores.knownCount, "movie")) rated is similar to a movie not rated; "
                + "rate more movies, especially popular ones"
        }
        return "rate more movies, especially popular ones"
    }
}
