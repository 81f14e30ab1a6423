import Testing
@testable import RecLab

@Suite struct RatingMatrixTests {
    static func table(users: [Int64], items: [Int64], ratings: [Double]) throws -> Table {
        try Table(columns: [Column(name: "userId", integers: users), Column(name: "movieId", integers: items),
                            Column(name: "rating", decimals: ratings)])
    }

    @Test func buildsBothLayoutsInIdOrderFromUnsortedRows() throws {
        let t = try Self.table(users: [7, 3, 7, 3, 9], items: [30, 20, 10, 30, 20], ratings: [1, 2, 3, 4, 5])
        let m = try RatingMatrix.build(from: t)
        #expect(m.userIds == [3, 7, 9])
        #expect(m.itemIds == [10, 20, 30])
        #expect(m.userOffsets == [0, 2, 4, 5])
        #expect(m.userItems == [1, 2, 0, 2, 1])
        #expect(m.userRatings == [2, 4, 3, 1, 5])
        #expect(m.itemOffsets == [0, 1, 3, 5])
        #expect(m.itemUsers == [1, 0, 2, 0, 1])
        #expect(m.itemRatings == [3, 2, 5, 4, 1])
        #expect(m.userIndex(of: 7) == 1 && m.userIndex(of: 8) == nil && m.userIndex(of: .min) == nil)
        #expect(m.itemIndex(of: 30) == 2 && m.itemIndex(of: 31) == nil)
        #expect(m.ratingCount == 5)
    }

    @Test func idsFarApartAreHashed() throws {
        let far: Int64 = 1 << 50
        let t = try Self.table(users: [far, -far, far], items: [2, 1, 1], ratings: [1, 2, 3])
        let m = try RatingMatrix.build(from: t)
        #expect(m.userIds == [-far, far])
        #expect(m.userIndex(of: far) == 1 && m.userIndex(of: 0) == nil)
        #expect(m.userItems == [0, 0, 1])
        #expect(m.userRatings == [2, 3, 1])
    }

    @Test func duplicatePairNamesTheFirstInRowOrder() throws {
        let t = try Self.table(users: [5, 2, 5, 2, 5], items: [10, 4, 11, 4, 10], ratings: [1, 2, 3, 4, 5])
        #expect(throws: RecLabError.self) { try RatingMatrix.build(from: t) }
        do {
            _ = try RatingMatrix.build(from: t)
        } catch {
            #expect(error.message.hasPrefix("user 2 rated movie 4 twice (row 4)"))
        }
    }

    @Test func duplicateInSortedRows() throws {
        let t = try Self.table(users: [1, 1, 1, 2], items: [1, 2, 2, 1], ratings: [1, 2, 3, 4])
        do { _ = try RatingMatrix.build(from: t); Issue.record("expected an error") } catch {
            #expect(error.message.hasPrefix("user 1 rated movie 2 twice (row 3)"))
        }
        let sorted = try RatingMatrix.build(from: Self.table(users: [1, 1, 2], items: [1, 2, 1], ratings: [1, 2, 3]))
        #expect(sorted.userItems == [0, 1, 0] && sorted.itemUsers == [0, 1, 0] && sorted.itemRatings == [1, 3, 2])
    }

    @Test func missingCellsAndWrongTypesNameTheColumn() throws {
        let t = try Table(columns: [
            Column(name: "userId", integers: [1, 2]),
            Column(name: "movieId", integers: [1, 0], validity: Validity([true, false])),
            Column(name: "rating", decimals: [1, 2]),
        ])
        do { _ = try RatingMatrix.build(from: t); Issue.record("expected an error") } catch {
            #expect(error.message.contains("'movieId'") && error.message.contains("row 2"))
            #expect(error.subject == "movieId")
        }
        do { _ = try RatingMatrix.build(from: t, item: "rating"); Issue.record("expected an error") } catch {
            #expect(error.message.contains("'rating'") && error.message.contains("integer ids"))
        }
        do { _ = try RatingMatrix.build(from: t, user: "user"); Issue.record("expected an error") } catch {
            #expect(error.message.contains("unknown column 'user'"))
        }
    }

