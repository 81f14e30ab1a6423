import Testing
@testable import RecLab

@Suite struct PivotTests {
    func ratings() throws -> Table {
        try Table(columns: [
            Column(name: "userId", integers: [2, 1, 1, 2, 1, 3, 2]),
            Column(name: "movieId", integers: [20, 10, 20, 20, 10, 10, 0], validity: Validity([true, true, true, true, true, true, false])),
            Column(name: "rating", decimals: [4, 3, 5, 2, 4.5, 1, 5], fractionDigits: 1),
            Column(name: "tag", texts: ["x", "y", "z", nil, "w", "v", "u"]),
        ])
    }

    func grid(_ t: Table) -> [[Value]] { (0..<t.rowCount).map { r in t.columns.map { $0.value(at: r) } } }

    @Test func maxAndMeanPerCell() throws {
        let p = try ratings().pivot(rows: "userId", columns: "movieId", values: "rating", aggregate: .max)
        #expect(p.columnNames == ["userId", "10", "20"])
        #expect(grid(p) == [
            [.integer(1), .decimal(4.5), .decimal(5)],
            [.integer(2), .missing, .decimal(4)],
            [.integer(3), .decimal(1), .missing],
        ])
        #expect(p.columns[1].fractionDigits == 1)
        let mean = try ratings().pivot(rows: "userId", columns: "movieId", values: "rating", aggregate: .mean)
        #expect(grid(mean)[0] == [.integer(1), .decimal(3.75), .decimal(5)])
        #expect(grid(mean)[1] == [.integer(2), .missing, .decimal(3)])
    }

    @Test func otherAggregates() throws {
        let t = try ratings()
        #expect(grid(try t.pivot(rows: "userId", columns: "movieId", values: "rating", aggregate: .min))[1] == [.integer(2), .missing, .decimal(2)])
        #expect(grid(try t.pivot(rows: "userId", columns: "movieId", values: "rating", aggregate: .count))[1] == [.integer(2), .integer(0), .integer(2)])
        #expect(grid(try t.pivot(rows: "userId", columns: "movieId", values: "userId", aggregate: .sum))[0] == [.integer(1), .integer(2), .integer(1)])
        let first = try t.pivot(rows: "movieId", columns: "userId", values: "tag", aggregate: .first)
        #expect(first.columnNames == ["movieId", "1", "2", "3"])
        #expect(grid(first) == [
            [.integer(10), .text("y"), .missing, .text("v")],
            [.integer(20), .text("z"), .text("x"), .missing],
        ])
    }

    @Test func refusesHugeOrMeaninglessResults() throws {
        let n = 4000
        let wide = try Table(columns: [
            Column(name: "a", integers: (0..<Int64(n)).map { $0 }),
            Column(name: "b", integers: (0..<Int64(n)).map { $0 }),
            Column(name: "v", integers: (0..<Int64(n)).map { $0 }),
        ])
        let huge = #expect(throws: RecLabError.self) { try wide.pivot(rows: "a", columns: "b", values: "v") }
        #expect(huge?.message == "pivot would have 4000 rows × 4000 columns, more than 10000000 cells; filter the table first")
        let text = #expect(throws: RecLabError.self) {
            try ratings().pivot(rows: "userId", columns: "movieId", values: "tag", aggregate: .mean)
        }
        #expect(text?.subject == "tag")
    }
}
