import Foundation
import RecLab
import Testing
@testable import RecLabShell

/// `sample … by COL, COL`: stratified by several columns on real ratings.
@Suite struct SampleVerbTests {
    /// Rows per (movieId, rating) pair.
    func pairCounts(_ t: Table) throws -> [String: Int] {
        let movie = try #require(t.column(named: "movieId")), rating = try #require(t.column(named: "rating"))
        var counts: [String: Int] = [:]
        for r in 0 ..< t.rowCount { counts["\(movie.integer(at: r) ?? -1) \(rating.number(at: r) ?? -1)", default: 0] += 1 }
        return counts
    }

    @Test func eachMovieKeepsItsShareOfEveryScore() throws {
        let h = try SessionHarness.withMovieLens()
        let out = h.run("s = sample ratings 10% by movieId, rating seed 7")
        #expect(out == "s: 10,084 rows × 4 columns\n")  // round(100,836 × 10%)
        let ratings = try #require(h.session.workspace.table("ratings"))
        let s = try #require(h.session.workspace.table("s"))
        let before = try pairCounts(ratings), after = try pairCounts(s)
        #expect(Set(after.keys).isSubset(of: before.keys))
        var roundedUp = 0
        for (pair, n) in before {
            let quota = Double(n) * 10_084 / 100_836, kept = after[pair] ?? 0
            #expect(Double(kept) == quota.rounded(.down) || Double(kept) == quota.rounded(.up), "\(pair): \(n) → \(kept)")
            if Double(kept) > quota { roundedUp += 1 }
        }
        // Most pairs have a handful of ratings: their quotas are fractions, and
        // only the largest remainders are rounded up.
        #expect(roundedUp > 0 && roundedUp < before.count / 2)

        // The same seed, the same rows; another seed, other rows.
        h.run("again = sample ratings 10% by movieId, rating seed 7")
        h.run("other = sample ratings 10% by movieId, rating seed 8")
        let again = try #require(h.session.workspace.table("again")), other = try #require(h.session.workspace.table("other"))
        let timestamps = { (t: Table) in (0 ..< t.rowCount).map { t.column(named: "timestamp")?.integer(at: $0) } }
        #expect(timestamps(again) == timestamps(s))
        #expect(timestamps(other) != timestamps(s))
        #expect(try pairCounts(other).values.reduce(0, +) == 10_084)
    }

    @Test func aCountIsSharedOutExactly() throws {
        // 610 users × 10 scores: thousands of strata with quotas below one row.
        let h = try SessionHarness.withMovieLens()
        #expect(h.run("x = sample ratings 1000 by userId, rating seed 1") == "x: 1,000 rows × 4 columns\n")
        #expect(h.run("y = sample ratings 1% by rating seed 1") == "y: 1,008 rows × 4 columns\n")
    }

    @Test func splitByUserHoldsOutPartOfEachUsersRatings() throws {
        let h = try SessionHarness.withMovieLens()
        #expect(h.run("train, test = split ratings 20% by userId seed 42") == "train: 80,672 rows × 4 columns\ntest: 20,164 rows × 4 columns\n")
        let test = try #require(h.session.workspace.table("test")), ratings = try #require(h.session.workspace.table("ratings"))
        var all: [Int64: Int] = [:], held: [Int64: Int] = [:]
        for r in 0..<ratings.rowCount { all[ratings.column(named: "userId")?.integer(at: r) ?? 0, default: 0] += 1 }
        for r in 0..<test.rowCount { held[test.column(named: "userId")?.integer(at: r) ?? 0, default: 0] += 1 }
        // Every user, each with round(20% × n), halves to even (LensKit's SampleFrac).
        #expect(held.count == 610)
        #expect(all.allSatisfy { user, n in held[user] == Int((Double(n) * 0.2).rounded(.toNearestOrEven)) })
        #expect(h.run("a, b = split ratings 5 by userId").hasSuffix("b: 3,050 rows × 4 columns\n"))
        #expect(h.run("c, d = split ratings last 20% by userId").hasSuffix("d: 20,164 rows × 4 columns\n"))
        h.refuses("e, f = split ratings 5", blaming: "5") { $0.hasSuffix("(to hold out 5 of each user's ratings: split ratings 5 by userId)") }
        h.refuses("e, f = split ratings last 20%", blaming: "last") { $0.hasPrefix("'last' holds out part of each group") }
        h.refuses("e, f = split movies last 5 by movieId", blaming: "last") { $0.hasPrefix("'last' holds out the most recent ratings by their timestamp") }
    }

    @Test func badStrata() throws {
        let h = try SessionHarness.withMovieLens()
        let usage = "usage: sample [TABLE] N|P% [by COL[, COL]...] [seed S]"
        h.refuses("sample ratings 10% by movieId, ratng", blaming: "ratng", with: "unknown column 'ratng'; did you mean 'rating'?")
        h.refuses("sample ratings 10% by moveId, rating", blaming: "moveId", with: "unknown column 'moveId'; did you mean 'movieId'?")
        h.refuses("sample ratings 10% by") { $0 == "expected a column name; \(usage)" }
        h.refuses("sample ratings 10% by movieId,") { $0 == "expected a column name; \(usage)" }
        h.refuses("sample ratings 10% by movieId, seed 3", blaming: "seed") { $0.hasPrefix("unknown column 'seed'") }
        h.refuses("sample ratings 10% by movieId rating", blaming: "rating",
                  with: "separate the columns with a comma: 'by movieId, rating'")
        h.refuses("sample ratings 10% by movieId, rating seed", blaming: nil) { $0.hasPrefix("expected the seed") }
    }
}