    @Test func customColumnNamesAndIntegerRatings() throws {
        let t = try Table(columns: [Column(name: "u", integers: [1, 1]), Column(name: "i", integers: [2, 1]),
                                    Column(name: "r", integers: [3, 4])])
        let m = try RatingMatrix.build(from: t, user: "u", item: "i", rating: "r")
        #expect(m.userRatings == [4, 3])
    }

    /// The layouts a plain sort of the rows gives.
    static func reference(_ rows: [(user: Int64, item: Int64, rating: Double)]) -> (users: [Int64], items: [Int64],
            byUser: [(Int32, Double)], byItem: [(Int32, Double)]) {
        let users = Set(rows.map(\.user)).sorted(), items = Set(rows.map(\.item)).sorted()
        let u = Dictionary(uniqueKeysWithValues: users.enumerated().map { ($1, Int32($0)) })
        let i = Dictionary(uniqueKeysWithValues: items.enumerated().map { ($1, Int32($0)) })
        let indexed = rows.map { (u: u[$0.user] ?? -1, i: i[$0.item] ?? -1, r: $0.rating) }
        let byUser = indexed.sorted { ($0.u, $0.i) < ($1.u, $1.i) }.map { ($0.i, $0.r) }
        let byItem = indexed.sorted { ($0.i, $0.u) < ($1.i, $1.u) }.map { ($0.u, $0.r) }
        return (users, items, byUser, byItem)
    }

    /// Enough rows that every pass is split between workers, sorted and
    /// shuffled, with 32- and 64-bit ids, compact and spread far apart.
    @Test(arguments: [false, true], [false, true])
    func largeTablesMatchAPlainSort(shuffled: Bool, farIds: Bool) throws {
        var generator = SeededGenerator(seed: 11)
        var pairs = Set<Int64>()
        while pairs.count < 300_000 { pairs.insert(Int64(generator.next(below: 5_000)) << 32 | Int64(generator.next(below: 3_000))) }
        var rows = pairs.sorted().map { pair in
            (user: (pair >> 32) * (farIds ? 1 << 40 : 1), item: pair & 0xFFFF_FFFF + 7, rating: Double(1 + generator.next(below: 10)) / 2)
        }
        if shuffled { rows.shuffle(using: &generator) }
        let table = try Table(columns: [
            farIds ? Column(name: "userId", integers: rows.map(\.user)) : Column(name: "userId", int32: rows.map { Int32($0.user) }),
            Column(name: "movieId", int32: rows.map { Int32($0.item) }), Column(name: "rating", decimals: rows.map(\.rating)),
        ])
        let m = try RatingMatrix.build(from: table)
        let expected = Self.reference(rows)
        #expect(m.userIds == expected.users && m.itemIds == expected.items)
        #expect(m.userItems == expected.byUser.map(\.0) && m.userRatings == expected.byUser.map(\.1))
        #expect(m.itemUsers == expected.byItem.map(\.0) && m.itemRatings == expected.byItem.map(\.1))
        #expect(m.userOffsets.last == rows.count && m.itemOffsets.last == rows.count)
        for u in [0, 1, m.userCount / 2, m.userCount - 1] { #expect(m.userIndex(of: m.userIds[u]) == u) }
        #expect(m.itemIndex(of: 6) == nil && m.itemIndex(of: 7) == 0)

        // A repeated pair is found at its later row: sorted rows keep it
        // next to the first, shuffled ones put it further on.
        var repeated = rows
        let at = shuffled ? 200_000 : 123_457
        repeated.insert((rows[123_456].user, rows[123_456].item, 1), at: at)
        let bad = try Table(columns: [
            Column(name: "userId", integers: repeated.map(\.user)), Column(name: "movieId", integers: repeated.map(\.item)),
            Column(name: "rating", decimals: repeated.map(\.rating)),
        ])
        do { _ = try RatingMatrix.build(from: bad); Issue.record("expected an error") } catch {
            #expect(error.message.hasPrefix("user \(rows[123_456].user) rated movie \(rows[123_456].item) twice (row \(at + 1))"))
        }
    }

    @Test func emptyTable() throws {
        let m = try RatingMatrix.build(from: Self.table(users: [], items: [], ratings: []))
        #expect(m.userCount == 0 && m.itemCount == 0 && m.userOffsets == [0] && m.itemOffsets == [0])
    }
}
