import Foundation
import Testing
@testable import RecLab

/// LensKit 0.14.4's outputs on ml-latest-small, recorded by
/// `Tests/Fixtures/lenskit-models/make_fixtures.py` (see its header for the
/// files and how to regenerate them).
enum LensKitFixtures {
    /// One person scored in the fixtures.
    struct Profile {
        var name: String
        /// The data user scored from their training ratings, or `nil`.
        var user: Int64?
        /// A new person's ratings (empty for a data user).
        var ratings: [(item: Int64, rating: Double)]
    }

    /// One recorded score: `rank` 1… is the top-50 position, 0 a sampled
    /// other candidate; `score` is NaN when LensKit gave none.
    struct Score {
        var item: Int64
        var rank: Int
        var score: Double
    }

    static var folder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/lenskit-models")
    }

    /// The data rows of a fixture file, split on commas.
    static func rows(_ file: String) throws -> [[String]] {
        let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    /// A recorded number (`nan` included), or a test failure.
    static func number(_ text: String) throws -> Double {
        try #require(Double(text), "not a number: '\(text)'")
    }

    static func profiles() throws -> [Profile] {
        var result: [Profile] = []
        for row in try rows("profiles.csv") {
            if result.last?.name != row[0] {
                result.append(Profile(name: row[0], user: row[1] == "user" ? Int64(row[2]) : nil, ratings: []))
            }
            if row[1] == "new", let item = Int64(row[3]) {
                // An empty rating is the source user's own, read from the data
                // (which may not be copied into the repository).
                let source = try #require(Int64(row[2]), "no source user: \(row)")
                let rating = row[4].isEmpty
                    ? try #require(matrix?.rating(user: source, item: item), "no rating of \(item) in the data")
                    : try number(row[4])
                result[result.count - 1].ratings.append((item, rating))
            }
        }
        return result
    }

    /// The recorded scores per profile of a file whose first columns are
    /// `profile,item,rank,score`, after dropping `prefix` leading columns.
    static func scores(_ file: String, where keep: ([String]) -> Bool = { _ in true }, dropping prefix: Int = 0)
        throws -> [String: [Score]] {
        var result: [String: [Score]] = [:]
        for row in try rows(file) where keep(row) {
            let r = Array(row.dropFirst(prefix))
            let score = Score(item: try #require(Int64(r[1])), rank: try #require(Int(r[2])), score: try number(r[3]))
            result[r[0], default: []].append(score)
        }
        return result
    }

    /// ml-latest-small's ratings, or `nil` when the shared data is absent.
    static let matrix: RatingMatrix? = {
        let path = TestFiles.real("ml-latest-small/ratings.csv")
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try? RatingMatrix.build(from: TableLoader.load(path: path))
    }()

    /// Compares a model's scores for every fixture profile with LensKit's:
    /// the same top 50 in the same order, and every recorded score (top or
    /// sampled, scored or not) within `tolerance`. Returns the largest
    /// difference seen.
    static func compare(_ model: some Recommender, with recorded: [String: [Score]], tolerance: Double = 1e-6)
        throws -> Double {
        var largest = 0.0
        for profile in try profiles() {
            let expected = try #require(recorded[profile.name], "no scores for \(profile.name)")
            let scores = try profile.user.map { try model.itemScores(user: $0) } ?? model.itemScores(ratings: profile.ratings)
            let top = expected.filter { $0.rank > 0 }.sorted { $0.rank < $1.rank }
            #expect(scores.recommend(top.count).map(\.item) == top.map(\.item), "top \(top.count) of \(profile.name)")
            for want in expected {
                let got = scores.score(ofItem: want.item)
                if want.score.isNaN {
                    #expect(got == nil, "\(profile.name): movie \(want.item) should have no score, got \(got ?? .nan)")
                } else if let got {
                    largest = max(largest, abs(got - want.score))
                    #expect(abs(got - want.score) <= tolerance,
                            "\(profile.name): movie \(want.item) scored \(got), LensKit \(want.score)")
                } else {
                    Issue.record("\(profile.name): movie \(want.item) has no score; LensKit \(want.score)")
                }
            }
        }
        return largest
    }
}

/// ItemKNN against LensKit's `ItemItem(20)`. Skipped when the data is absent.
@Suite struct ItemKNNLensKitTests {
    static let model: ItemKNN? = LensKitFixtures.matrix.flatMap { try? ItemKNN.train($0) }

    @Test func scoresAndTopFiftyMatchLensKit() throws {
        guard let model = Self.model else { return }
        #expect(model.similarityCount == 10_478_284)
        let largest = try LensKitFixtures.compare(model, with: LensKitFixtures.scores("itemknn.csv"))
        // Same arithmetic in the same order: the scores are LensKit's to the bit.
        #expect(largest == 0)
    }

    @Test func similarityRowsMatchLensKitIncludingTieOrder() throws {
        guard let model = Self.model else { return }
        var rows: [Int64: [(neighbour: Int64, similarity: Double)]] = [:]
        var lengths: [Int64: Int] = [:]
        for row in try LensKitFixtures.rows("similarities.csv") {
            let item = try #require(Int64(row[0]))
            if row[1].isEmpty {
                lengths[item] = Int(try LensKitFixtures.number(row[3]))
            } else {
                rows[item, default: []].append((try #require(Int64(row[1])), try LensKitFixtures.number(row[3])))
            }
        }
        #expect(lengths.count == 20)
        var ties = 0
        for (item, expected) in rows {
            let i = try #require(model.matrix.itemIndex(of: item))
            #expect(model.neighbourEntries(ofItem: i).count == lengths[item])
            let got = try #require(model.similarItems(to: item, count: expected.count))
            #expect(got.map(\.item) == expected.map(\.neighbour), "neighbour order of movie \(item)")
            for (g, e) in zip(got, expected) { #expect(abs(g.score - e.similarity) <= 1e-12) }
            ties += zip(expected, expected.dropFirst()).filter { $0.similarity == $1.similarity }.count
        }
        // The sample holds exact ties, so the order check covers LensKit's heap sort.
        #expect(ties >= 6)
    }

    @Test func explanationsGiveTheScoresExactly() throws {
        guard let model = Self.model else { return }
        let people = try LensKitFixtures.profiles().filter { ["user414", "new182x60", "new599x3"].contains($0.name) }
        #expect(people.count == 3)
        for person in people {
            let scores = try person.user.map { try model.itemScores(user: $0) } ?? model.itemScores(ratings: person.ratings)
            for (i, id) in model.matrix.itemIds.enumerated() {
                let e = try #require(try person.user.map { try model.explain(user: $0, item: id) }
                                     ?? model.explain(ratings: person.ratings, item: id))
                let value = scores.values[i]
                #expect(e.score?.bitPattern == (value.isNaN ? nil : value.bitPattern), "movie \(id) of \(person.name)")
                #expect(e.neighbours.count == min(e.ratedNeighbourCount, 20))
                #expect((e.reason == .ratedByPerson) == scores.rated[i])
            }
        }
    }
}
