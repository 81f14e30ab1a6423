import Testing
@testable import RecLab

@Suite struct JoinTests {
    func ratings() throws -> Table {
        try Table(columns: [
            Column(name: "userId", integers: [1, 1, 2, 3, 3]),
            Column(name: "movieId", integers: [20, 10, 30, 10, 0], validity: Validity([true, true, true, true, false])),
            Column(name: "rating", decimals: [4, 5, 3, 2, 1], fractionDigits: 1),
        ])
    }

    func movies() throws -> Table {
        try Table(columns: [
            Column(name: "movieId", integers: [10, 20, 40]),
            Column(name: "title", texts: ["Ten", "Twenty", "Forty"]),
        ])
    }

    func values(_ t: Table, _ name: String) -> [Value] {
        guard let c = t.column(named: name) else { return [] }
        return (0..<c.count).map { c.value(at: $0) }
    }

    @Test func innerJoinOnTheSharedColumnKeepsLeftOrder() throws {
        let j = try ratings().join(movies())
        #expect(j.columnNames == ["userId", "movieId", "rating", "title"])
        #expect(values(j, "movieId") == [.integer(20), .integer(10), .integer(10)])
        #expect(values(j, "title") == [.text("Twenty"), .text("Ten"), .text("Ten")])
        #expect(values(j, "userId") == [.integer(1), .integer(1), .integer(3)])
        #expect(j.column(named: "rating")?.fractionDigits == 1)
    }

    @Test func aJoinAboveTheCellBudgetIsRefusedBeforeItIsBuilt() throws {
        // 30,000 rows of one key on each side: 900 million result rows.
        let same = try Table(columns: [Column(name: "rating", integers: [Int64](repeating: 4, count: 30_000))])
        let refused = #expect(throws: RecLabError.self) { try same.join(same, on: "rating") }
        #expect(Table.maximumJoinCells == 500_000_000)
        #expect(refused?.message == "join would make 900,000,000 rows of 1 column, more than the 500,000,000 cells "
                + "a join may build; filter the tables first or join on a column whose values repeat less")
        // Just under the budget is built.
        let small = try Table(columns: [Column(name: "rating", integers: [Int64](repeating: 4, count: 300))])
        #expect(try small.join(small, on: "rating").rowCount == 90_000)
    }

    @Test func leftJoinKeepsUnmatchedRowsWithMissingCells() throws {
        let j = try ratings().join(movies(), kind: .left)
        #expect(j.rowCount == 5)
        #expect(values(j, "title") == [.text("Twenty"), .text("Ten"), .missing, .text("Ten"), .missing])
        #expect(values(j, "movieId")[4] == .missing)
    }

    @Test func duplicateRightKeysRepeatTheLeftRowInRightOrder() throws {
        let tags = try Table(columns: [
            Column(name: "movieId", integers: [10, 30, 10]),
            Column(name: "tag", texts: ["funny", "dark", "long"]),
        ])
        let j = try ratings().join(tags)
        #expect(values(j, "userId") == [.integer(1), .integer(1), .integer(2), .integer(3), .integer(3)])
        #expect(values(j, "tag") == [.text("funny"), .text("long"), .text("dark"), .text("funny"), .text("long")])
        let left = try ratings().join(tags, kind: .left)
        #expect(values(left, "tag") == [.missing, .text("funny"), .text("long"), .text("dark"), .text("funny"), .text("long"), .missing])
    }

    @Test func textKeysMatchAcrossDictionaries() throws {
        let a = try Table(columns: [Column(name: "g", texts: ["x", "y", nil, "z", "x"]), Column(name: "n", integers: [1, 2, 3, 4, 5])])
        let b = try Table(columns: [Column(name: "g", texts: ["z", "x", "q"]), Column(name: "n", integers: [26, 24, 17])])
        let j = try a.join(b, on: "g")
        #expect(j.columnNames == ["g", "n", "n_right"])
        #expect(values(j, "n") == [.integer(1), .integer(4), .integer(5)])
        #expect(values(j, "n_right") == [.integer(24), .integer(26), .integer(24)])
    }

    @Test func sparseAndMixedNumericKeys() throws {
        let a = try Table(columns: [Column(name: "k", integers: [9_000_000_000, 5, -3])])
        let b = try Table(columns: [Column(name: "k", integers: [-3, 9_000_000_000]), Column(name: "v", texts: ["neg", "big"])])
        #expect(values(try a.join(b), "v") == [.text("big"), .text("neg")])
        let d = try Table(columns: [Column(name: "k", decimals: [5.0, 5.5]), Column(name: "w", texts: ["five", "half"])])
        #expect(values(try a.join(d), "w") == [.text("five")])
    }

    @Test func nameClashesGetASuffix() throws {
        let a = try Table(columns: [Column(name: "k", integers: [1]), Column(name: "v", integers: [1]), Column(name: "v_right", integers: [2])])
        let b = try Table(columns: [Column(name: "k", integers: [1]), Column(name: "v", integers: [3])])
        #expect(try a.join(b, on: "k").columnNames == ["k", "v", "v_right", "v_right2"])
    }

    @Test func keyErrors() throws {
        let shareTwo = try Table(columns: [Column(name: "movieId", integers: [1]), Column(name: "rating", integers: [1])])
        let several = #expect(throws: RecLabError.self) { try ratings().join(shareTwo) }
        #expect(several?.message == "the tables share several columns (movieId, rating); pick the key with 'on COL'")
        let none = try Table(columns: [Column(name: "x", integers: [1])])
        let noShared = #expect(throws: RecLabError.self) { try ratings().join(none) }
        #expect(noShared?.message.hasPrefix("the tables share no column name") == true)
        let missing = #expect(throws: RecLabError.self) { try ratings().join(movies(), on: "userId") }
        #expect(missing?.message == "the right table has no column 'userId'")
        let textKey = try Table(columns: [Column(name: "movieId", texts: ["10"])])
        let mismatch = #expect(throws: RecLabError.self) { try ratings().join(textKey) }
        #expect(mismatch?.message == "cannot join integer column 'movieId' with text column 'movieId'")
        #expect(mismatch?.subject == "movieId")
    }

    @Test func largeJoinMatchesARowByRowLookup() throws {
        let n = 400_000
        var generator = SeededGenerator(seed: 3)
        let keys = (0..<n).map { _ in Int64(generator.next(below: 1200)) }
        let left = try Table(columns: [Column(name: "row", integers: (0..<Int64(n)).map { $0 }), Column(name: "k", integers: keys)])
        let right = try Table(columns: [Column(name: "k", integers: (0..<1000).map { Int64($0) }),
                                        Column(name: "double", integers: (0..<1000).map { 2 * Int64($0) })])
        let inner = try left.join(right)
        let expected = keys.filter { $0 < 1000 }
        #expect(inner.rowCount == expected.count)
        #expect((0..<inner.rowCount).allSatisfy { inner.columns[2].integer(at: $0) == 2 * (inner.columns[1].integer(at: $0) ?? -1) })
        let outer = try left.join(right, kind: .left)
        #expect(outer.rowCount == n)
        #expect(outer.columns[2].missingCount == n - expected.count)
    }
}
