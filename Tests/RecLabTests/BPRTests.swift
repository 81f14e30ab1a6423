import Foundation
import Testing
@testable import RecLab

@Suite struct BPRTests {
    /// 40 users and 60 movies in four groups (users 10g+1…10g+10, movies
    /// 10×(15g+1)…10×(15g+15)): a user rates 60% of their group's movies
    /// and 3% of the others. A quarter of the in-group pairs are held out.
    static func data() throws -> (matrix: RatingMatrix, heldOut: [Int64: Set<Int64>]) {
        var u: [Int64] = [], i: [Int64] = [], r: [Double] = []
        var heldOut: [Int64: Set<Int64>] = [:]
        var g = SeededGenerator(seed: 3)
        for user in 0 ..< 40 {
            for item in 0 ..< 60 {
                let inGroup = user / 10 == item / 15
                guard g.uniform() < (inGroup ? 0.6 : 0.03) else { continue }
                let (userId, itemId) = (Int64(user + 1), Int64(10 * (item + 1)))
                if inGroup, g.uniform() < 0.25 {
                    heldOut[userId, default: []].insert(itemId)
                    continue
                }
                u.append(userId)
                i.append(itemId)
                r.append(4)
            }
        }
        let table = try Table(columns: [Column(name: "userId", integers: u), Column(name: "movieId", integers: i),
                                        Column(name: "rating", decimals: r)])
        return (try RatingMatrix.build(from: table), heldOut)
    }

    static let parameters = BPRModel.Parameters(features: 8, epochs: 100, learningRate: 0.05, regularization: 0.01, seed: 5)

    /// The share of (held-out movie, movie not rated at all) pairs the
    /// scores order correctly, ties counting half.
    static func auc(_ scores: ItemScores, heldOut: Set<Int64>, matrix: RatingMatrix) -> Double {
        let positives = heldOut.compactMap { scores.score(ofItem: $0) }
        let negatives = matrix.itemIds.filter { !heldOut.contains($0) }.compactMap { scores.score(ofItem: $0) }
        var right = 0.0
        for p in positives { for n in negatives { right += p > n ? 1 : p == n ? 0.5 : 0 } }
        return right / Double(max(1, positives.count * negatives.count))
    }

    static func meanAUC(_ model: BPRModel, _ data: (matrix: RatingMatrix, heldOut: [Int64: Set<Int64>])) throws -> Double {
        var sum = 0.0
        for (user, held) in data.heldOut { sum += auc(try model.itemScores(user: user), heldOut: held, matrix: data.matrix) }
        return sum / Double(data.heldOut.count)
    }

    @Test func theSameSeedGivesTheSameModelAndAnotherSeedAnother() throws {
        let (matrix, _) = try Self.data()
        let a = try BPRModel.train(matrix, parameters: Self.parameters)
        let b = try BPRModel.train(matrix, parameters: Self.parameters)
        #expect(a.users == b.users && a.items == b.items && a.itemBiases == b.itemBiases)
        var other = Self.parameters
        other.seed = 6
        let c = try BPRModel.train(matrix, parameters: other)
        #expect(c.users != a.users && c.items != a.items)
    }

    @Test func trainingRanksHeldOutMoviesAboveUnratedOnes() throws {
        let data = try Self.data()
        #expect(data.heldOut.count >= 35)
        let trained = try Self.meanAUC(BPRModel.train(data.matrix, parameters: Self.parameters), data)
        var barely = Self.parameters
        (barely.epochs, barely.learningRate) = (1, 1e-9)
        let untrained = try Self.meanAUC(BPRModel.train(data.matrix, parameters: barely), data)
        #expect(trained > 0.8, "AUC \(trained)")
        #expect(untrained < 0.7 && trained > untrained + 0.2, "trained \(trained), untrained \(untrained)")
    }

    @Test func scoresAreTheMovieBiasPlusTheDotProduct() throws {
        let (matrix, _) = try Self.data()
        let model = try BPRModel.train(matrix, parameters: Self.parameters)
        let scores = try model.itemScores(user: matrix.userIds[3])
        for i in 0 ..< matrix.itemCount where !scores.values[i].isNaN {
            let dot = zip(model.userRow(3), model.itemRow(i)).reduce(0.0) { $0 + $1.0 * $1.1 }
            #expect(scores.values[i] == model.itemBiases[i] + dot)
        }
        #expect(scores.values.contains { $0.isNaN } && scores.scoredCount > 0)
    }

    @Test func foldInIsDeterministicAndRanksAPersonsHeldOutMoviesFirst() throws {
        let data = try Self.data()
        let model = try BPRModel.train(data.matrix, parameters: Self.parameters)
        var total = 0.0
        for group in 0 ..< 4 {
            // A newcomer who rated six of group g's movies; the other nine are theirs to find.
            let items = (0 ..< 15).map { Int64(10 * (15 * group + $0 + 1)) }
            let ratings = items.prefix(6).map { (item: $0, rating: 4.0) }
            let vector = model.foldIn(ratings: ratings)
            #expect(model.foldIn(ratings: ratings.reversed() + [ratings[0]]) == vector)
            #expect(vector.contains { $0 != 0 })
            total += Self.auc(model.itemScores(ratings: ratings), heldOut: Set(items.dropFirst(6)), matrix: data.matrix)
        }
        #expect(total / 4 > 0.85, "AUC \(total / 4)")
        #expect(model.foldIn(ratings: []) == [Double](repeating: 0, count: model.factors))
    }

    @Test(arguments: [
        ("features", BPRModel.Parameters(features: 0)), ("epochs", BPRModel.Parameters(epochs: 0)),
        ("lr", BPRModel.Parameters(learningRate: 0)), ("lr", BPRModel.Parameters(learningRate: .nan)),
        ("reg", BPRModel.Parameters(regularization: -0.1)), ("reg", BPRModel.Parameters(learningRate: 1, regularization: 1)),
    ])
    func settingsOutOfRangeAreRefusedByName(_ key: String, _ parameters: BPRModel.Parameters) throws {
        let (matrix, _) = try Self.data()
        do {
            _ = try BPRModel.train(matrix, parameters: parameters)
            Issue.record("\(parameters) was accepted")
        } catch {
            #expect(error.subject == key && error.message.hasPrefix(key), "\(error.message)")
        }
    }
}
