import Foundation
import Testing
@testable import RecLab

/// UserKNN against LensKit 0.14.4's `UserUser(15, min_nbrs=3)` on
/// ml-latest-small: 37 profiles (17 data users scored as themselves, 17 new
/// people made of seeded subsets of users' ratings, three of them with movies
/// the data has never seen, and the Crash Course lab's three people), replayed
/// from `Tests/Fixtures/lenskit/` (written by `make_userknn_fixtures.py`,
/// whose header says how to regenerate them).
///
/// Per profile: the same counts, the same set of scored movies (size and id
/// sum), LensKit's top 100 in the same order, every recorded score within
/// 1e-6, and LensKit's unscored movies unscored here too. The largest
/// difference seen is 1.8e-15 (two ulps; 94% of the 8,081 scores are
/// bit-identical). What is left comes from LensKit's profile norms, summed
/// in x87 extended precision by OpenBLAS `dnrm2`, where reclab sums in
/// double-double (``SumOfSquares``), and from pandas' pairwise mean of a new
/// person's ratings, where reclab sums in order.
///
/// The one allowed difference is user 53 (all ratings 5): LensKit's NaN
/// similarity for them drops every movie they rated unless that movie's heap
/// was already full; reclab never uses them as a neighbour and scores those
/// movies. The fixtures list exactly those movies (`dropped53`) with the
/// scores LensKit gives when trained without user 53, and they are held to
/// the same 1e-6.
@Suite struct UserKNNLensKitTests {
    /// `Tests/Fixtures/lenskit/`, beside this target's folder.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/lenskit")
    static let ratingsPath = TestFiles.real("ml-latest-small/ratings.csv")
    static let tolerance = 1e-6

    /// One row of `profiles.csv`.
    struct Profile {
        var name: String, kind: String, user: Int64
        var ratingCount: Int, knownCount: Int, candidateCount: Int, scoredCount: Int, dropped53Count: Int
        var scoredIdSum: Int64
    }

    /// One row of `scores.csv`; `score` is nil for `unscored`.
    struct Expected {
        var kind: String, rank: Int, item: Int64, score: Double?
    }

    /// The rows of a fixture CSV after its header, split on commas (the
    /// fixtures are written without quoting).
    static func rows(_ name: String) throws -> [[Substring]] {
        let text = try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    }

    /// Each movie's mean over the people who rated it (a later row of the
    /// same movie overwriting an earlier one), as the fixture script blends.
    static func blend(_ people: [(item: Int64, rating: Double)]...) -> [(item: Int64, rating: Double)] {
        var sums: [Int64: (total: Double, count: Double)] = [:]
        for person in people {
            var latest: [Int64: Double] = [:]
            for (item, rating) in person { latest[item] = rating }
            for (item, rating) in latest {
                let s = sums[item] ?? (0, 0)
                sums[item] = (s.total + rating, s.count + 1)
            }
        }
        return sums.sorted { $0.key < $1.key }.map { (item: $0.key, rating: $0.value.total / $0.value.count) }
    }

