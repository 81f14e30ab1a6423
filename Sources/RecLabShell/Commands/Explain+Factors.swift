import Foundation
import RecLab

/// `explain` for the factor models (`mf`, `als`, `lowrank`, `implicit`, `bpr`): where the
/// person's vector came from, each term of the score, the factors that
/// weigh most in u·v, what the model does to the sum, and the person's
/// rated movies nearest the movie in the model's space.
struct FactorExplanationText {
    /// How many factors' products are shown.
    static let leadingFactorCount = 3
    /// How many nearby rated movies are listed.
    static let closestCount = 3

    var explanation: FactorExplanation
    var model: any FactorExplaining
    var name: String
    var table: String
    var title: String
    var audience: String
    /// The person's user id when they were trained as a user (`people=on`).
    var trainedAs: Int64?
    var lookup: MovieLookup?
    var precision: Int

    /// The explanation of the question's movie by factor model `model`;
    /// `nil` when the movie has no vector.
    static func explain(_ model: any FactorExplaining, _ q: ExplainQuestion) throws -> String? {
        var trainedAs: Int64?
        let explanation: FactorExplanation?
        if case .person(let person) = q.audience, let id = q.trained.people[person.name] {
            trainedAs = id
            explanation = try model.explain(user: id, item: q.movie.id, closest: closestCount)
        } else {
            explanation = try q.audience.ask(
                person: { model.explain(ratings: $0, item: q.movie.id, closest: closestCount) },
                user: { try model.explain(user: $0, item: q.movie.id, closest: closestCount) })
        }
        guard let explanation else { return nil }
        return FactorExplanationText(explanation: explanation, model: model, name: q.trained.name,
                                     table: q.trained.table, title: q.movie.title, audience: q.audience.label,
                                     trainedAs: trainedAs, lookup: q.lookup, precision: q.precision).text
    }

    var text: String {
        let e = explanation
        let algorithm = model.algorithm
        var lines = ["\(name == algorithm ? name : "\(name) (\(algorithm))") for \(audience): \(title)"]
        lines.append("  " + origin)
        var terms: [(symbol: String, value: Double)] = []
        if let mean = e.globalMean {
            lines.append("  μ   = \(f(mean)), the mean of all ratings in '\(table)'")
            terms.append(("μ", mean))
        }
        if let bias = e.userBias {
            lines.append("  b_u = \(f(bias)), \(audience)'s bias")
            terms.append(("b_u", bias))
        }
        if let bias = e.itemBias {
            lines.append("  b_i = \(f(bias)), the movie's bias (\(NumberFormatting.counted(e.itemRatingCount, "rating")))")
            terms.append(("b_i", bias))
        }
        if let mean = e.itemMean {
            lines.append("  m_i = \(f(mean)), the movie's mean rating (normalize=on takes it out before factoring, then adds it back)")
            terms.append(("m_i", mean))
        }
        terms.append(("u·v", e.dot))
        lines += dotLines
        let sum = terms.count == 1 ? "u·v = \(f(e.dot))"
            : terms.map(\.symbol).joined(separator: " + ") + " = " + signedSum(terms.map(\.value)) + " = \(f(e.z))"
        switch e.output {
        case .identity:
            lines.append("  score = " + sum)
        case .clamp(let low, let high):
            lines.append("  z = " + sum)
            let side = !e.isClamped ? "inside" : e.z > high ? "above \(plain(high))" : "below \(plain(low))"
            lines.append("  \(algorithm) clamps scores to \(plain(low))–\(plain(high)), the training ratings' range: "
                         + "z is \(side), so score = \(f(e.score))")
        case .sigmoidRange(let low, let high):
            lines.append("  z = " + sum)
            let sigmoid = 1 / (1 + exp(-e.z))
            lines.append("  score = low + (high − low) × σ(z) = \(plain(low)) + \(plain(high - low)) × \(f(sigmoid)) = \(f(e.score))")
            lines.append("    σ(z) = 1 / (1 + e^−z) is between 0 and 1; low \(plain(low)) and high \(plain(high)) are "
                         + "the ratings' range widened by half a star")
        }
        lines += closestLines
        return lines.joined(separator: "\n")
    }

    /// Where the person's vector (and bias) came from.
    var origin: String {
        let what = explanation.userBias == nil ? "vector" : "vector and bias"
        switch explanation.person {
        case .trained(let user):
            let count = model.matrix.userIndex(of: user).map { model.matrix.entries(ofUser: $0).count } ?? 0
            let ratings = NumberFormatting.counted(count, "rating")
            if let trainedAs {
                return "\(audience) was trained as user \(trainedAs) (people=on): \(what) learned from \(ratings)"
            }
            return "\(audience)'s \(what) \(what == "vector" ? "was" : "were") learned in training "
                + "(\(ratings) in '\(table)')"
        case .foldedIn(let known):
            return "\(audience) is folded in: \(what) fitted to their \(NumberFormatting.counted(known, "rating")), "
                + "movie vectors fixed (\(model.foldInMethod))"
        }
    }

    /// u·v and its largest products u_f × v_f, in aligned columns.
    var dotLines: [String] {
        let e = explanation
        let count = e.userVector.count
        let factors = NumberFormatting.counted(count, model.vectorEntryName)
        let leading = e.leadingFactors(Self.leadingFactorCount)
        let which = leading.count == count ? "the terms u_f × v_f" : "the largest of its terms u_f × v_f"
        var lines = ["  u·v = \(f(e.dot)), \(audience)'s vector · the movie's over \(factors); \(which):"]
        let rows = leading.map { ["f\($0.factor + 1)", f(e.userVector[$0.factor]), f(e.itemVector[$0.factor]), f($0.product)] }
        let widths = (0 ..< 4).map { c in rows.map { $0[c].count }.max() ?? 0 }
        func pad(_ s: String, _ c: Int) -> String { String(repeating: " ", count: widths[c] - s.count) + s }
        for row in rows {
            lines.append("    \(row[0].padding(toLength: widths[0], withPad: " ", startingAt: 0))  "
                         + "\(pad(row[1], 1)) × \(pad(row[2], 2)) = \(pad(row[3], 3))")
        }
        return lines
    }

    /// The person's rated movies nearest this one, with their ratings.
    var closestLines: [String] {
        let near = explanation.closestRated
        guard !near.isEmpty else { return [] }
        var lines = ["  \(audience)'s rated movies nearest it in the model's movie space (cosine of vectors):"]
        for movie in near {
            let title = lookup?.title(of: movie.item) ?? "movie \(movie.item)"
            lines.append("    \(f(movie.cosine))  \(title), rated \(plain(movie.rating))")
        }
        return lines
    }

    func f(_ x: Double) -> String { x.formatted(fractionDigits: precision) }

    /// A setting or rating as typed: `5.5`, `0.1`, `4`.
    func plain(_ x: Double) -> String {
        let text = x.formatted(maxFractionDigits: 6)
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// `0.1234 − 0.2494 + 0.3012`.
    func signedSum(_ values: [Double]) -> String {
        values.enumerated().map { k, x in
            k == 0 ? f(x) : (x < 0 ? "− " : "+ ") + f(abs(x))
        }.joined(separator: " ")
    }
}
