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
        #expect(d.columnNames == ["column", "type", "count", "missing", "unique", "mean", "std", "min", "max", "25%", "50%", "75%"])
        func row(_ r: Int) -> [Value] { d.columns.map { $0.value(at: r) } }
        // numpy: std(ddof=1) and percentile([25, 50, 75]) of [1, 1, 2, 9e9].
        let userStd = ([1.0, 1, 2, 9e9].map { ($0 - 2_250_000_001) * ($0 - 2_250_000_001) }.reduce(0, +) / 3).squareRoot()
        #expect(row(0) == [.text("userId"), .text("integer"), .integer(4), .integer(0), .integer(3),
                           .decimal(2_250_000_001), .decimal(userStd), .decimal(1), .decimal(9_000_000_000),
                           .decimal(1), .decimal(1.5), .decimal(2_250_000_001.5)])
        #expect(row(1) == [.text("rating"), .text("decimal"), .integer(3), .integer(1), .integer(2),
                           .decimal(11.5 / 3), row(1)[6], .decimal(3.5), .decimal(4), .decimal(3.75), .decimal(4), .decimal(4)])
        if case .decimal(let std) = row(1)[6] { #expect(abs(std - 0.288675134594813) < 1e-12) } else { Issue.record("no std") }
        let none: [Value] = Array(repeating: .missing, count: 7)
        #expect(row(2) == [.text("title"), .text("text"), .integer(3), .integer(1), .integer(2)] + none)
        #expect(row(3) == [.text("empty"), .text("integer"), .integer(0), .integer(4), .integer(0)] + none)
        // Each row's values are shown as its column shows them: integers
        // whole, a quartile between two with its fraction, decimals with
        // the file's digits; counts grouped.
        #expect(d.column(named: "min")?.digitsByRow == [0, 1, 0, 0])
        #expect(d.column(named: "75%")?.digitsByRow == [1, 1, 0, 0])
        #expect(d.column(named: "count")?.isCount == true)
    }
}
