import Foundation
import RecLab
import Testing
@testable import RecLabShell

/// The top-10 lists of popular, bias, userknn and itemknn are LensKit
/// 0.14.4's: on reclab's per-user split of ml-latest-small, every metric's
/// mean over the 610 test users equals LensKit's on the same split
/// (`Tests/Fixtures/lenskit-topn/make_model_fixtures.py`).
@Suite struct TopNModelsLensKitTests {
    static func expected() throws -> [String: [Double]] {
        let url = TestData.repository.appendingPathComponent("Tests/Fixtures/lenskit-topn/models.csv")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst()
        var rows: [String: [Double]] = [:]
        for line in lines {
            let cells = line.split(separator: ",")
            rows[String(cells[0])] = cells.dropFirst().map { Double($0) ?? .nan }
        }
        return rows
    }

    @Test func listsAndMetricsEqualLensKitsOnTheSameSplit() throws {
        let h = try SessionHarness.withMovieLens()
        #expect(h.run("train, test = split ratings 20% by userId seed 42").hasSuffix("test: 20,164 rows × 4 columns\n"))
        let test = try HeldOutRatings(table: try #require(h.session.workspace.table("test")))
        let expected = try Self.expected()
        #expect(expected.count == 4)
        for (kind, want) in expected.sorted(by: { $0.key < $1.key }) {
            h.run("m = train \(kind) on train")
            let model = try #require(h.session.workspace.models["m"]?.model)
            let result = try TopNEvaluation.evaluate(model, on: test, k: 10, binary: false)
            #expect(result.users.count == 610)
            for (name, (got, lenskit)) in zip(rankingMetrics.map { $0.name }, zip(result.means, want)) {
                // LensKit keeps hit as float32; the rest are doubles.
                let tolerance = name == "hit" ? 1e-7 : 1e-12
                #expect(abs(got - lenskit) <= tolerance, "\(kind) \(name): \(got), LensKit \(lenskit)")
            }
        }
    }
}
