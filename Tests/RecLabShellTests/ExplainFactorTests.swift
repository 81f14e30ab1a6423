import Foundation
import Testing
@testable import RecLabShell

/// The numbers an explanation prints, read back by their labels.
struct ExplainedTerms {
    let text: String

    /// The number after `label` (`"b_u = "`) on the first line that has it.
    func value(_ label: String) -> Double? {
        guard let start = text.range(of: label)?.upperBound else { return nil }
        return Double(text[start...].prefix { $0.isNumber || $0 == "." || $0 == "-" })
    }

    /// The last number of the first line that contains `label`.
    func last(on label: String) -> String? {
        guard let line = lines.first(where: { $0.contains(label) }) else { return nil }
        return line.split(separator: " ").last.map(String.init)
    }

    /// The score as printed: the last number of the line giving it.
    var score: String? { last(on: "score = ") }
    /// z as printed: the last number of its line.
    var z: Double? { last(on: "  z = ").flatMap(Double.init) }

    var lines: [String] { text.split(separator: "\n").map(String.init) }

    /// The score `predict` printed (`mf predicts 3.0890 for jabril: …`).
    static func predicted(_ line: String) -> String? {
        guard let start = line.range(of: " predicts ")?.upperBound else { return nil }
        return String(line[start...].prefix { $0 != " " })
    }
}

/// `explain` with mf and als end to end on ml-latest-small (small, fast
/// settings), with the Crash Course lab's people.
@Suite struct ExplainFactorTests {
    let h: SessionHarness

    init() throws {
        h = try SessionHarness.withMovieLens()
        let folder = TestData.root.appendingPathComponent("crashcourse").path
        h.run("rate jabril from \(folder)/jabril-movie-ratings.csv")
        h.run("rate jgb from \(folder)/jgb-movie-ratings.csv")
    }

