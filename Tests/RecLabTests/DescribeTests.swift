import Testing
@testable import RecLab

@Suite struct DescribeTests {
    @Test func onePerColumn() throws {
        let t = try Table(columns: [
            Column(name: "userId", integers: [1, 1, 2, 9_000_000_000]),
            Column(name: "rating", decimals: [4, 3.5, 0, 4], validity: Validity([true, true, false, true]), fractionDigits: 1),
            Column(name: "title", texts: ["b", nil, "a", "b"]),
            Column(name: "empty", integers: [0, 0, 0, 0], validity: Validity([false, false, false, false])),
        ])
        let d = try t.describe()
        #expect(d.columnNames == ["column", "type", "count", "missing", "unique", "min", "max", "mean"])
        func row(_ r: Int) -> [Value] { d.columns.map { $0.value(at: r) } }
        #expect(row(0) == [.text("userId"), .text("integer"), .integer(4), .integer(0), .integer(3),
                           .decimal(1), .decimal(9_000_000_000), .decimal(2_250_000_001)])
        #expect(row(1) == [.text("rating"), .text("decimal"), .integer(3), .integer(1), .integer(2),
                           .decimal(3.5), .decimal(4), .decimal(11.5 / 3)])
        #expect(row(2) == [.text("title"), .text("text"), .integer(3), .integer(1), .integer(2), .missing, .missing, .missing])
        #expect(row(3) == [.text("empty"), .text("integer"), .integer(0), .integer(4), .integer(0), .missing, .missing, .missing])
        #expect(d.column(named: "min")?.fractionDigits == 1)
    }
}
