import Testing
@testable import RecLab

@Suite struct SampleTests {
    func table(_ n: Int) throws -> Table {
        try Table(columns: [
            Column(name: "row", integers: (0..<Int64(n)).map { $0 }),
            Column(name: "genre", texts: (0..<n).map { $0 % 10 == 0 ? nil : ($0 % 4 == 0 ? "Action" : "Drama") }),
        ])
    }

    func rows(_ t: Table) -> [Int64] { (0..<t.rowCount).compactMap { t.columns[0].integer(at: $0) } }

    @Test func generatorIsFixedForASeed() {
        var g = SeededGenerator(seed: 42)
        // SplitMix64's published first outputs for seed 0 start 0xE220A8397B1DCDAF.
        var zero = SeededGenerator(seed: 0)
        #expect(zero.next() == 0xE220_A839_7B1D_CDAF)
        let first = (0..<5).map { _ in g.next(below: 100) }
        var again = SeededGenerator(seed: 42)
        #expect((0..<5).map { _ in again.next(below: 100) } == first)
        #expect(first.allSatisfy { (0..<100).contains($0) })
    }

    @Test func sampleKeepsOrderAndIsDeterministic() throws {
        let t = try table(1000)
        let a = try t.sample(.count(100), seed: 42)
        #expect(a.rowCount == 100)
        #expect(rows(a) == rows(a).sorted())
        #expect(Set(rows(a)).count == 100)
        #expect(rows(try t.sample(.count(100), seed: 42)) == rows(a))
        #expect(rows(try t.sample(.count(100), seed: 43)) != rows(a))
        #expect(try t.sample(.fraction(0.25), seed: 1).rowCount == 250)
        #expect(try t.sample(.count(1000), seed: 1).rowCount == 1000)
        #expect(try t.sample(.count(0), seed: 1).rowCount == 0)
    }

    @Test func stratifiedSampleKeepsEachGroupsShare() throws {
        let t = try table(1000)  // 100 missing, 200 Action, 700 Drama
        let genreCounts = { (s: Table) -> (Int, Int, Int) in
            let genre = s.column(named: "genre")
            let action = (0..<s.rowCount).filter { genre?.text(at: $0) == "Action" }.count
            let drama = (0..<s.rowCount).filter { genre?.text(at: $0) == "Drama" }.count
            return (action, drama, (0..<s.rowCount).filter { genre?.isMissing($0) == true }.count)
        }
        // Quotas 25, 87.5 and 12.5 of a total of 125: 25 exactly, and one of
        // the two halves rounded up, the other down, as the seed draws.
        var outcomes = Set<[Int]>()
        for seed in UInt64(0) ..< 20 {
            let s = try t.sample(.fraction(0.125), by: ["genre"], seed: seed)
            let (action, drama, missing) = genreCounts(s)
            #expect(s.rowCount == 125)
            #expect(action == 25)
            #expect((drama, missing) == (88, 12) || (drama, missing) == (87, 13))
            #expect(rows(s) == rows(s).sorted())
            outcomes.insert([drama, missing])
        }
        #expect(outcomes.count == 2)
        let byCount = try t.sample(.count(200), by: ["genre"], seed: 7)
        #expect(genreCounts(byCount) == (40, 140, 20))
    }

    @Test func roundingIsExactAndUnbiased() {
        // Quotas 3.6, 2.7, 0.9, 1.8 of 9: each rounded down or up, up as
        // often as its fraction says, the total always 9.
        var up = [0, 0, 0, 0]
        let runs = 2000
        for seed in 0 ..< runs {
            let shares = Table.apportion(9, among: [40, 30, 10, 20], seed: UInt64(seed))
            #expect(shares.reduce(0, +) == 9)
            for (k, floor) in [3, 2, 0, 1].enumerated() {
                #expect(shares[k] == floor || shares[k] == floor + 1)
                if shares[k] > floor { up[k] += 1 }
            }
        }
        for (k, fraction) in [0.6, 0.7, 0.9, 0.8].enumerated() {
            #expect(abs(Double(up[k]) / Double(runs) - fraction) < 0.04, "group \(k): \(up[k]) of \(runs)")
        }
        // 1,000 strata of one row, 10%: every quota is 0.1; 100 get a row.
        let singles = Table.apportion(100, among: Array(repeating: 1, count: 1000), seed: 3)
        #expect(singles.reduce(0, +) == 100 && singles.allSatisfy { $0 == 0 || $0 == 1 })
        #expect(Table.apportion(100, among: Array(repeating: 1, count: 1000), seed: 3) == singles)
        // Every tenth stratum, from a start the seed draws (ten possible).
        let starts = Set((UInt64(0) ..< 30).map { Table.apportion(100, among: Array(repeating: 1, count: 1000), seed: $0).firstIndex(of: 1) })
        #expect(starts.count >= 5 && starts.allSatisfy { ($0 ?? 10) < 10 })
        #expect(Table.apportion(0, among: [5, 5], seed: 1) == [0, 0])
        #expect(Table.apportion(10, among: [5, 5], seed: 1) == [5, 5])
        #expect(Table.apportion(0, among: [], seed: 1) == [])
    }

