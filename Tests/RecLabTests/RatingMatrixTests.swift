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

    @Test func emptyTable() throws {
        let m = try RatingMatrix.build(from: Self.table(users: [], items: [], ratings: []))
        #expect(m.userCount == 0 && m.itemCount == 0 && m.userOffsets == [0] && m.itemOffsets == [0])
    }
}
