import RecLab

/// An itemknn explanation as text a student can follow: the movie's mean,
/// the person's rated movies that are its neighbours, and the arithmetic.
struct ItemKNNExplanationText {
    var explanation: ItemKNNExplanation
    var title: String
    var audience: String
    var model: String
    var lookup: MovieLookup?
    var precision: Int

    /// The explanation: its lines, the neighbours as a table, the arithmetic.
    func report() throws -> [ReportPart] {
        let e = explanation
        func f(_ x: Double) -> String { x.formatted(fractionDigits: precision) }
        var report = ReportBuilder()
        var text = "\(model == "itemknn" ? model : "\(model) (itemknn)") for \(audience): \(title)\n"
        text += "  μ_i = \(f(e.itemMean)), the movie's mean rating\n"
        text += "  it has \(NumberFormatting.counted(e.neighbourCount, "similar movie")); \(audience) rated "
            + "\(e.ratedNeighbourCount) of them; "
            + (e.neighbours.count == e.ratedNeighbourCount ? "all are used" : "the \(e.neighbours.count) most similar are used (nbrs)")
            + "\n  centred = \(audience)'s rating − that movie's mean rating\n"
        if !e.neighbours.isEmpty {
            let n = e.neighbours
            var columns = [Column(name: "movieId", integers: n.map(\.item))]
            if let lookup { columns.append(Column(name: "title", texts: n.map { lookup.title(of: $0.item) })) }
            columns += [
                Column(name: "similarity", decimals: n.map(\.similarity)),
                Column(name: "rating", decimals: n.map(\.rating), fractionDigits: 1),
                Column(name: "centred", decimals: n.map(\.centredRating)),
                Column(name: "sim × centred", decimals: n.map { $0.similarity * $0.centredRating }),
            ]
            report.add(text)
            report.add(try Table(columns: columns))
            text = ""
        }
        guard let score = e.score else {
            report.add(text + "  not scored: " + (e.reason?.description ?? "no neighbours"))
            return report.finished()
        }
        if e.neighbours.count == 1, let only = e.neighbours.first {
            report.add(text + "  one neighbour: score = μ_i + centred = \(f(e.itemMean)) + \(f(only.centredRating)) = \(f(score))")
            return report.finished()
        }
        let share = e.weightedSum / e.similaritySum
        text += "  Σ sim × centred = \(f(e.weightedSum)),  Σ |sim| = \(f(e.similaritySum))\n"
        text += "  score = μ_i + Σ sim × centred / Σ |sim| = \(f(e.itemMean)) + \(e.weightedSum < 0 ? "(\(f(e.weightedSum)))" : f(e.weightedSum)) / \(f(e.similaritySum))"
            + " = \(f(e.itemMean)) \(share < 0 ? "−" : "+") \(f(abs(share))) = \(f(score))"
        report.add(text)
        return report.finished()
    }
}

/// A bias explanation: the three terms of the score.
struct BiasExplanationText {
    var explanation: BiasExplanation
    var title: String
    var audience: String
    var model: String
    var precision: Int

    var text: String {
        let e = explanation
        func f(_ x: Double) -> String { x.formatted(fractionDigits: precision) }
        func signed(_ x: Double) -> String { (x < 0 ? "− " : "+ ") + f(abs(x)) }
        return """
            \(model == "bias" ? model : "\(model) (bias)") for \(audience): \(title)
              μ   = \(f(e.globalMean)), the mean of all ratings
              b_i = \(f(e.itemBias)), how much more this movie is rated than μ (\(NumberFormatting.counted(e.itemRatingCount, "rating")))
              b_u = \(f(e.userBias)), how much more \(audience) rates than expected (\(NumberFormatting.counted(e.userRatingCount, "rating")))
              score = μ + b_i + b_u = \(f(e.globalMean)) \(signed(e.itemBias)) \(signed(e.userBias)) = \(f(e.score))
            """
    }
}