    @Test func consecutiveGroupsKeepTheirSummedShare() {
        // Any run of consecutive groups (one movie's scores) gets its summed
        // quota rounded down or up.
        var generator = SeededGenerator(seed: 5)
        let sizes = (0 ..< 300).map { _ in generator.next(below: 12) }
        let rows = sizes.reduce(0, +), total = rows * 13 / 100
        for seed in UInt64(0) ..< 5 {
            let shares = Table.apportion(total, among: sizes, seed: seed)
            for start in stride(from: 0, to: 300, by: 7) {
                for end in start + 1 ... min(300, start + 40) {
                    let quota = Double(sizes[start ..< end].reduce(0, +) * total) / Double(rows)
                    let kept = Double(shares[start ..< end].reduce(0, +))
                    #expect(kept == quota.rounded(.down) || kept == quota.rounded(.up), "\(start)..<\(end)")
                }
            }
        }
    }

    @Test func strataCombineSeveralColumns() throws {
        let t = try Table(columns: [
            Column(name: "movie", integers: [2, 1, 2, 1, 1, 2, 1]),
            Column(name: "score", decimals: [5, 4, 4, 4, 5, 4, 5]),
            Column(name: "tag", texts: ["a", nil, "a", "a", nil, nil, "b"]),
        ])
        // Numbered in order of values: (1, 4), (1, 5), (2, 4), (2, 5).
        let (ids, sizes) = try t.strata(["movie", "score"], cancel: .never)
        #expect(ids == [3, 0, 2, 0, 1, 2, 1])
        #expect(sizes == [2, 2, 2, 1])
        // A missing value is a value of its own, after the others.
        let (withTag, tagSizes) = try t.strata(["movie", "tag"], cancel: .never)
        #expect(withTag == [3, 2, 3, 0, 2, 4, 1])
        #expect(tagSizes == [1, 1, 2, 2, 1])
        #expect(throws: RecLabError.self) { try t.strata(["movie", "scre"], cancel: .never) }
    }

    @Test func stratifiedByTwoColumnsKeepsEachPairsShare() throws {
        // 60 movies × 10 scores, with uneven counts per pair.
        var movie: [Int64] = [], score: [Double] = []
        for m in 0 ..< 60 {
            for s in 1 ... 10 { for _ in 0 ..< (m * 7 + s * 3) % 23 { movie.append(Int64(m)); score.append(Double(s) / 2) } }
        }
        let t = try Table(columns: [Column(name: "movie", integers: movie), Column(name: "score", decimals: score)])
        let s = try t.sample(.fraction(0.1), by: ["movie", "score"], seed: 11)
        #expect(s.rowCount == Table.share(t.rowCount, 0.1))
        let pairs = { (t: Table) -> [String: Int] in
            var counts: [String: Int] = [:]
            for r in 0 ..< t.rowCount {
                counts["\(t.columns[0].integer(at: r) ?? -1)/\(t.columns[1].number(at: r) ?? -1)", default: 0] += 1
            }
            return counts
        }
        let before = pairs(t), after = pairs(s)
        for (pair, n) in before {
            let quota = Double(n) * Double(s.rowCount) / Double(t.rowCount)
            let kept = Double(after[pair] ?? 0)
            #expect(kept == quota.rounded(.down) || kept == quota.rounded(.up), "\(pair): \(n) rows, kept \(kept)")
        }
        let again = try t.sample(.fraction(0.1), by: ["movie", "score"], seed: 11)
        let listed = { (t: Table) in (0 ..< t.rowCount).map { "\(t.columns[0].integer(at: $0) ?? -1)/\(t.columns[1].number(at: $0) ?? -1)" } }
        #expect(listed(again) == listed(s))
    }

    @Test func splitPartitionsTheRows() throws {
        let t = try table(1001)
        let (train, test) = try t.split(fraction: 0.8, seed: 42)
        #expect(train.rowCount == 801)
        #expect(test.rowCount == 200)
        #expect(Set(rows(train)).isDisjoint(with: rows(test)))
        #expect((rows(train) + rows(test)).sorted() == (0..<1001).map { Int64($0) })
        #expect(rows(train) == rows(train).sorted() && rows(test) == rows(test).sorted())
        let (again, _) = try t.split(fraction: 0.8, seed: 42)
        #expect(rows(again) == rows(train))
    }

    @Test func badSizesAreErrors() throws {
        let t = try table(10)
        let tooMany = #expect(throws: RecLabError.self) { try t.sample(.count(11), seed: 1) }
        #expect(tooMany?.message == "cannot sample 11 rows from a table of 10")
        let share = #expect(throws: RecLabError.self) { try t.split(fraction: 1.5, seed: 1) }
        #expect(share?.message == "a share of rows must be between 0% and 100%, not 150.0%")
        #expect(throws: RecLabError.self) { try t.sample(.count(-1), seed: 1) }
        #expect(throws: RecLabError.self) { try t.sample(.fraction(0.5), by: ["genra"], seed: 1) }
    }
}
