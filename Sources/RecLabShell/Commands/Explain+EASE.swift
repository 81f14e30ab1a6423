import RecLab

extension EASE: ExplainableModel {
    /// The weights from the person's rated movies to the movie, largest
    /// first, and their sum.
    func explanation(_ q: ExplainQuestion) throws -> Outcome? {
        let explanation = try q.audience.ask(person: { explain(ratings: $0, item: q.movie.id) },
                                             user: { try explain(user: $0, item: q.movie.id) })
        guard let explanation else { return nil }
        return .report(try EASEExplanationText(explanation: explanation, title: q.movie.title, audience: q.audience.label,
                                               model: q.trained.name, lookup: q.lookup, precision: q.precision).report())
    }
}

/// An ease explanation a student can follow: each rated movie's weight to
/// the movie, the largest and the most negative shown, and their sum.
struct EASEExplanationText {
    /// How many of the largest and of the most negative weights are listed.
    static let shownCount = 5

    var explanation: EASEExplanation
    var title: String
    var audience: String
    var model: String
    var lookup: MovieLookup?
    var precision: Int

    /// The lines, the weights as a table, the sum.
    func report() throws -> [ReportPart] {
        let e = explanation
        func f(_ x: Double) -> String { x.formatted(fractionDigits: precision) }
        var report = ReportBuilder()
        var text = "\(model == "ease" ? model : "\(model) (ease)") for \(audience): \(title)\n"
        text += "  score = Σ weight(rated movie → \(title)) over the \(NumberFormatting.counted(e.contributions.count, "movie"))"
            + " \(audience) rated that ease kept"
        if e.notKept > 0 { text += " (\(e.notKept) more rated, not kept: too few ratings; they add nothing)" }
        text += "\n  a weight is what having rated a movie adds; ratings themselves do not count, only that they were given"
        let parts = Self.shown(e.contributions)
        if !parts.isEmpty {
            var columns = [Column(name: "movieId", integers: parts.map(\.item))]
            if let lookup { columns.append(Column(name: "title", texts: parts.map { lookup.title(of: $0.item) })) }
            columns.append(Column(name: "weight", decimals: parts.map(\.weight)))
            report.add(text + "\n")
            report.add(try Table(columns: columns))
            text = ""
        }
        let positive = e.contributions.reduce(0) { $0 + max($1.weight, 0) }
        let negative = e.contributions.reduce(0) { $0 + min($1.weight, 0) }
        let left = e.contributions.count - parts.count
        if left > 0 { text += "  (\(left) smaller weights not listed)\n" }
        text += "  score = \(f(positive)) from positive weights − \(f(-negative)) from negative ones = \(f(e.score))"
        report.add(text)
        return report.finished()
    }

    /// The largest weights, then the most negative ones (all when few).
    static func shown(_ all: [EASEExplanation.Contribution]) -> [EASEExplanation.Contribution] {
        guard all.count > 2 * shownCount else { return all }
        return Array(all.prefix(shownCount)) + Array(all.suffix(shownCount))
    }
}
