import Foundation
import Testing
@testable import RecLab

/// `scores(user:items:)` of userknn and itemknn, evaluation's path, gives
/// each chosen movie the same score to the bit as scoring every movie does.
struct ChosenItemsScoreTests {
    /// ml-latest-small's ratings, or `nil` when the data is absent.
    static func matrix() throws -> RatingMatrix? {
        let ratingsPath = TestFiles.real("ml-latest-small/ratings.csv")
        guard FileManager.default.fileExists(atPath: ratingsPath) else { return nil }
        return try RatingMatrix.build(from: TableLoader.load(path: ratingsPath))
    }

    /// For a few users: random item indices, some the user rated, two out of
    /// range and one repeated, scored both ways; returns how many chosen
    /// movies got a score, per user.
    static func compare(_ model: some UserItemScorer, seed: UInt64) throws -> [Int64: Int] {
        let matrix = model.matrix
        var generator = SeededGenerator(seed: seed)
        var scored: [Int64: Int] = [:]
        for id: Int64 in [1, 53, 414, 610] {
            let all = try model.itemScores(user: id).values
            let rated = matrix.entries(ofUser: try #require(matrix.userIndex(of: id))).map { Int(matrix.userItems[$0]) }
            var items = (0 ..< 300).map { _ in Int.random(in: 0 ..< matrix.itemCount, using: &generator) }
            items += Array(rated.prefix(5)) + [-1, matrix.itemCount, items[0]]
            let chosen = try model.scores(user: id, items: items)
            for (k, i) in items.enumerated() {
                let expected = (0 ..< matrix.itemCount).contains(i) ? all[i] : .nan
                #expect(chosen[k].bitPattern == expected.bitPattern || (chosen[k].isNaN && expected.isNaN),
                        "\(type(of: model).algorithm) user \(id) item index \(i): \(chosen[k]) vs \(expected)")
            }
            scored[id] = chosen.count { !$0.isNaN }
        }
        return scored
    }

    @Test func userKNN() throws {
        guard let matrix = try Self.matrix() else { return }
        for parameters in [UserKNN.Parameters(), UserKNN.Parameters(neighbours: 5, minNeighbours: 1, minSimilarity: 0.1)] {
            let scored = try Self.compare(try UserKNN.train(matrix, parameters: parameters), seed: 7)
            // User 53 rated everything 5 (zero norm): nothing is scored for them.
            #expect(scored[53] == 0 && [1, 414, 610].allSatisfy { (scored[$0] ?? 0) > 0 }, "\(scored)")
        }
        #expect(throws: RecLabError.self) { _ = try UserKNN.train(matrix).scores(user: 999_999, items: [0]) }
    }

    @Test func itemKNN() throws {
        guard let matrix = try Self.matrix() else { return }
        for parameters in [ItemKNN.Parameters(), ItemKNN.Parameters(neighbours: 3, minNeighbours: 2, minSimilarity: 0.05)] {
            let scored = try Self.compare(try ItemKNN.train(matrix, parameters: parameters), seed: 11)
            #expect([1, 53, 414, 610].allSatisfy { (scored[$0] ?? 0) > 0 }, "\(scored)")
        }
        #expect(throws: RecLabError.self) { _ = try ItemKNN.train(matrix).scores(user: 999_999, items: [0]) }
    }
}
