import Foundation
import Testing
@testable import RecLabShell

/// `train lowrank` end to end on the LinkedIn Learning tutorial's data
/// (`user_id, movie_id, value` ratings, `movie_id, title, genre` movies),
/// and its bad settings.
@Suite struct LowRankVerbTests {
    let h = SessionHarness()

    init() throws {
        let folder = TestData.root.appendingPathComponent("linkedin-recs").path
        let loaded = h.run("ratings = load \(folder)/movie_ratings_data_set.csv") + h.run("load \(folder)/movies.csv")
        try #require(loaded == "ratings: 680 rows × 3 columns\nmovies: 34 rows × 3 columns\n", "\(loaded)")
    }

    /// The rows of a rendered table as their cells, trimmed.
    func rows(_ text: String) -> [[String]] {
        text.split(separator: "\n").filter { $0.hasPrefix("│") }.dropFirst().map { line in
            line.split(separator: "│").map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }

    /// The numbers after "cost " and "training RMSE " in a summary line.
    func figures(_ line: Substring) -> (cost: Double, rmse: Double)? {
        func number(after label: String) -> Double? {
            guard let start = line.range(of: label)?.upperBound else { return nil }
            return Double(line[start...].prefix { $0.isNumber || $0 == "." })
        }
        guard let cost = number(after: "cost "), let rmse = number(after: "training RMSE ") else { return nil }
        return (cost, rmse)
    }

    @Test func trainsOnTheTutorialsColumnsAndSaysHowTheOptimiserEnded() throws {
        let out = h.run("train lowrank features=15 reg=0.1")
        let lines = out.split(separator: "\n")
        try #require(lines.count == 2, "\(out)")
        #expect(lines[0] == "lowrank: trained on ratings (680 ratings by 100 users of 34 movies)")
        #expect(lines[1].hasPrefix("L-BFGS converged in ") && lines[1].contains(" iterations: cost "), "\(lines[1])")
        // scipy's fmin_cg ends the tutorial's fit at cost 32.5044, training RMSE 0.0205.
        let (cost, rmse) = try #require(figures(lines[1]))
        #expect(cost > 32.50 && cost < 32.52 && rmse < 0.025, "\(lines[1])")
        let model = try #require(h.session.workspace.models["lowrank"])
        #expect(model.settingsText.hasPrefix("features=15 reg=0.1 iters=") && model.settingsText.hasSuffix(" seed=42"))

        let cg = h.run("tutorial = train lowrank cg=on iters=40 seed=7")
        #expect(cg.hasPrefix("tutorial: lowrank trained on ratings (680 ratings by 100 users of 34 movies)\n"
                             + "conjugate gradient stopped at the limit of 40 iterations before converging: cost "), "\(cg)")
        #expect(h.session.workspace.models["tutorial"]?.settingsText == "features=15 reg=0.1 iters=40 seed=7")
    }

    @Test func fitGoesOnFromTheVectorsItReached() throws {
        let first = h.run("train lowrank iters=10").split(separator: "\n")
        try #require(first.count == 2, "\(first)")
        #expect(first[1].hasPrefix("L-BFGS stopped at the limit of 10 iterations before converging"), "\(first[1])")
        let before = try #require(figures(first[1]))
        let more = h.run("fit lowrank 20").split(separator: "\n")
        try #require(more.count == 2, "\(more)")
        #expect(more[0] == "lowrank: 20 more iterations (30 in all)")
        let after = try #require(figures(more[1]))
        #expect(after.cost < before.cost && after.rmse < before.rmse, "\(before) → \(after)")
        // Fitting to convergence stops early and says so; the count is the iterations done.
        let rest = h.run("fit lowrank 5000").split(separator: "\n")
        try #require(rest.count == 2, "\(rest)")
        #expect(rest[1].hasPrefix("L-BFGS converged in "), "\(rest[1])")
        let done = try #require(Int(rest[0].split(separator: " ")[1]))
        #expect(done > 0 && done < 5000 && rest[0].hasSuffix("(\(30 + done) in all)"), "\(rest[0])")
    }

    @Test func theTutorialsSplitTrainAndRecommendWithTitles() throws {
        #expect(h.run("train, test = split ratings 70% seed 1") == "train: 476 rows × 3 columns\ntest: 204 rows × 3 columns\n")
        #expect(h.run("train lowrank on train").hasPrefix("lowrank: trained on train (476 ratings by 100 users of "))
        // Titles and genres come from the tutorial's movies table (movie_id, title, genre).
        let table = rows(h.run("recommend user 1 5"))
        #expect(table.count == 5 && table.allSatisfy { $0.count == 5 && !$0[2].isEmpty && !$0[3].isEmpty }, "\(table)")
        let rated = Set(rows(h.run("filter train user_id == 1 | select movie_id")).map { $0[0] })
        #expect(!rated.isEmpty && rated.isDisjoint(with: table.map { $0[1] }))
        // A person who rated one tutorial movie (normalised model: movie means plus their taste).
        h.run("train lowrank normalize=on on train")
        h.run("rate fan 3 5")
        let forFan = rows(h.run("recommend fan 3"))
        #expect(forFan.count == 3 && !forFan.contains { $0[1] == "3" })
        #expect(h.run("predict user 1 3").hasPrefix("lowrank predicts "))
    }

    @Test func badSettingsAreRefusedWithOneLine() {
        h.refuses("train lowrank features=0", blaming: "0", with: "features must be a whole number from 1 to 1024, not '0'")
        h.refuses("train lowrank reg=-0.1", blaming: "-0.1", with: "reg must be a number from 0 to 1000000, not '-0.1'")
        h.refuses("train lowrank iters=2.5", blaming: "2.5", with: "iters must be a whole number from 1 to 1000000, not '2.5'")
        h.refuses("train lowrank factors=15", blaming: "factors",
                  with: "unknown lowrank setting 'factors' (settings: features, reg, iters, seed, normalize, cg)")
        h.refuses("train lowrank feature=15", blaming: "feature", with: "unknown lowrank setting 'feature'; did you mean 'features'?")
        h.refuses("train lowrank cg=maybe", blaming: "maybe", with: "cg is on or off, not 'maybe'")
        h.refuses("train lowrank on movies", blaming: "movies") { $0.hasPrefix("cannot train on 'movies': ") && $0.contains("user_id") }
        #expect(h.session.workspace.modelNames.isEmpty)
    }
}
