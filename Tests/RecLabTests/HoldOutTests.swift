import Testing
@testable import RecLab

/// Per-group splits: each user's share held out at random or by time.
@Suite struct HoldOutTests {
    /// Users 1…4 with 1, 2, 5 and 10 ratings; timestamps ascend with the row.
    static func table() throws -> Table {
        var users: [Int64] = [], items: [Int64] = [], times: [Int64] = []
        for (user, n) in [(1, 1), (2, 2), (3, 5), (4, 10)] as [(Int64, Int)] {
            for k in 0..<n {
                users.append(user)
                items.append(Int64(100 + k))
                times.append(Int64(1_000 * Int(user) + (k * 7) % n))  // shuffled times within a user
            }
        }
        return try Table(columns: [Column(name: "userId", integers: users), Column(name: "movieId", integers: items),
                                   Column(name: "timestamp", integers: times)])
    }

    func counts(_ table: Table) -> [Int64: Int] {
        var counts: [Int64: Int] = [:]
        let users = table.column(named: "userId")
        for row in 0..<table.rowCount { counts[users?.integer(at: row) ?? 0, default: 0] += 1 }
        return counts
    }

    @Test func aShareOfEachUserRoundsHalfToEvenAsLensKit() throws {
        let (kept, held) = try Self.table().holdOut(.fraction(0.25), by: ["userId"], seed: 42)
        // round(0.25), round(0.5) = 0, round(1.25) = 1, round(2.5) = 2: Python's round.
        #expect(counts(held) == [3: 1, 4: 2])
        #expect(kept.rowCount + held.rowCount == 18)
        let again = try Self.table().holdOut(.fraction(0.25), by: ["userId"], seed: 42).heldOut
        #expect(again.column(named: "movieId")?.integer(at: 0) == held.column(named: "movieId")?.integer(at: 0))
    }

    @Test func aCountTakesAllOfASmallerUser() throws {
        let (_, held) = try Self.table().holdOut(.count(3), by: ["userId"], seed: 7)
        #expect(counts(held) == [1: 1, 2: 2, 3: 3, 4: 3])
    }

    @Test func lastHoldsOutEachUsersMostRecent() throws {
        let table = try Self.table()
        let (_, held) = try table.holdOut(.count(2), by: ["userId"], latest: "timestamp", seed: 0)
        let times = table.column(named: "timestamp"), users = table.column(named: "userId")
        for user: Int64 in [3, 4] {
            let all = (0..<table.rowCount).filter { users?.integer(at: $0) == user }.compactMap { times?.integer(at: $0) }.sorted()
            let heldTimes = (0..<held.rowCount).filter { held.column(named: "userId")?.integer(at: $0) == user }
                .compactMap { held.column(named: "timestamp")?.integer(at: $0) }.sorted()
            #expect(heldTimes == Array(all.suffix(2)), "user \(user)")
        }
        #expect(throws: RecLabError.self) { try table.holdOut(.count(1), by: ["userId"], latest: "nope", seed: 0) }
        #expect(throws: RecLabError.self) { try table.holdOut(.fraction(1.5), by: ["userId"], seed: 0) }
        #expect(throws: RecLabError.self) { try table.holdOut(.count(1), by: ["user"], seed: 0) }
    }

    @Test func crossfoldTestsEachUserInExactlyOneFold() throws {
        let table = try Self.table()
        let splits = try table.crossfold(2, by: "userId", holdOut: 0.5, seed: 3)
        #expect(splits.count == 2)
        var tested: [Int64: Int] = [:]
        for split in splits {
            #expect(split.train.rowCount + split.test.rowCount == table.rowCount)
            for (user, _) in counts(split.test) { tested[user, default: 0] += 1 }
        }
        // round(0.5 × 1) = 0 (halves to even): user 1 is never held out; the others once each.
        #expect(tested == [2: 1, 3: 1, 4: 1])
        #expect(throws: RecLabError.self) { try table.crossfold(1, by: "userId", holdOut: 0.2, seed: 0) }
        #expect(throws: RecLabError.self) { try table.crossfold(5, by: "userId", holdOut: 0.2, seed: 0) }
    }
}
