import Foundation
import Testing
@testable import RecLab
@testable import RecLabShell

/// `tune` end to end on ml-latest-small: every row is what `evaluate`
/// gives the same settings, ranked by the metric asked for; the chart;
/// Ctrl-C keeping finished rows; bad input.
@Suite struct TuneVerbTests {
    let h: SessionHarness

    init() throws {
        h = try SessionHarness.withMovieLens()
        let out = h.run("train, test = split ratings 20% by userId seed 42")
        try #require(!out.contains("error"), "\(out)")
    }

    func rows(_ text: String) -> [[String]] {
        text.split(separator: "\n").filter { $0.hasPrefix("│") }.dropFirst().map { line in
            line.split(separator: "│").map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }

    @Test func everyRowIsWhatEvaluateGivesThoseSettingsBestFirst() throws {
        let out = h.run("tune ease reg=30,300 min_ratings=20,50 on train with test")
        let table = rows(out)
        try #require(table.count == 4, "\(out)")
        #expect(Set(table.map { "\($0[0]) \($0[1])" }) == ["30 20", "30 50", "300 20", "300 50"])
        let ndcg = table.map { Double($0[2]) ?? .nan }
        #expect(ndcg == ndcg.sorted(by: >), "best first: \(out)")
        for row in table {
            h.run("m = train ease reg=\(row[0]) min_ratings=\(row[1]) on train")
            let evaluated = rows(h.run("evaluate m on test top 10"))
            try #require(evaluated.count == 1)
            // model, algorithm, users, then the five metrics as tune shows them.
            #expect(Array(evaluated[0][3 ..< 8]) == Array(row[2 ..< 7]), "\(row) vs \(evaluated[0])")
        }
        #expect(out.contains("best: reg=\(table[0][0]), min_ratings=\(table[0][1]) (ndcg@10 \(table[0][2]))"))
        // Bound, the table alone.
        h.run("t = tune ease reg=100,1000 min_ratings=50 on train with test metric recall top 5")
        let t = try #require(h.session.workspace.tables["t"])
        #expect(t.columnNames == ["reg", "min_ratings", "ndcg", "recall", "precision", "mrr", "hit", "coverage", "train_s"])
        let recall = (0 ..< t.rowCount).map { t.column(named: "recall")?.number(at: $0) ?? .nan }
        #expect(recall.count == 2 && recall[0] >= recall[1])
    }

    @Test func theChartHasALinePerValueOfTheOtherSettings() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reclab-tune-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("tune.svg").path
        let out = h.run("tune ease reg=30,100,300 min_ratings=20,50 on train with test to \"\(path)\"")
        #expect(out.contains("wrote \(path)") && out.contains("ndcg@10, in the order trained:"), "\(out)")
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 2)
        #expect(svg.contains("min_ratings=20") && svg.contains("min_ratings=50") && svg.contains(">300<"))
        // A bar per combination in the terminal.
        #expect(out.split(separator: "\n").filter { $0.hasPrefix("reg=") && $0.contains("█") }.count == 6)
    }

    @Test func ctrlCKeepsTheCombinationsFinished() throws {
        let matrix = try RatingMatrix.build(from: try #require(h.session.workspace.tables["train"]))
        let heldOut = try HeldOutRatings(table: try #require(h.session.workspace.tables["test"]))
        let algorithm = try #require(Algorithm.all.first { $0.name == "ease" })
        let tokens = try Lexer.tokens("tune reg=10,100,1000 min_ratings=50 on")
        var arguments = Arguments(Array(tokens.dropFirst()), verb: tokens[0])
        let grid = try TuningGrid.read(&arguments, for: algorithm, usage: "")
        // Ctrl-C as the third combination starts.
        let box = CancellationBox()
        let cancel = Cancellation { report in
            if report.stage == "tune", report.detail?.contains("(3 of 3)") == true { box.token?.cancel() }
        }
        box.token = cancel
        let run = try TuningRun.run(algorithm, grid: grid, matrix: matrix, heldOut: heldOut, k: 10, cancel: cancel)
        #expect(run.rows.map(\.combination) == [[10, 50], [100, 50]] && run.planned == 3)
        #expect(run.note(metric: 0, k: 10, train: "train", test: "test")
            .contains("stopped by Ctrl-C after 2 of 3 combinations; the table keeps those"))
    }

    @Test func badInputIsOneLineAndChangesNothing() throws {
        h.refuses("tune popular on train with test", with: "popular has no settings to tune")
        h.refuses("tune ease reg=1,1 on train with test", blaming: "1", with: "reg lists 1 twice")
        h.refuses("tune ease lambda=3 on train with test", blaming: "lambda",
                  with: "unknown ease setting 'lambda' (settings: reg, min_ratings)")
        h.refuses("tune ease reg=10 on train test") { $0.hasPrefix("expected 'with TEST'") }
        h.refuses("tune ease reg=10 on train with test metric recal", blaming: "recal",
                  with: "unknown metric 'recal'; did you mean 'recall'?")
        h.refuses("tune ease reg=10 on nosuch with test", blaming: "nosuch") { $0.hasPrefix("unknown table 'nosuch'") }
        h.refuses("tune ease on train with test") { $0.hasPrefix("expected settings to vary, like reg=v1,v2,v3") }
        let values = (1 ... 32).map(String.init).joined(separator: ",")
        h.refuses("tune ease reg=\(values) min_ratings=\(values) on train with test",
                  with: "that is 1024 combinations to train; tune takes at most 1000")
    }
}

/// Lets a progress observer reach the token it observes.
private final class CancellationBox: @unchecked Sendable {
    var token: Cancellation?
}