    static func int(_ s: Substring) throws -> Int64 { try #require(Int64(s), "not an integer: \(s)") }
    static func double(_ s: Substring) throws -> Double { try #require(Double(s), "not a number: \(s)") }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: ratingsPath), "needs ml-latest-small"))
    func scoresMatchLensKit() throws {
        let profiles = try Self.rows("profiles.csv").map { c throws -> Profile in
            try #require(c.count == 9)
            return Profile(name: String(c[0]), kind: String(c[1]), user: try Self.int(c[2]),
                           ratingCount: Int(try Self.int(c[3])), knownCount: Int(try Self.int(c[4])),
                           candidateCount: Int(try Self.int(c[5])), scoredCount: Int(try Self.int(c[6])),
                           dropped53Count: Int(try Self.int(c[7])), scoredIdSum: try Self.int(c[8]))
        }
        let matrix = try RatingMatrix.build(from: TableLoader.load(path: Self.ratingsPath))
        let sources = Dictionary(profiles.map { ($0.name, $0.user) }, uniquingKeysWith: { a, _ in a })
        // An empty rating is the source user's own, read from the data (which
        // may not be copied into the repository); invented movies have theirs.
        var given: [String: [(item: Int64, rating: Double)]] = [:]
        for c in try Self.rows("given.csv") {
            try #require(c.count == 3)
            let item = try Self.int(c[1])
            let rating = c[2].isEmpty
                ? try #require(matrix.rating(user: sources[String(c[0])] ?? 0, item: item), "\(c[0]): no rating of \(item) in the data")
                : try Self.double(c[2])
            given[String(c[0]), default: []].append((item, rating))
        }
        // The lab's people, read from the spreadsheets as the lab does.
        let jabril = try UserKNNLabTests.person("jabril-movie-ratings.csv")
        let jgb = try UserKNNLabTests.person("jgb-movie-ratings.csv")
        given["jabril"] = jabril
        given["jgb"] = jgb
        given["blend"] = Self.blend(jabril, jgb)
        var expected: [String: [Expected]] = [:]
        for c in try Self.rows("scores.csv") {
            try #require(c.count == 5)
            expected[String(c[0]), default: []].append(
                Expected(kind: String(c[1]), rank: Int(try Self.int(c[2])), item: try Self.int(c[3]),
                         score: c[4].isEmpty ? nil : try Self.double(c[4])))
        }
        // The brief's minimum coverage, so a truncated fixture cannot pass.
        #expect(profiles.count >= 30)
        #expect(profiles.filter { $0.kind == "user" }.count >= 15)
        #expect(profiles.filter { $0.kind == "new" }.count >= 15)

        let model = try UserKNN.train(matrix)
        let user53 = try #require(matrix.userIndex(of: 53))
        let user53Items = Set(matrix.entries(ofUser: user53).map { matrix.itemIds[Int(matrix.userItems[$0])] })

        var maxDifference = 0.0, compared = 0
        func check(_ name: String, _ item: Int64, _ ours: Double?, _ theirs: Double?) {
            guard let theirs else {
                #expect(ours == nil, "\(name): movie \(item) scored \(ours ?? .nan), LensKit gives none")
                return
            }
            guard let ours else {
                Issue.record("\(name): movie \(item) not scored, LensKit gives \(theirs)")
                return
            }
            let difference = abs(ours - theirs)
            maxDifference = max(maxDifference, difference)
            compared += 1
            #expect(difference <= Self.tolerance, "\(name): movie \(item) scored \(ours), LensKit \(theirs)")
        }

        for p in profiles {
            let scores: UserKNNScores
            switch p.kind {
            case "user": scores = try model.score(user: p.user)
            case "new", "crashcourse": scores = model.score(ratings: try #require(given[p.name], "\(p.name): no ratings"))
            default: Issue.record("\(p.name): unknown kind \(p.kind)"); continue
            }
            let rows = try #require(expected[p.name], "\(p.name): no scores")
            #expect(scores.problem == nil, "\(p.name)")
            #expect(scores.ratingCount == p.ratingCount && scores.knownCount == p.knownCount
                    && scores.candidateCount == p.candidateCount, "\(p.name): counts")

            // Exactly the movies LensKit lost to user 53's NaN are extra here.
            let dropped = rows.filter { $0.kind == "dropped53" }
            let droppedItems = Set(dropped.map(\.item))
            #expect(dropped.count == p.dropped53Count && droppedItems.isSubset(of: user53Items), "\(p.name): dropped53")
            for e in dropped { check(p.name, e.item, scores.score(ofItem: e.item), e.score) }
            let scored = scores.scoredItems
            #expect(scored.count == p.scoredCount + p.dropped53Count, "\(p.name): \(scored.count) scored")
            let idSum = scored.reduce(Int64(0)) { droppedItems.contains($1.item) ? $0 : $0 + $1.item }
            #expect(idSum == p.scoredIdSum, "\(p.name): a different set of movies scored")

            let top = rows.filter { $0.kind == "top" }
            #expect(top.map(\.rank) == Array(1 ... top.count), "\(p.name): fixture ranks")
            let ours = scores.recommend(top.count + droppedItems.count).filter { !droppedItems.contains($0.item) }
                .prefix(top.count)
            #expect(ours.map(\.item) == top.map(\.item), "\(p.name): top \(top.count) order")
            for e in top { check(p.name, e.item, scores.score(ofItem: e.item), e.score) }

            for e in rows where e.kind == "sample" || e.kind == "unscored" {
                check(p.name, e.item, scores.score(ofItem: e.item), e.score)
            }
        }
        #expect(compared > 7_000)
        #expect(maxDifference <= Self.tolerance)
        print("UserKNN vs LensKit 0.14.4: \(profiles.count) profiles, \(compared) scores, max |difference| \(maxDifference)")
    }
}
