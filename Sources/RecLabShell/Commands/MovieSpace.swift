import RecLab

/// What `similar`, `bias` and `pca` share: which model they ask (one with
/// the right kind of movie space), the movie named, and the table of movies
/// they print.
enum MovieSpace {
    /// What a verb needs of a model, with how to say so.
    struct Need {
        /// Whether a model has it.
        var accepts: @Sendable (any Recommender) -> Bool
        /// What it is, after "has no": `movie space`, `movie biases`.
        var what: String
        /// The algorithms that have it, for messages: `mf, als, lowrank, implicit, bpr or itemknn`.
        var algorithms: String
    }

    /// Movies in a vector space or with kept similarities (`similar`).
    static let space = Need(accepts: { $0 is any MovieSpaceModel }, what: "movie space",
                            algorithms: "mf, als, lowrank, implicit, bpr or itemknn")
    /// Movie vectors (`pca`).
    static let vectors = Need(accepts: { $0 is any MovieVectorModel }, what: "movie vectors", algorithms: "mf, als, lowrank, implicit or bpr")
    /// Learned movie biases (`bias`).
    static let biases = Need(accepts: { $0 is any ItemBiasModel }, what: "movie biases", algorithms: "mf, als, bpr or bias")

    /// The model named by `token`, which must have `need`; without a name,
    /// the model trained last that has it.
    static func model(named token: Token?, needing need: Need, in session: Session, at anchor: Token,
                      verb: String) throws -> TrainedModel {
        let workspace = session.workspace
        if let token {
            guard let trained = workspace.models[token.text] else {
                throw ShellError(workspace.unknownModelMessage(token.text), at: token)
            }
            guard need.accepts(trained.model) else {
                throw ShellError("'\(trained.name)' is \(kind(of: trained)), which has no \(need.what); "
                                 + "\(verb) works with \(need.algorithms) models" + others(needing: need, in: workspace),
                                 at: token)
            }
            return trained
        }
        let newestFirst = (workspace.lastModel.map { [$0] } ?? []) + workspace.modelNames.reversed()
        if let name = newestFirst.first(where: { workspace.models[$0].map { need.accepts($0.model) } ?? false }),
           let trained = workspace.models[name] {
            return trained
        }
        throw ShellError("no model with \(need.what) yet: \(verb) works with \(need.algorithms) models; train one first",
                         at: anchor)
    }

    /// `an itemknn model`, `a bias model`: the model's algorithm with its article.
    static func kind(of trained: TrainedModel) -> String {
        let algorithm = trained.model.algorithm
        // By sound: "an mf" (em-ef), "a userknn" (you-ser).
        let an = algorithm.hasPrefix("mf") || "aeio".contains(algorithm.first ?? "x")
        return (an ? "an " : "a ") + algorithm + " model"
    }

    /// ` (yours: a, b)` listing the workspace's models that have `need`, or nothing.
    private static func others(needing need: Need, in workspace: Workspace) -> String {
        let names = workspace.modelNames.filter { workspace.models[$0].map { need.accepts($0.model) } ?? false }
        return names.isEmpty ? "" : " (yours: \(names.joined(separator: ", ")))"
    }

    /// Reads `with MODEL`'s name, refusing a second `with`.
    static func takeModel(_ arguments: inout Arguments, into name: inout Token?, usage: String) throws {
        guard let word = arguments.peek, word.isWord("with") else { return }
        guard name == nil else { throw ShellError("'with' is given twice", at: word) }
        name = try ModelQuery.takeModelName(&arguments, usage: usage)
    }

    /// The movie `token` names: a title (looked up in `lookup`, the table
    /// `movies`) or a movieId; a bare movieId is taken as is when `movies`
    /// is not loaded. Errors as `rate` and `predict` give them.
    static func movie(_ token: Token, lookup: MovieLookup?, session: Session) throws -> (id: Int64, title: String) {
        guard let lookup else {
            if token.number != nil, let id = Int64(token.text) { return (id, "movie \(id)") }
            throw ShellError("movies are looked up in the table 'movies': load it first (load movielens small)", at: token)
        }
        return try MovieChoice.resolve(token, in: lookup, session: session)
    }

    /// A lookup over the table `movies`, or `nil` when it is not loaded.
    static func lookup(in session: Session, at anchor: Token) throws -> MovieLookup? {
        guard let movies = session.workspace.tables["movies"] else { return nil }
        do throws(RecLabError) { return try MovieLookup(movies: movies) } catch {
            throw ShellError("the table 'movies' cannot name movies: \(error.message)", at: anchor)
        }
    }

    /// rank, movieId, title, genres (with `movies` loaded), year (when
    /// asked), count (training ratings), then the score column `scoreName`.
    static func table(_ items: [ScoredItem], lookup: MovieLookup?, matrix: RatingMatrix, scoreName: String,
                      year: Bool = false) throws -> Table {
        var columns = [
            Column(name: "rank", integers: items.indices.map { Int64($0 + 1) }),
            Column(name: "movieId", integers: items.map(\.item)),
        ]
        if let lookup {
            let titles = items.map { lookup.title(of: $0.item) }
            columns.append(Column(name: "title", texts: titles))
            if lookup.hasGenres { columns.append(Column(name: "genres", texts: items.map { lookup.genres(of: $0.item) })) }
            if year {
                let years = titles.map { $0.flatMap(TitleYear.year(in:)) }
                columns.append(Column(name: "year", integers: years.map { Int64($0 ?? 0) },
                                      validity: Validity(years.map { $0 != nil })))
            }
        }
        columns.append(Column(name: "count", counts: items.map { Int64(ratingCount(of: $0.item, in: matrix)) }))
        columns.append(Column(name: scoreName, decimals: items.map(\.score)))
        return try Table(columns: columns)
    }

    /// The number of training ratings of movie `id` (0 when none).
    static func ratingCount(of id: Int64, in matrix: RatingMatrix) -> Int {
        matrix.ratingCount(ofItem: id)
    }

    /// Reads `min N` (movies with fewer training ratings are left out).
    static func takeMinCount(_ arguments: inout Arguments, into value: inout Int?, usage: String) throws {
        guard let word = arguments.peek, word.isWord("min") else { return }
        guard value == nil else { throw ShellError("'min' is given twice", at: word) }
        _ = arguments.next()
        value = try arguments.expectInteger("the least number of ratings after 'min'", in: 0 ... Int(Int32.max), usage: usage)
    }
}
