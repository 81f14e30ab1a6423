import Foundation
import Testing
@testable import RecLabShell

/// split, train, evaluate and compare end to end on ml-latest-small, and
/// every bad input to evaluate and compare.
@Suite struct EvaluateVerbTests {
    let h: SessionHarness

    init() throws {
        h = try SessionHarness.withMovieLens()
        for line in ["train, test = split ratings 80% seed 42", "b = train bias on train", "p = train popular on train"] {
            let out = h.run(line)
            try #require(!out.contains("error"), "\(line): \(out)")
        }
    }

    /// The rows of a rendered table as their cells, trimmed.
    func rows(_ text: String) -> [[String]] {
        text.split(separator: "\n").filter { $0.hasPrefix("│") }.dropFirst().map { line in
            line.split(separator: "│").map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }

    /// How many rows of `test` have a movie that `train` lacks (the rows no
    /// model trained on `train` can score), counted from the tables.
    func rowsWithUnknownMovies() throws -> Int {
        let train = try #require(h.session.workspace.tables["train"]), test = try #require(h.session.workspace.tables["test"])
        let trainMovies = try #require(train.column(named: "movieId")), testMovies = try #require(test.column(named: "movieId"))
        let known = Set((0 ..< train.rowCount).compactMap { trainMovies.integer(at: $0) })
        return (0 ..< test.rowCount).filter { !known.contains(testMovies.integer(at: $0) ?? -1) }.count
    }

    @Test func evaluatePrintsOneRowAndSaysWhatTheFallbackDid() throws {
        let unknown = try rowsWithUnknownMovies()
        let out = h.run("evaluate b on test")
        let table = rows(out)
        try #require(table.count == 1, "\(out)")
        #expect(Array(table[0].prefix(4)) == ["b", "bias", "20,167", String(format: "%.3f", 1 - Double(unknown) / 20_167)])
        let (rmse, all) = (Double(table[0][4]) ?? 0, Double(table[0][6]) ?? 0)
        #expect(rmse > 0.8 && rmse < 0.95 && all > 0.8 && all < 0.95)
        #expect(out.contains("\(unknown) of 20,167 rows predicted by the fallback (bias, damping 5, trained on 'train'): "
                             + "\(unknown) with a movie not in 'train'\n"))
        #expect(out.contains("rmse_all, mae_all: every held-out row of 'test'"))
        // The table is also the last result.
        #expect(h.session.workspace.last?.columnNames == ["model", "algorithm", "rows", "coverage", "rmse", "mae", "rmse_all", "mae_all"])
    }

    @Test func theReportPipesItsTableAndANotebookKeepsItAsATable() throws {
        h.run("c = train bias damping=0 on train")
        let piped = h.run("compare c b on test | select model rmse_all")
        let table = rows(piped)
        #expect(table.map { $0[0] } == ["b", "c"], "ranked by rmse_all: \(piped)")
        #expect(!piped.contains("fallback"), "a pipe passes the table alone: \(piped)")
        h.session.perform("evaluate b on test")
        let blocks = h.session.notebook.cells.last?.blocks ?? []
        guard blocks.count == 2, case .table(let shown) = blocks[0], case .text(let notes) = blocks[1] else {
            Issue.record("expected a table then notes, got \(blocks)")
            return
        }
        #expect(shown.headers.first == "model" && shown.rows.count == 1)
        #expect(notes.contains("rows predicted by the fallback"))
    }

    @Test func compareRanksModelsByErrorOverAllRows() throws {
        h.run("knn = train userknn on train")
        h.run("a = train als features=5 samples=20 burn=2 on train")
        // A part of the test rows keeps the debug build quick.
        h.run("few = filter test userId <= 60")
        let out = h.run("compare b knn a on few")
        let table = rows(out)
        try #require(table.count == 3, "\(out)")
        #expect(table.map { $0[0] } == ["1", "2", "3"])
        let errors = table.map { Double($0[7]) ?? .nan }
        #expect(errors == errors.sorted())
        // The factorisation beats the biases it starts from; userknn declines some movies.
        let byName = Dictionary(uniqueKeysWithValues: table.map { ($0[1], $0) })
        #expect((Double(byName["a"]?[7] ?? "") ?? 9) < (Double(byName["b"]?[7] ?? "") ?? 0))
        #expect((Double(byName["knn"]?[4] ?? "") ?? 1) < (Double(byName["b"]?[4] ?? "") ?? 0))
        #expect(out.contains("that userknn could not score"))
        #expect(out.contains("b, a: ") || out.contains("a, b: "))
    }

    @Test func topKJudgesTheListsAndPopularBeatsBias() throws {
        let out = h.run("compare b p on test top 10")
        let table = rows(out)
        #expect(table.map { Array($0.prefix(4)) } == [["1", "p", "popular", "609"], ["2", "b", "bias", "609"]], "\(out)")
        let header = out.split(separator: "\n").first { $0.contains("ndcg") }.map(String.init) ?? ""
        #expect(header.contains("│   ndcg │ recall │ precision │    mrr │    hit │ coverage │ popularity │"), "\(header)")
        let ndcg = table.compactMap { Double($0[4]) }
        #expect(ndcg.count == 2 && ndcg[0] > ndcg[1] && ndcg[1] > 0)
        #expect(out.contains("with the held-out ratings as gains"))
        // binary gains change ndcg, not the hits.
        let binary = rows(h.run("evaluate p on test top 10 binary"))
        #expect(binary.count == 1 && binary[0][3] != table[0][4] && binary[0][5] == table[0][6])
        h.refuses("evaluate p on test top 0", blaming: "0") { $0.contains("the length of the lists") }
        h.refuses("evaluate p on test top", blaming: nil) { $0.contains("the length of the lists") }
        // A row per user: the means above are their means.
        #expect(h.run("u = evaluate p on test top 10 per user") == "u: 609 rows × 8 columns\n")
        let perUser = try #require(h.session.workspace.table("u"))
        #expect(perUser.columnNames == ["userId", "held_out", "listed", "ndcg", "recall", "precision", "mrr", "hit"])
        let ndcgColumn = try #require(perUser.column(named: "ndcg"))
        let mean = (0..<perUser.rowCount).reduce(0.0) { $0 + (ndcgColumn.number(at: $1) ?? 0) } / Double(perUser.rowCount)
        #expect(abs(mean - (Double(table[0][4]) ?? 0)) < 0.0001)
        h.refuses("compare p b on test top 10 per user", blaming: "compare") { $0.hasPrefix("'per user' gives one model's rows") }
        h.refuses("evaluate p on test top 10 per movie", blaming: "movie") { $0.hasPrefix("expected 'per user'") }
        // Without top K, popular is still refused, and told how to judge it.
        h.refuses("evaluate p on test", blaming: "p") { $0.hasSuffix("(judge its lists: evaluate p on TABLE top 10)") }
    }

    @Test func crossfoldGivesEachMetricsMeanAndSpreadOverTheFolds() throws {
        let out = h.run("c = crossfold popular on ratings folds 3 seed 5")
        #expect(out == "c: 5 rows × 6 columns\n", "\(out)")
        let c = try #require(h.session.workspace.table("c"))
        #expect(c.columnNames == ["metric", "mean", "std", "fold1", "fold2", "fold3"])
        for row in 0..<c.rowCount {
            let folds = (3...5).compactMap { c.columns[$0].number(at: row) }
            let mean = try #require(c.columns[1].number(at: row))
            #expect(abs(mean - folds.reduce(0, +) / 3) < 1e-12)
            #expect((c.columns[2].number(at: row) ?? -1) >= 0)
        }
        #expect(c.columns[0].text(at: 0) == "ndcg@10")
        h.refuses("crossfold popular on ratings folds 1", blaming: "1") { $0.contains("the number of folds") }
        h.refuses("crossfold popular ratings", blaming: "ratings") { $0.hasPrefix("unknown popular setting 'ratings'") }
        h.refuses("crossfold popular", blaming: nil) { $0.hasPrefix("expected 'on TABLE'") }
        h.refuses("crossfold popular on ratings top 10 sideways", blaming: "sideways") { $0.hasPrefix("unexpected 'sideways'") }
    }

    @Test func boundResultsAreTablesToSave() throws {
        let folder = try TempFolder()
        #expect(h.run("r = compare b on test") == "r: 1 row × 9 columns\n")
        let r = try #require(h.session.workspace.tables["r"])
        #expect(r.columnNames == ["rank", "model", "algorithm", "rows", "coverage", "rmse", "mae", "rmse_all", "mae_all"])
        #expect(h.run("save r \(folder.path("r.csv"))").hasPrefix("saved 1 row"))
        #expect(h.run("e = evaluate b on test") == "e: 1 row × 8 columns\n")
    }

    @Test func trainingRatingsAmongTheRowsAreLeftOut() throws {
        let out = h.run("evaluate b on ratings")
        #expect(rows(out).first?[2] == "20,167")
        #expect(out.contains("80,669 rows left out: ratings in 'train', which the model was trained on"))
        #expect(rows(out).first?[6] == rows(h.run("evaluate b on test")).first?[6])
    }

    @Test func alsTrainsAndScoresPeopleAndUsers() throws {
        let out = h.run("a = train als features=4 samples=4 burn=1 on train")
        #expect(out == "a: als trained on train (80,669 ratings by 610 users of 8,972 movies)\n")
        #expect(h.session.workspace.models["a"]?.settingsText == "features=4 reg=0.1 iters=3 damping=5 samples=4 burn=1 nu=20 seed=42")
        #expect(rows(h.run("recommend user 1 5 with a")).count == 5)
        h.run("rate me 1 5")
        h.run("rate me 2 1")
        #expect(h.run("predict me 3 with a").hasPrefix("a predicts "))
    }

    @Test func badInputChangesNothing() {
        h.run("e = filter test rating > 10")
        h.run("t2 = select test userId movieId")
        h.refuses("evaluate nope on test", blaming: "nope") { $0.hasPrefix("unknown model 'nope'") }
        h.refuses("evaluate bb on test", blaming: "bb", with: "unknown model 'bb'; did you mean 'b'?")
        h.refuses("evaluate b on movies", blaming: "movies",
                  with: "cannot evaluate on 'movies': no 'userId' or 'user_id' column (columns: movieId, title, genres, year)")
        h.refuses("evaluate b on t2", blaming: "t2", with: "cannot evaluate on 't2': no 'rating' or 'value' column (columns: userId, movieId)")
        h.refuses("evaluate b on e", blaming: "e", with: "'e' has no rows to evaluate on")
        h.refuses("evaluate b on nothing", blaming: "nothing") { $0.hasPrefix("unknown table 'nothing'") }
        h.refuses("evaluate p on test", blaming: "p") { $0.hasPrefix("'p' is a popular model: it scores movies by how many rated them") }
        h.refuses("evaluate b") { $0.hasPrefix("expected 'on TABLE', the ratings to evaluate on") }
        h.refuses("evaluate b test", blaming: "test", with: "expected 'on' before the table: evaluate b on test")
        h.refuses("evaluate b p on test", blaming: "p") { $0.hasPrefix("evaluate takes one model; to put several side by side") }
        h.refuses("evaluate", with: "expected a model name; usage: evaluate MODEL on TABLE [top K [binary] [per user]]")
        h.refuses("evaluate b on train", blaming: "train") { $0.hasPrefix("every row of 'train' is a rating 'b' was trained on") }
        h.refuses("compare b b on test", blaming: "b", with: "'b' is named twice")
        h.refuses("compare on test", blaming: "on", with: "expected the models to compare; usage: compare MODEL... on TABLE [top K [binary]]")
        h.refuses("compare b p on test", blaming: "p") { $0.hasPrefix("'p' is a popular model") }
        h.refuses("compare b on test extra", blaming: "extra") { $0.hasPrefix("unexpected 'extra'") }
        h.refuses("train als features=0", blaming: "0", with: "features must be a whole number from 1 to 1024, not '0'")
        h.refuses("train als reg=0", blaming: "reg", with: "reg must be a number above 0 (got 0.0)")
        h.refuses("train als samples=-1", blaming: "-1", with: "samples must be a whole number from 0 to 100000, not '-1'")
        h.refuses("train als rank=3", blaming: "rank") { $0.hasPrefix("unknown als setting 'rank'") }
        // The list models' scores are not ratings, nor counts; the engine's limits name the key.
        #expect(h.run("i = train implicit features=2 iters=1 on train").hasPrefix("i: implicit trained on train"))
        h.refuses("evaluate i on test", blaming: "i") {
            $0.hasPrefix("'i' is an implicit model: it scores movies for a ranking, not by a predicted rating")
        }
        h.refuses("train implicit reg=0", blaming: "reg", with: "reg must be a number above 0 and at most 1000000 (got 0.0)")
        h.refuses("train bpr lr=1 reg=1", blaming: "reg", with: "reg must be a number ≥ 0 with lr × reg below 1 (got 1.0)")
        h.refuses("train bpr lr=0", blaming: "lr", with: "lr must be a number above 0 and at most 10 (got 0.0)")
    }

    @Test func completionOffersModelsThenOnThenTables() {
        h.run("a = train als features=2 samples=1 burn=0 on train")
        let c = Completer(session: h.session)
        #expect(c.complete(word: "", before: "evaluate ") == ["b", "p", "a"])
        #expect(c.complete(word: "", before: "evaluate a ") == ["on"])
        #expect(c.complete(word: "te", before: "evaluate a on ") == ["test"])
        #expect(c.complete(word: "", before: "compare a ") == ["b", "p", "on"])
        #expect(c.complete(word: "a", before: "train ") == ["als"])
        #expect(c.complete(word: "sa", before: "train als ") == ["samples="])
    }

    @Test func helpExplainsTheColumnsAndTheSettings() {
        let evaluate = h.run("help evaluate")
        #expect(evaluate.contains("evaluate MODEL on TABLE") && evaluate.contains("Fallback(model, Bias(damping=5))"))
        #expect(h.run("help compare").contains("compare MODEL... on TABLE"))
        let train = h.run("help train")
        #expect(train.contains("als: matrix factorisation by alternating least squares"))
        #expect(train.contains("samples=150"))
    }
}
