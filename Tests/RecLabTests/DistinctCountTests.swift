import Testing
@testable import RecLab

/// `describe`'s `unique` by each of ``DistinctCount``'s ways (bitmap, few
/// values, sorting), checked against a plain `Set`.
@Suite struct DistinctCountTests {
    /// The distinct count `describe` gives for a one-column table.
    private func unique(_ column: Column) throws -> Int64? {
        let d = try Table(columns: [column]).describe()
        if case .integer(let n) = d.column(named: "unique")?.value(at: 0) { return n }
        return nil
    }

    /// Values from a seeded generator, every `missingEvery`-th one missing.
    private func sample(_ n: Int, seed: UInt64, _ value: (inout SeededGenerator) -> Int64) -> ([Int64], [Bool]) {
        var g = SeededGenerator(seed: seed)
        let values = (0 ..< n).map { _ in value(&g) }
        return (values, (0 ..< n).map { $0 % 7 != 3 })
    }

    private func expected(_ values: [Int64], _ valid: [Bool]) -> Int64 {
        Int64(Set(zip(values, valid).filter(\.1).map(\.0)).count)
    }

    @Test func spreadIntegersUseABitmapOverTheirRange() throws {
        // Timestamps: a range of 9e8 seconds, far more than 4 slots per row.
        let (values, valid) = sample(200_000, seed: 1) { 788_918_400 + Int64.random(in: 0 ..< 900_000_000, using: &$0) }
        #expect(DistinctCount.bitmapSpan(low: 788_918_400, high: 1_688_918_400, rows: 200_000) == nil)
        let (few, _) = sample(200_000, seed: 2) { 1_000_000 + Int64.random(in: 0 ..< 3_000_000, using: &$0) }
        #expect(DistinctCount.bitmapSpan(low: 1_000_000, high: 3_999_999, rows: 200_000) == 3_000_000)
        #expect(try unique(Column(name: "t", integers: few, validity: Validity(valid))) == expected(few, valid))
        #expect(try unique(Column(name: "t", integers: values, validity: Validity(valid))) == expected(values, valid))
    }

    @Test func hugeRangesAreSorted() throws {
        // Too far apart for a bitmap and too many for the small sets: sorted.
        let (values, valid) = sample(150_000, seed: 3) { Int64.random(in: -(1 << 62) ... (1 << 62), using: &$0) / 1000 * 1000 }
        let repeated = values + values.prefix(5000)
        let validity = valid + Array(repeating: true, count: 5000)
        #expect(try unique(Column(name: "id", integers: repeated, validity: Validity(validity))) == expected(repeated, validity))
    }

    @Test func decimalsFewOrMany() throws {
        var g = SeededGenerator(seed: 4)
        let halves = (0 ..< 300_000).map { _ in Double(Int.random(in: 1 ... 10, using: &g)) / 2 }
        #expect(try unique(Column(name: "rating", decimals: halves)) == 10)
        // More than the small sets hold: sorted; -0 and 0 are one value.
        var many = (0 ..< 200_000).map { _ in Double.random(in: -1 ... 1, using: &g) }
        many += [0, -0.0, 0, .infinity, -.infinity, .infinity]
        let valid = many.indices.map { $0 % 5 != 0 || $0 >= 200_000 }
        let reference = Set(zip(many, valid).filter(\.1).map { $0.0 == 0 ? 0 : $0.0 }).count
        #expect(try unique(Column(name: "x", decimals: many, validity: Validity(valid))) == Int64(reference))
    }

    @Test func theSmallSetKeepsEveryCode() {
        var set = SmallSet()
        let codes: [UInt64] = (0 ..< 5000).map { UInt64($0) &* 0x1_0000_0001 } + [UInt64.max, 7, UInt64.max, 0]
        set.insert(contentsOf: codes[...])
        for c in codes.prefix(100) { set.insert(c) }
        #expect(set.count == Set(codes).count)
        #expect(Set(set.elements) == Set(codes))
    }
}
