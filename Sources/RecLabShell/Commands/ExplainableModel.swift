import RecLab

/// What `explain` asks a model: the movie, who for, the model as bound in
/// the session and the scores it already gave them.
struct ExplainQuestion {
    var movie: (id: Int64, title: String)
    var audience: Audience
    var trained: TrainedModel
    var scores: ItemScores
    var session: Session

    /// The session's number of decimals.
    var precision: Int { session.settings.precision }
    /// Titles and genres, when `movies` is loaded.
    var lookup: MovieLookup? { session.workspace.tables["movies"].flatMap { try? MovieLookup(movies: $0) } }
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
