import RecLab

extension Verbs {
    /// `explain WHO MOVIE [with MODEL]`.
    static let explain = Verb(
        name: "explain", group: .models,
        summary: "why a model gives a movie its score: the neighbours, biases or factors used and the arithmetic",
        forms: ["explain WHO MOVIE [with MODEL]"],
        example: """
            explain jabril "Submarine (2010)"            # with the last model trained
            explain user 42 "Submarine (2010)" with mf   # a user in the data
            """,
        notes: """
            userknn and itemknn: the neighbours used, their similarity and centred rating,
            and the weighted mean. bias: μ + b_i + b_u. popular: the number of ratings.
            mf, als and lowrank: the terms of the score as the model adds them (μ, b_u,
            b_i, the movie's mean under normalize=on), u·v with its largest products
            u_f × v_f, and then mf's squash low + (high − low) × σ(z) or als's clamp to
            the training range; the score is exactly predict's. A person the model was
            not trained on is folded in (their vector fitted to their ratings, movie
            vectors fixed); with people=on they are the user they were trained as. Last,
            the person's rated movies nearest the movie in the model's space (cosine of
            movie vectors): not a term of the score, a hint at why it is high or low.
            ease: the weights from the person's rated movies to the movie (the largest and
            the most negative listed), which add up to the score.
            """,
        gives: [.table, .text]
    ) { call in
        let usage = call.usage
        let (audience, movie, trained, scores, modelToken) = try ModelQuery.movieQuestion(&call, usage: usage)
        if scores.isRated(movie.id) || trained.model.matrix.itemIndex(of: movie.id) == nil {
            return .text(Prediction.whyNotScored(movie: movie, audience: audience, trained: trained, scores: scores))
        }
        guard let model = trained.model as? any ExplainableModel else {
            throw ShellError("explain does not know '\(trained.model.algorithm)' models yet", at: modelToken ?? call.arguments.verb)
        }
        let question = ExplainQuestion(movie: movie, audience: audience, trained: trained, scores: scores,
                                       session: call.session)
        guard let answer = try model.explanation(question) else {
            return .text(Prediction.whyNotScored(movie: movie, audience: audience, trained: trained, scores: scores))
        }
        return answer
    }
}

/// A userknn explanation as text a student can follow: the person's mean,
/// the neighbours in a table, and the score's arithmetic.
struct UserKNNExplanationText {
    var explanation: UserKNNExplanation
    var title: String
    var audience: String
    var model: String
    var ratingCount: Int
    var minSimilarity: Double
    var precision: Int

    /// The explanation: its lines, the neighbours as a table, the arithmetic.
    func report() throws -> [ReportPart] {
        let e = explanation
        func f(_ x: Double) -> String { x.formatted(fractionDigits: precision) }
        var report = ReportBuilder()
        var lines = ["\(model == "userknn" ? model : "\(model) (userknn)") for \(audience): \(title)"]
        lines.append("  μ = \(f(e.mean)), \(audience)'s mean rating (\(NumberFormatting.counted(ratingCount, "rating")))")
        let similar = minSimilarity == 0 ? "similarity > 0" : "similarity ≥ \(minSimilarity.formatted(maxFractionDigits: 6))"
        let used = e.neighbours.count == e.eligibleCount ? "all \(e.eligibleCount) are neighbours"
            : "the \(e.neighbours.count) most similar are neighbours (nbrs)"
        lines.append("  \(NumberFormatting.counted(e.raterCount, "user")) rated it, \(e.eligibleCount) of them similar to "
                     + "\(audience) (\(similar)); \(used)")
        lines.append("  centred = a neighbour's rating − that neighbour's mean rating")
        var text = lines.joined(separator: "\n") + "\n"
        if !e.neighbours.isEmpty {
            let n = e.neighbours
            let table = try Table(columns: [
                Column(name: "user", integers: n.map(\.user)),
                Column(name: "similarity", decimals: n.map(\.similarity)),
                Column(name: "rating", decimals: n.map(\.rating), fractionDigits: 1),
                Column(name: "centred", decimals: n.map(\.centredRating)),
                Column(name: "sim × centred", decimals: n.map { $0.similarity * $0.centredRating }),
            ])
            report.add(text)
            report.add(table)
            text = ""
        }
        guard let score = e.score else {
            report.add(text + "  not scored: " + Self.shortfall(e))
            return report.finished()
        }
        let share = e.weightedSum / e.similaritySum
        text += "  Σ sim × centred = \(f(e.weightedSum)),  Σ |sim| = \(f(e.similaritySum))\n"
        text += "  score = μ + Σ sim × centred / Σ |sim| = \(f(e.mean)) + \(e.weightedSum < 0 ? "(\(f(e.weightedSum)))" : f(e.weightedSum)) / \(f(e.similaritySum))"
            + " = \(f(e.mean)) \(share < 0 ? "−" : "+") \(f(abs(share))) = \(f(score))"
        report.add(text)
        return report.finished()
    }

    /// Why an item got no score: too few neighbours.
    static func shortfall(_ e: UserKNNExplanation) -> String {
        "only \(NumberFormatting.counted(e.neighbours.count, "neighbour")) (of \(NumberFormatting.counted(e.raterCount, "rater"))) "
            + "\(e.neighbours.count == 1 ? "is" : "are") similar enough, and at least \(e.minNeighbours) are needed (min_nbrs)"
    }
}
