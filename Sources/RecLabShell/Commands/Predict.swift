import RecLab

extension Verbs {
    /// `predict WHO MOVIE [with MODEL]`.
    static let predict = Verb(
        name: "predict", group: .models,
        summary: "the score a model gives one movie for a person (or a user in the data)",
        forms: ["predict WHO MOVIE [with MODEL]"],
        example: "predict jgb \"Princess Bride\"\npredict user 42 260 with knn30",
        gives: .text
    ) { call in
        let usage = call.usage
        let (audience, movie, trained, scores, _) = try ModelQuery.movieQuestion(&call, usage: usage)
        let precision = call.session.settings.precision
        if let score = scores.score(ofItem: movie.id) {
            return .text("\(trained.name) predicts \(score.formatted(fractionDigits: precision)) for \(audience.label): \(movie.title)\n"
                         + AnswerLine.prediction(trained))
        }
        return .text(Prediction.whyNotScored(movie: movie, audience: audience, trained: trained, scores: scores))
    }
}

/// What to say when a movie has no score.
enum Prediction {
    /// One line: rated already, unknown to the model, or too few neighbours.
    static func whyNotScored(movie: (id: Int64, title: String), audience: Audience, trained: TrainedModel,
                             scores: ItemScores) -> String {
        if scores.isRated(movie.id) {
            return "\(audience.label) rated \(movie.title) already, so \(trained.name) does not score it "
                + "(only unrated movies are candidates)"
        }
        guard trained.model.matrix.itemIndex(of: movie.id) != nil else {
            return "nobody in '\(trained.table)' rated \(movie.title), so \(trained.name) cannot score it"
        }
        let question = ExplainQuestion(movie: movie, audience: audience, trained: trained, scores: scores, session: nil)
        let reason = (trained.model as? any ExplainableModel)?.shortfall(question)
        if let reason { return "\(trained.name) cannot score \(movie.title) for \(audience.label): \(reason)" }
        return "\(trained.name) cannot score \(movie.title) for \(audience.label)"
    }
}
