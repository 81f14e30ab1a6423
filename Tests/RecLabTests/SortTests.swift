import Testing
@testable import RecLab

@Suite struct SortTests {
    func ids(_ t: Table) -> [Int64] { (0..<t.rowCount).compactMap { t.columns[0].integer(at: $0) } }

    func table() throws -> Table {
        try Table(columns: [
            Column(name: "id", integers: [1, 2, 3, 4, 5, 6]),
            Column(name: "mean", decimals: [4.3, 3.5, 4.3, 0, -0.0, 5], validity: Validity([true, true, true, false, true, true])),
            Column(name: "n", integers: [2, 1, 1, 3, 0, 0], validity: Validity([true, true, true, true, true, false])),
            Column(name: "title", texts: ["b", "B", "a", nil, "é", "b"]),
            Column(name: "wide", integers: [5_000_000_000, -5_000_000_000, 0, 7, 7, 1]),
        ])
    }

    @Test func descendingKeepsTiesInInputOrderAndMissingLast() throws {
        let t = try table()
        #expect(ids(try t.sorted(by: [SortKey(column: "mean", descending: true)])) == [6, 1, 3, 2, 5, 4])
        #expect(ids(try t.sorted(by: [SortKey(column: "mean")])) == [5, 2, 1, 3, 6, 4])
        #expect(ids(try t.sorted(by: [SortKey(column: "n")])) == [5, 2, 3, 1, 4, 6])
        #expect(ids(try t.sorted(by: [SortKey(column: "n", descending: true)])) == [4, 1, 2, 3, 5, 6])
    }

    @Test func textSortsByUnicodeOrder() throws {
        let t = try table()
        #expect(ids(try t.sorted(by: [SortKey(column: "title")])) == [2, 3, 1, 6, 5, 4])
        #expect(ids(try t.sorted(by: [SortKey(column: "title", descending: true)])) == [5, 1, 6, 3, 2, 4])
    }

    @Test func severalKeys() throws {
        let t = try table()
        let byTitleThenN = try t.sorted(by: [SortKey(column: "title"), SortKey(column: "n", descending: true)])
        #expect(ids(byTitleThenN) == [2, 3, 1, 6, 5, 4])
        let three = try t.sorted(by: [SortKey(column: "n"), SortKey(column: "mean", descending: true), SortKey(column: "id", descending: true)])
        #expect(ids(three) == [5, 3, 2, 1, 4, 6])
        #expect(ids(try t.sorted(by: [SortKey(column: "wide")])) == [2, 3, 6, 4, 5, 1])
    }

    @Test func theLabsTieKeepsTheLowerMovieFirst() throws {
        let stats = try Table(columns: [
            Column(name: "movieId", integers: [318, 475, 858, 1204, 2959]),
            Column(name: "mean", decimals: [4.43, 4.3, 4.29, 4.3, 4.27]),
        ])
        #expect(ids(try stats.sorted(by: [SortKey(column: "mean", descending: true)])) == [318, 475, 1204, 858, 2959])
        #expect(ids(try stats.top(2, by: "mean")) == [318, 475])
        #expect(ids(try stats.top(3, by: "mean")) == [318, 475, 1204])
    }

    @Test func topEqualsSortThenHead() throws {
        var generator = SeededGenerator(seed: 7)
        let n = 5_000
        let values = (0..<n).map { _ in Int64(generator.next(below: 50)) }
        let flags = (0..<n).map { _ in generator.next(below: 10) != 0 }
        let t = try Table(columns: [
            Column(name: "row", integers: (0..<Int64(n)).map { $0 }),
            Column(name: "v", integers: values, validity: Validity(flags)),
            Column(name: "d", decimals: values.map { Double($0) / 4 }, validity: Validity(flags)),
        ])
        for column in ["v", "d"] {
            let full = try t.sorted(by: [SortKey(column: column, descending: true)])
            for k in [0, 1, 10, 100, 700, n, n + 5] {
                #expect(ids(try t.top(k, by: column)) == ids(full.head(k)))
            }
        }
    }

    @Test func radixOrderEqualsAComparisonSort() throws {
        var generator = SeededGenerator(seed: 11)
        let n = 20_000
        let a = (0..<n).map { _ in Int64(generator.next(below: 9)) - 4 }
        let aPresent = (0..<n).map { _ in generator.next(below: 8) != 0 }
        let b = (0..<n).map { _ in Double(generator.next(below: 7)) - 3.5 }
        let bPresent = (0..<n).map { _ in generator.next(below: 6) != 0 }
        let words = ["pear", "Apple", "apple", "fig", "Äpfel"]
        let c = (0..<n).map { _ in words[generator.next(below: words.count)] }
        let t = try Table(columns: [
            Column(name: "row", integers: (0..<Int64(n)).map { $0 }),
            Column(name: "a", integers: a, validity: Validity(aPresent)),
            Column(name: "b", decimals: b, validity: Validity(bPresent)),
            Column(name: "c", texts: c),
        ])
        let sorted = try t.sorted(by: [SortKey(column: "c"), SortKey(column: "a", descending: true), SortKey(column: "b")])
        // Missing last in both directions, then the value, then row order.
        func before<T: Comparable>(_ x: T?, _ y: T?, descending: Bool) -> Bool? {
            switch (x, y) {
            case (nil, nil): return nil
            case (nil, _): return false
            case (_, nil): return true
            case let (x?, y?): return x == y ? nil : (descending ? x > y : x < y)
            }
        }
        let expected = (0..<n).sorted { i, j in
            if let r = before(c[i], c[j], descending: false) { return r }
            if let r = before(aPresent[i] ? a[i] : nil, aPresent[j] ? a[j] : nil, descending: true) { return r }
            if let r = before(bPresent[i] ? b[i] : nil, bPresent[j] ? b[j] : nil, descending: false) { return r }
            return i < j
        }
        #expect(ids(sorted) == expected.map { Int64($0) })
    }

    @Test func unknownColumnIsAnError() throws {
        let error = #expect(throws: RecLabError.self) { try table().sorted(by: [SortKey(column: "titel")]) }
        #expect(error?.message == "unknown column 'titel'; did you mean 'title'?")
        #expect(error?.subject == "titel")
    }
}
