import RecLab

extension Verbs {
    /// `similar MOVIE [N] [with MODEL] [metric cosine|l1] [min N]`.
    static let similar = Verb(
        name: "similar", group: .models,
        summary: "the movies closest to one movie in a model's movie space (mf, als, lowrank, implicit, bpr, itemknn, ease)",
        forms: ["similar MOVIE [N] [with MODEL] [metric cosine|l1] [min N]"],
        example: """
            similar "Mary Poppins (1964)"            # ten, with the last mf/lowrank/itemknn model
            similar "Mary Poppins (1964)" 5 min 50   # only movies with 50 ratings or more
            similar 1 5 with m metric l1             # Toy Story, by summed absolute difference
            similar "Toy Story (1995)" with knn      # an itemknn model's kept neighbours
            """,
        notes: """
            mf and lowrank compare movie vectors (biases left out): cosine similarity by
            default, or with 'metric l1' the sum of absolute differences (lower is
            closer), as the low-rank tutorial ranks movies.
            itemknn lists the neighbours it kept when trained (cosine of mean-centred
            ratings, at least min_sim), most similar first; it has no 'metric l1'. ease lists the
            movies with the largest weights from the movie (what having rated it adds to
            their scores), in a 'weight' column.
            The movie asked about is never listed (for every model, it would be first).
            count is the movie's number of ratings in the training data; 'min N' leaves
            out movies with fewer.
            """,
        fills: ["MODEL": .models(where: MovieSpace.space.accepts)],
        gives: [.table, .text]
    ) { call in
        let usage = call.usage
        guard let movieToken = call.arguments.next() else {
            throw ShellError("expected a movie (a movieId or a title in quotes); usage: \(usage)", at: call.arguments.endToken)
        }
        guard movieToken.name != nil || movieToken.number != nil else {
            throw ShellError("expected a movie (a movieId or a title in quotes), found '\(movieToken.text)'", at: movieToken)
        }
        let count = try call.arguments.takeInteger("the number of movies", in: 1...1_000_000) ?? 10
        var modelToken: Token?
        var metric: (value: SimilarityMetric, token: Token)?
        var minCount: Int?
        while let word = call.arguments.peek {
            if word.isWord("with") {
                try MovieSpace.takeModel(&call.arguments, into: &modelToken, usage: usage)
            } else if word.isWord("metric") {
                guard metric == nil else { throw ShellError("'metric' is given twice", at: word) }
                _ = call.arguments.next()
                let name = try call.arguments.expectName("a metric (cosine or l1)", usage: usage)
                let all = SimilarityMetric.allCases.map(\.rawValue)
                guard let value = SimilarityMetric(rawValue: name.text.lowercased()) else {
                    throw ShellError(Suggestion.unknown("metric", name.text, among: all, plural: "metrics"), at: name)
                }
                metric = (value, name)
            } else if word.isWord("min") {
                try MovieSpace.takeMinCount(&call.arguments, into: &minCount, usage: usage)
            } else {
                throw ShellError("unexpected '\(word.text)'; usage: \(usage)", at: word)
            }
        }
        let trained = try MovieSpace.model(named: modelToken, needing: MovieSpace.space, in: call.session,
                                           at: call.arguments.verb, verb: "similar")
        let lookup = try MovieSpace.lookup(in: call.session, at: call.arguments.verb)
        let movie = try MovieSpace.movie(movieToken, lookup: lookup, session: call.session)
        let matrix = trained.model.matrix
        guard matrix.itemIndex(of: movie.id) != nil else {
            throw ShellError("nobody in '\(trained.table)' rated \(movie.title), so \(trained.name) has no place for it "
                             + "in its movie space", at: movieToken)
        }
        guard let space = trained.model as? any MovieSpaceModel else {
            throw ShellError("\(trained.name) has no movie space", at: modelToken ?? call.arguments.verb)
        }
        let chosen = metric?.value ?? .cosine
        if let metric, !space.similarityMetrics.contains(metric.value) {
            throw ShellError("'\(trained.name)' is an \(trained.model.algorithm) model: it keeps similarities, not vectors, so it has no "
                             + "'metric \(metric.value.rawValue)' (use an mf, als, lowrank, implicit or bpr model)", at: metric.token)
        }
        let items = try space.similarMovies(to: movie.id, count: count, metric: chosen, minCount: minCount ?? 0)
        let scoreName = chosen == .cosine ? space.similarityColumn : "difference"
        guard !items.isEmpty else {
            return .text("(\(trained.name) keeps no movie similar to \(movie.title)"
                         + (minCount.map { " with \($0) ratings or more" } ?? "") + ")")
        }
        let table = try MovieSpace.table(items, lookup: lookup, matrix: matrix, scoreName: scoreName)
        return .report([.table(table, rows: items.count), .text(AnswerLine.similarity(trained, metric: metric?.value))])
    }
}
