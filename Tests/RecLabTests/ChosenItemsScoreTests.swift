import Foundation
import Testing
@testable import RecLab

/// `scores(user:items:)` of userknn and itemknn, evaluation's path, gives each chosen
/// movie the same score to the bit as scoring every movie does.
struct ChosenItemsScoreTests {
    @Test func userKNNChosenItemsScoreAsAllItemsDo() throws {
        let ratingsPath = TestFiles.real("ml-latest-small/ratings.csv")
        guard FileManager.default.fileExists(atPath: ratingsPath) else { return }
        let matrix = try RatingMatrix.build(from: TableLoader.load(path: ratingsPath))
        for parameters in [UserKNN.Parameters(), UserKNN.Parameters(neighbours: 5, minNeighbours: 1, minSimilarity: 0.1)] {
            let model = try UserKNN.train(matrix, parameters: parameters)
            var generator = SeededGenerator(seed: 7)
            // User 53 rated everything 5 (zero norm): nothing is scored for them.
            for id: Int64 in [1, 53, 414, 610] {
                let all = try model.itemScores(user: id).values
                let rated = Set(matrix.entries(ofUser: try #require(matrix.userIndex(of: id))).map { Int(matrix.userItems[$0]) })
                // Rated, unrated, out of range, and repeated indices.
                var items = (0 ..< 200).map { _ in Int.random(in: 0 ..< matrix.itemCount, using: &generator) }
                items += Array(rated.prefix(5)) + [-1, matrix.itemCount, items[0]]
                let chosen = try model.scores(user: id, items: items)
                for (k, i) in items.enumerated() {
                    let expected = (0 ..< matrix.itemCount).contains(i) ? all[i] : .nan
                    #expect(chosen[k].bitPattern == expected.bitPattern || (chosen[k].isNaN && expected.isNaN),
                            "user \(id) item index \(i): \(chosen[k]) vs \(expected)")
                }
                if id != 53 { #expect(chosen.contains { !$0.isNaN }) }
            }
        }
        #expect(throws: RecLabError.self) { _ = try UserKNN.train(matrix).scores(user: 999_999, items: [0]) }
    }

    @Test func itemKNNChosenItemsScoreAsAllItemsDo() throws {
        let ratingsPath = TestFiles.real("ml-latest-small/ratings.csv")
        guard FileManager.default.fileExists(atPath: ratingsPath) else { return }
        let matrix = try RatingMatrix.build(from: TableLoader.load(path: ratingsPath))
        for parameters in [ItemKNN.Parameters(), ItemKNN.Parameters(neighbours: 3, minNeighbours: 2, minSimilarity: 0.05)] {
            let model = try ItemKNN.train(matrix, parameters: parameters)
            var generator = SeededGenerator(seed: 11)
            for id: Int64 in [1, 53, 414, 610] {
                let all = try model.itemScores(user: id).values
                var items = (0 ..< 300).map { _ in Int.random(in: 0 ..< matrix.itemCount, using: &generator) }
                items += [-1, matrix.itemCount]
                let chosen = try model.scores(user: id, items: items)
                var scored = 0
                for (k, i) in items.enumerated() {
                    let expected = (0 ..< matrix.itemCount).contains(i) ? all[i] : .nan
                    if !expected.isNaN { scored += 1 }
                    #expect(chosen[k].bitPattern == expected.bitPattern || (chosen[k].isNaN && expected.isNaN),
                            "user \(id) item index \(i): \(chosen[k]) vs \(expected)")
                }
                #expect(scored > 0, "user \(id): some chosen movie is scored")
            }
        }
    }
}
