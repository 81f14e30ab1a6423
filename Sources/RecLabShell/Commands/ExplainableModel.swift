import RecLab

/// What `explain` asks a model: the movie, who for, the model as bound in
/// the session and the scores it already gave them.
struct ExplainQuestion {
    var movie: (id: Int64, title: String)
    var audience: Audience
    var trained: TrainedModel
    var scores: ItemScores
    /// The session (its settings and tables); `nil` for a one-line reason.
    var session: Session?

    /// The session's number of decimals.
    var precision: Int { session?.settings.precision ?? 4 }
    /// Titles and genres, when `movies` is loaded.
    var lookup: MovieLookup? { session?.workspace.tables["movies"].flatMap { try? MovieLookup(movies: $0) } }
}

/// A model kind `explain` can take apart: each kind says how its score for
/// one movie is made, in its own terms (neighbours, biases, factors,
/// weights). A new kind conforms in its own `Explain+Kind.swift`; factor
/// models get theirs from ``FactorExplaining``.
protocol ExplainableModel: Recommender {
    /// The explanation of the question's movie, a candidate the model
    /// knows; `nil` when the model gave it no score (then `explain` says
    /// why, as `predict` does).
    func explanation(_ question: ExplainQuestion) throws -> Outcome?
    /// Why the question's movie got no score, in a few words the model
    /// knows (`only 2 neighbours…`); `nil` when it has none to give.
    func shortfall(_ question: ExplainQuestion) -> String?
    /// Why the model scored no movie at all for someone whose ratings it
    /// knows, with what to do about it; `nil` for the general advice.
    func whyNothingScored(_ scores: ItemScores) -> String?
}

extension ExplainableModel {
    /// None by default.
    func shortfall(_ question: ExplainQuestion) -> String? { nil }
    /// The general advice by default.
    func whyNothingScored(_ scores: ItemScores) -> String? { nil }
}

extension ExplainableModel where Self: FactorExplaining {
    /// The terms of the score as the model adds them (``FactorExplanationText``).
    func explanation(_ question: ExplainQuestion) throws -> Outcome? {
        try FactorExplanationText.explain(self, question).map(Outcome.text)
    }
}

extension MatrixFactorization: ExplainableModel {}
extension ALSModel: ExplainableModel {}
extension LowRank: ExplainableModel {}
extension ImplicitMF: ExplainableModel {}
extension BPRModel: ExplainableModel {}

extension UserKNN: ExplainableModel {
    /// The neighbours, their centred ratings and the weighted mean.
    func explanation(_ q: ExplainQuestion) throws -> Outcome? {
        let knnScores = try q.audience.ask(person: { score(ratings: $0) }, user: { try score(user: $0) })
        guard let explanation = knnScores.explain(item: q.movie.id) else { return nil }
        let text = UserKNNExplanationText(explanation: explanation, title: q.movie.title, audience: q.audience.label,
                                          model: q.trained.name, ratingCount: knnScores.ratingCount,
                                          minSimilarity: parameters.minSimilarity, precision: q.precision)
        return .report(try text.report())
    }

    /// Too few similar neighbours rated the movie.
    func shortfall(_ q: ExplainQuestion) -> String? {
        (try? q.audience.ask(person: { score(ratings: $0) }, user: { try score(user: $0) }))?
            .explain(item: q.movie.id).map(UserKNNExplanationText.shortfall)
    }

    /// No movie has `min_nbrs` similar users.
    func whyNothingScored(_ scores: ItemScores) -> String? {
        "no movie has \(parameters.minNeighbours) similar users (min_nbrs) among those who rated the same "
            + "\(NumberFormatting.counted(scores.knownCount, "movie")); rate more movies, especially popular ones"
    }
}

extension ItemKNN: ExplainableModel {
    /// The movie's mean, the person's rated neighbours and the arithmetic.
    func explanation(_ q: ExplainQuestion) throws -> Outcome? {
        let explanation = try q.audience.ask(person: { explain(ratings: $0, item: q.movie.id) },
                                             user: { try explain(user: $0, item: q.movie.id) })
        guard let explanation else { return nil }
        let text = ItemKNNExplanationText(explanation: explanation, title: q.movie.title, audience: q.audience.label,
                                          model: q.trained.name, lookup: q.lookup, precision: q.precision)
        return .report(try text.report())
    }

    /// What kept the movie from a score (too few rated neighbours).
    func shortfall(_ q: ExplainQuestion) -> String? {
        (try? q.audience.ask(person: { explain(ratings: $0, item: q.movie.id) },
                             user: { try explain(user: $0, item: q.movie.id) }))??.reason?.description
    }

    /// None of the rated movies has a neighbour among the others.
    func whyNothingScored(_ scores: ItemScores) -> String? {
        "none of the \(NumberFormatting.counted(scores.knownCount, "movie")) rated is similar to a movie not rated; "
            + "rate more movies, especially popular ones"
    }
}

extension BiasModel: ExplainableModel {
    /// μ + b_i + b_u.
    func explanation(_ q: ExplainQuestion) throws -> Outcome? {
        let explanation = try q.audience.ask(person: { explain(ratings: $0, item: q.movie.id) },
                                             user: { try explain(user: $0, item: q.movie.id) })
        guard let explanation else { return nil }
        return .text(BiasExplanationText(explanation: explanation, title: q.movie.title, audience: q.audience.label,
                                         model: q.trained.name, precision: q.precision).text)
    }
}

extension PopularModel: ExplainableModel {
    /// The movie's number of ratings.
    func explanation(_ q: ExplainQuestion) throws -> Outcome? {
        let count = ratingCount(of: q.movie.id) ?? 0
        return .text("\(q.trained.name) (popular) scores each movie by its number of ratings: \(q.movie.title) has "
                     + "\(NumberFormatting.counted(count, "rating")) in '\(q.trained.table)'")
    }
}