    /// `explain` and `predict` of the same question, at full precision:
    /// the explained score is the predicted one to all 15 digits.
    func explainAndPredict(_ question: String, sourceLocation: SourceLocation = #_sourceLocation) -> ExplainedTerms {
        h.run("set precision 15")
        defer { h.run("set precision 4") }
        let explained = ExplainedTerms(text: h.run("explain " + question))
        let predicted = ExplainedTerms.predicted(h.run("predict " + question))
        #expect(predicted != nil && explained.score == predicted, "\(explained.text)",
                sourceLocation: sourceLocation)
        return explained
    }

    @Test func mfShowsTheBiasesTheDotProductAndTheSquash() throws {
        #expect(h.run("train mf factors=8 epochs=1").hasSuffix("mf: trained on ratings (100,836 ratings by 610 users of 9,724 movies)\n"))
        let text = h.run(#"explain jabril "Submarine (2010)""#)
        let lines = text.split(separator: "\n")
        #expect(lines.count <= 15, "\(text)")
        #expect(lines.first == "mf for jabril: Submarine (2010)")
        #expect(lines.dropFirst().first?.hasPrefix("  jabril is folded in: vector and bias fitted to their 85 ratings, "
                                                   + "movie vectors fixed (ridge") == true)
        #expect(text.contains("  b_i = ") && text.contains(", the movie's bias (3 ratings)\n"))
        #expect(text.contains("  u·v = ") && text.contains("over 8 factors; the largest of its terms u_f × v_f:\n"))
        // The printed terms add up, and the squash of z is the score.
        let t = ExplainedTerms(text: text)
        let (bu, bi, dot, z) = try (#require(t.value("b_u = ")), #require(t.value("b_i = ")), #require(t.value("u·v = ")),
                                    #require(t.z))
        #expect(abs(bu + bi + dot - z) < 3e-4, "\(text)")
        let score = try #require(t.score.flatMap(Double.init))
        #expect(abs(5.5 / (1 + exp(-z)) - score) < 1e-3, "\(text)")
        #expect(text.contains("score = low + (high − low) × σ(z) = 0 + 5.5 × "))
        // Three factor lines, largest product first.
        let factorLines = lines.filter { $0.hasPrefix("    f") }
        #expect(factorLines.count == 3, "\(text)")
        let products = factorLines.compactMap { $0.split(separator: " ").last.flatMap { Double($0) } }
        #expect(products.count == 3 && zip(products, products.dropFirst()).allSatisfy { abs($0) >= abs($1) })
        // Nearest rated movies: jabril's, with the ratings he gave.
        let near = try #require(lines.firstIndex { $0.contains("jabril's rated movies nearest it in the model's movie space") })
        #expect(lines.count == near + 4)
        #expect(lines[(near + 1)...].allSatisfy { $0.contains(", rated ") })
        let lookup = try MovieLookup(movies: #require(h.session.workspace.tables["movies"]))
        for line in lines[(near + 1)...] {
            let parts = line.split(separator: ", rated ")
            try #require(parts.count == 2, "\(line)")
            let title = String(parts[0].drop { $0 == " " }.drop { $0 != " " }.drop { $0 == " " })
            let movie = try lookup.find(title)
            #expect(h.session.people["jabril"]?.ratings[movie.id] == Double(parts[1]), "\(line)")
        }

        // The explained score is exactly predict's, for the person, a data user, and recommend's.
        explainAndPredict(#"jabril "Submarine (2010)""#)
        let user = explainAndPredict(#"user 42 "Submarine (2010)""#)
        #expect(user.lines.dropFirst().first == "  user 42's vector and bias were learned in training (440 ratings in 'ratings')")
        h.run("set precision 15")
        let top = h.run("recommend user 42 1").split(separator: "\n").filter { $0.hasPrefix("│") }.last?
            .split(separator: "│").map { $0.trimmingCharacters(in: .whitespaces) }
        try #require(top?.count == 5, "\(String(describing: top))")
        let (topId, topScore) = try (#require(top?[1]), #require(top?[4]))
        #expect(ExplainedTerms(text: h.run("explain user 42 \(topId)")).score == topScore, "\(String(describing: top))")
    }

    @Test func mfWithPeopleOnUsesThePersonsTrainedVector() {
        #expect(h.run("m = train mf factors=8 epochs=1 people=on").contains("m: mf trained on ratings"))
        let text = explainAndPredict(#"jabril "Submarine (2010)""#).text
        #expect(!text.contains("folded in"))
        // Users 1–610 are the data's; jabril and jgb come next, in name order.
        #expect(text.contains("\n  jabril was trained as user 611 (people=on): vector and bias learned from 85 ratings\n"), "\(text)")
        // It is the very vector of user 611.
        let user = explainAndPredict(#"user 611 "Submarine (2010)""#)
        #expect(user.score == ExplainedTerms(text: text).score && user.value("b_u = ") == ExplainedTerms(text: text).value("b_u = "))
        // A movie rated since training is not a candidate: one line.
        h.run(#"rate jabril "Submarine (2010)" 4"#)
        #expect(h.run(#"explain jabril "Submarine (2010)""#)
                == "jabril rated Submarine (2010) already, so m does not score it (only unrated movies are candidates)\n")
    }

    @Test func alsShowsTheMeanTheBiasesAndTheClamp() throws {
        #expect(h.run("train als features=8 iters=2 samples=0").hasPrefix("als: trained on ratings"))
        let text = h.run(#"explain jabril "Submarine (2010)""#)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count <= 15, "\(text)")
        #expect(lines.first == "als for jabril: Submarine (2010)")
        #expect(lines.dropFirst().first == "  jabril is folded in: vector and bias fitted to their 85 ratings, movie vectors fixed "
                + "(damped mean bias, then ridge regression, as training solves a user)")
        #expect(lines.dropFirst(2).first == "  μ   = 3.5016, the mean of all ratings in 'ratings'")
        let t = ExplainedTerms(text: text)
        let terms = try [t.value("μ   = "), t.value("b_u = "), t.value("b_i = "), t.value("u·v = ")].map { try #require($0) }
        let z = try #require(t.z)
        #expect(abs(terms.reduce(0, +) - z) < 3e-4, "\(text)")
        #expect(text.contains("  als clamps scores to 0.5–5, the training ratings' range: z is inside, so score = "
                              + "\(z.formatted(fractionDigits: 4))\n"), "\(text)")
        explainAndPredict(#"jabril "Submarine (2010)""#)
        explainAndPredict(#"user 42 "Submarine (2010)""#)
        // User 1's top movie overshoots the highest rating: the clamp is shown.
        let clamped = explainAndPredict("user 1 318").text
        #expect(clamped.contains("  als clamps scores to 0.5–5, the training ratings' range: z is above 5, so score = "
                                 + "5.000000000000000\n"), "\(clamped)")
        let overshoot = try #require(ExplainedTerms(text: clamped).z)
        #expect(overshoot > 5)
        // The Bayesian average folds people in by the posterior mean.
        h.run("b = train als features=3 iters=1 samples=3 burn=1")
        let bayes = explainAndPredict(#"jgb "Submarine (2010)" with b"#).text
        #expect(bayes.contains("(the posterior mean, as the Bayesian sweeps solve a user)"), "\(bayes)")
        #expect(bayes.contains("over 3 features; the terms u_f × v_f:\n"), "\(bayes)")
    }

    @Test func unscorableMoviesGetOneLine() {
        h.run("few = filter ratings movieId != 2571")
        h.run("train mf factors=8 epochs=1 on few")
        #expect(h.run("explain jabril 2571")
                == "nobody in 'few' rated Matrix, The (1999), so mf cannot score it\n")
        #expect(h.run("explain user 42 2571") == "nobody in 'few' rated Matrix, The (1999), so mf cannot score it\n")
        #expect(h.run(#"explain jabril "Princess Bride""#)
                == "jabril rated Princess Bride, The (1987) already, so mf does not score it (only unrated movies are candidates)\n")
        #expect(h.run("explain user 1 1") == "user 1 rated Toy Story (1995) already, so mf does not score it (only unrated movies are candidates)\n")
    }

    @Test func badInputIsOneLineAndChangesNothing() {
        h.run("train als features=4 iters=1 samples=0")
        h.refuses("explain user 99999 1", blaming: "99999",
                  with: "user 99999 is not in 'ratings', the ratings 'als' was trained on")
        h.refuses("explain jabril 1 with nosuch", blaming: "nosuch") { $0.hasPrefix("unknown model 'nosuch'") }
        h.refuses("explain jabril 99999999", blaming: "99999999") { $0.contains("99999999") }
        h.refuses("explain nobody 1", blaming: "nobody") { $0.hasPrefix("no person 'nobody'") }
        h.refuses("explain jabril") { $0.hasPrefix("expected a movie") }
        h.refuses("explain user 1.5 1", blaming: "1.5", with: "a user id is a whole number, not '1.5'")
        h.refuses("explain user 1 1 with als extra", blaming: "extra") { $0.hasPrefix("unexpected 'extra'") }
    }

    @Test func implicitIsTheDotProductAloneAndBPRAddsTheMovieBias() throws {
        h.run("train implicit features=6 iters=2")
        let implicit = explainAndPredict(#"jabril "Submarine (2010)""#)
        #expect(implicit.lines.first == "implicit for jabril: Submarine (2010)")
        #expect(implicit.lines.dropFirst().first?.hasPrefix("  jabril is folded in: vector fitted to their 85 ratings") == true,
                "\(implicit.text)")
        #expect(implicit.text.contains("over 6 features; the largest of its terms u_f × v_f:\n"), "\(implicit.text)")
        #expect(!implicit.text.contains("b_i") && !implicit.text.contains("μ") && !implicit.text.contains("clamps"))
        #expect(implicit.value("u·v = ") == implicit.value("score = u·v = "))
        explainAndPredict(#"user 42 "Submarine (2010)""#)

        h.run("train bpr features=5 epochs=3")
        let bpr = explainAndPredict(#"jgb "Submarine (2010)""#)
        #expect(bpr.lines.first == "bpr for jgb: Submarine (2010)")
        #expect(bpr.text.contains("(3 gradient steps per rated movie on rated-versus-unrated pairs, as in training)"),
                "\(bpr.text)")
        #expect(bpr.text.contains("over 5 factors; the largest of its terms u_f × v_f:\n"), "\(bpr.text)")
        #expect(!bpr.text.contains("b_u") && !bpr.text.contains("μ") && !bpr.text.contains("clamps"))
        let bias = try #require(bpr.value("b_i = ")), dot = try #require(bpr.value("u·v = "))
        let score = try #require(bpr.score.flatMap(Double.init))
        #expect(abs(bias + dot - score) < 1e-12, "\(bpr.text)")
        explainAndPredict(#"user 42 "Submarine (2010)""#)
    }
}

/// `explain` with lowrank on the LinkedIn Learning tutorial's data.
@Suite struct ExplainLowRankTests {
    let h = SessionHarness()

    init() throws {
        let folder = TestData.root.appendingPathComponent("linkedin-recs").path
        let loaded = h.run("ratings = load \(folder)/movie_ratings_data_set.csv") + h.run("load \(folder)/movies.csv")
        try #require(loaded == "ratings: 680 rows × 3 columns\nmovies: 34 rows × 3 columns\n", "\(loaded)")
    }

    func predicted(_ question: String) -> String? { ExplainedTerms.predicted(h.run("predict " + question)) }

    @Test func lowRankIsTheDotProductAndTheMovieMeanWhenNormalised() throws {
        h.run("train lowrank")
        h.run("set precision 15")
        let text = h.run("explain user 1 3")
        let lines = text.split(separator: "\n")
        #expect(lines.first == "lowrank for user 1: The Sheriff 2")
        #expect(lines.dropFirst().first == "  user 1's vector was learned in training (6 ratings in 'ratings')")
        #expect(text.contains("over 15 features; the largest of its terms u_f × v_f:\n"))
        #expect(!text.contains("b_u") && !text.contains("m_i"))
        let t = ExplainedTerms(text: text)
        #expect(t.score == predicted("user 1 3"), "\(text)")
        #expect(t.value("u·v = ") == t.value("score = u·v = "))

        h.run(#"rate fan 3 5"#)
        h.run(#"rate fan 5 1"#)
        h.run("n = train lowrank normalize=on")
        let fan = ExplainedTerms(text: h.run("explain fan 7"))
        #expect(fan.lines.dropFirst().first == "  fan is folded in: vector fitted to their 2 ratings, movie vectors fixed (ridge regression, λ = 0.1)")
        let mean = try #require(fan.value("m_i = ")), dot = try #require(fan.value("u·v = "))
        let score = try #require(fan.score.flatMap(Double.init))
        #expect(abs(mean + dot - score) < 1e-12, "\(fan.text)")
        #expect(fan.score == predicted("fan 7"))
        // The movie's mean is its mean rating in the tutorial's data.
        h.run("set precision 4")
        let stats = h.run("filter ratings movie_id == 7 | stats by movie_id of value")
        #expect(stats.contains(mean.formatted(fractionDigits: 4)), "\(stats)")
        #expect(fan.text.contains("fan's rated movies nearest it in the model's movie space (cosine of vectors):\n"))
        #expect(fan.lines.suffix(2).allSatisfy { $0.hasSuffix(", rated 5") || $0.hasSuffix(", rated 1") }, "\(fan.text)")
    }
}
