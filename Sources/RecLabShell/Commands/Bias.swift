import RecLab

extension Verbs {
    /// `bias MODEL [top|bottom] [N] [min N]`.
    static let bias = Verb(
        name: "bias", group: .models,
        summary: "movies by the bias a model learned for them: the most (top) or least (bottom) appreciated",
        forms: ["bias MODEL [top|bottom] [N] [min N]"],
        example: """
            bias mf                     # the ten movies with the highest learned bias
            bias mf bottom 10           # the ten with the lowest
            bias b top 20 min 100       # a bias model, only movies with 100 ratings or more
            """,
        notes: """
            A movie's bias is how much better (or worse) it is rated than the rest of the
            model explains: for an mf model the item bias added to u·v, for a bias model
            b_i = Σ (r − μ) / (n + damping). Unlike a mean rating it discounts who rated
            the movie, so it says which movies people like more than their taste alone
            would predict.
            count is the movie's number of ratings in the training data; 'min N' leaves
            out movies with fewer.
            """,
        fills: ["MODEL": .models(where: MovieSpace.biases.accepts)],
        gives: [.table, .text]
    ) { call in
        let usage = call.usage
        let name = try call.arguments.expectName("a model with movie biases (mf, als, bpr or bias)", usage: usage)
        var lowest: Bool?
        var count: Int?
        var minCount: Int?
        while let word = call.arguments.peek {
            if word.isWord("top") || word.isWord("bottom") {
                guard lowest == nil else { throw ShellError("'top' or 'bottom' is given twice", at: word) }
                _ = call.arguments.next()
                lowest = word.isWord("bottom")
            } else if word.number != nil {
                guard count == nil else { throw ShellError("the number of movies is given twice", at: word) }
                count = try call.arguments.takeInteger("the number of movies", in: 1...1_000_000)
            } else if word.isWord("min") {
                try MovieSpace.takeMinCount(&call.arguments, into: &minCount, usage: usage)
            } else {
                throw ShellError("unexpected '\(word.text)'; usage: \(usage)", at: word)
            }
        }
        let trained = try MovieSpace.model(named: name, needing: MovieSpace.biases, in: call.session,
                                           at: call.arguments.verb, verb: "bias")
        guard let model = trained.model as? any ItemBiasModel else {
            throw ShellError("\(trained.name) has no movie biases", at: name)
        }
        let items = model.moviesByBias(count ?? 10, lowest: lowest ?? false, minCount: minCount ?? 0)
        guard !items.isEmpty else {
            return .text("(no movie of \(trained.name) has \(minCount ?? 0) ratings or more)")
        }
        let lookup = try MovieSpace.lookup(in: call.session, at: call.arguments.verb)
        return .table(try MovieSpace.table(items, lookup: lookup, matrix: model.matrix, scoreName: "bias", year: true),
                      rows: items.count)
    }
}
