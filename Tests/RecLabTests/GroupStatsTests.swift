import Testing
@testable import RecLab

@Suite struct GroupStatsTests {
    func ratings() throws -> Table {
        try Table(columns: [
            Column(name: "movieId", integers: [10, 3, 10, 7, 3, 10, 0, 7],
                   validity: Validity([true, true, true, true, true, true, false, true])),
            Column(name: "rating", decimals: [4, 3.5, 5, 2, 4.5, 3, 1, 0],
                   validity: Validity([true, true, true, true, true, true, true, false]), fractionDigits: 1),
            Column(name: "genre", texts: ["b", "a", "b", "c", "a", "B", "a", "c"]),
        ])
    }

    func column(_ t: Table, _ name: String) -> [Value] {
        guard let c = t.column(named: name) else { return [] }
        return (0..<c.count).map { c.value(at: $0) }
    }

    @Test func statsByIntegerKey() throws {
        let s = try ratings().groupStats(by: "movieId", of: "rating")
        #expect(s.columnNames == ["movieId", "count", "mean", "std", "min", "max"])
        #expect(column(s, "movieId") == [.integer(3), .integer(7), .integer(10)])
        #expect(column(s, "count") == [.integer(2), .integer(1), .integer(3)])
        #expect(column(s, "mean") == [.decimal(4), .decimal(2), .decimal(4)])
        #expect(column(s, "std")[0] == .decimal(0.5.squareRoot()))
        #expect(column(s, "std")[1] == .missing)
        #expect(column(s, "std")[2] == .decimal(1))
        #expect(column(s, "min") == [.decimal(3.5), .decimal(2), .decimal(3)])
        #expect(column(s, "max") == [.decimal(4.5), .decimal(2), .decimal(5)])
        #expect(s.column(named: "max")?.fractionDigits == 1)
        #expect(s.column(named: "movieId")?.type == .integer)
    }

    @Test func aKeyWithOnlyMissingValuesHasCountZero() throws {
        let t = try Table(columns: [
            Column(name: "k", integers: [1, 2, 2]),
            Column(name: "v", integers: [5, 0, 7], validity: Validity([true, false, true])),
        ])
        let s = try t.groupStats(by: "k", of: "v")
        #expect(column(s, "count") == [.integer(1), .integer(1)])
        #expect(column(s, "min") == [.integer(5), .integer(7)])
        let none = try Table(columns: [
            Column(name: "k", integers: [1, 2]),
            Column(name: "v", integers: [5, 0], validity: Validity([true, false])),
        ]).groupStats(by: "k", of: "v")
        #expect(column(none, "count") == [.integer(1), .integer(0)])
        #expect(column(none, "mean") == [.decimal(5), .missing])
        #expect(column(none, "max") == [.integer(5), .missing])
    }

    @Test func textKeysGroupInUnicodeOrder() throws {
        let s = try ratings().groupStats(by: "genre", of: "rating")
        #expect(column(s, "genre") == [.text("B"), .text("a"), .text("b"), .text("c")])
        #expect(column(s, "count") == [.integer(1), .integer(3), .integer(2), .integer(1)])
        #expect(column(s, "mean") == [.decimal(3), .decimal(3), .decimal(4.5), .decimal(2)])
    }

    @Test func sparseAndDecimalKeysUseHashing() throws {
        let t = try Table(columns: [
            Column(name: "k", integers: [9_000_000_000, -4, 9_000_000_000, 12]),
            Column(name: "d", decimals: [0.5, -0.0, 0.0, 0.5]),
            Column(name: "v", int32: [1, 2, 3, 4]),
        ])
        let byK = try t.groupStats(by: "k", of: "v")
        #expect(column(byK, "k") == [.integer(-4), .integer(12), .integer(9_000_000_000)])
        #expect(column(byK, "mean") == [.decimal(2), .decimal(4), .decimal(2)])
        let byD = try t.groupStats(by: "d", of: "v")
        #expect(column(byD, "count") == [.integer(2), .integer(2)])
        #expect(column(byD, "max") == [.integer(3), .integer(4)])
    }

    @Test func varianceIsAccurateFarFromZero() throws {
        let base = 1_500_000_000.0
        let t = try Table(columns: [
            Column(name: "k", integers: [1, 1, 1, 1]),
            Column(name: "v", decimals: [base + 1, base + 2, base + 3, base + 4]),
        ])
        let s = try t.groupStats(by: "k", of: "v")
        guard case .decimal(let std) = s.columns[3].value(at: 0) else { Issue.record("no std"); return }
        #expect(abs(std - (5.0 / 3.0).squareRoot()) < 1e-12)
    }

    @Test func largeTablesMergeWorkersExactly() throws {
        let n = 3_000_000
        var generator = SeededGenerator(seed: 1)
        var keys = [Int32](), values = [Double]()
        for _ in 0..<n {
            keys.append(Int32(generator.next(below: 1000)))
            values.append(Double(1 + generator.next(below: 10)) / 2)
        }
        let t = try Table(columns: [Column(name: "k", int32: keys), Column(name: "v", decimals: values)])
        let s = try t.groupStats(by: "k", of: "v")
        var count = [Int](repeating: 0, count: 1000), sum = [Double](repeating: 0, count: 1000)
        for i in 0..<n { count[Int(keys[i])] += 1; sum[Int(keys[i])] += values[i] }
        var squares = [Double](repeating: 0, count: 1000)
        for i in 0..<n { let d = values[i] - sum[Int(keys[i])] / Double(count[Int(keys[i])]); squares[Int(keys[i])] += d * d }
        #expect(s.rowCount == 1000)
        for g in 0..<1000 {
            #expect(s.columns[1].integer(at: g) == Int64(count[g]))
            #expect(abs((s.columns[2].number(at: g) ?? 0) - sum[g] / Double(count[g])) < 1e-12)
            #expect(abs((s.columns[3].number(at: g) ?? 0) - (squares[g] / Double(count[g] - 1)).squareRoot()) < 1e-12)
        }
    }

    @Test func errors() throws {
        let t = try ratings()
        let text = #expect(throws: RecLabError.self) { try t.groupStats(by: "movieId", of: "genre") }
        #expect(text?.subject == "genre")
        let unknown = #expect(throws: RecLabError.self) { try t.groupStats(by: "movieID", of: "rating") }
        #expect(unknown?.message == "unknown column 'movieID'; did you mean 'movieId'?")
    }
}
