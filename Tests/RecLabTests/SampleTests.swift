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
        let s = try t.sample(.fraction(0.125), by: "genre", seed: 7)
        let genre = s.column(named: "genre")
        let action = (0..<s.rowCount).filter { genre?.text(at: $0) == "Action" }.count
        let drama = (0..<s.rowCount).filter { genre?.text(at: $0) == "Drama" }.count
        let missing = (0..<s.rowCount).filter { genre?.isMissing($0) == true }.count
        // 87.5 rounds up to 88, 12.5 to 13.
        #expect((action, drama, missing) == (25, 88, 13))
        #expect(rows(s) == rows(s).sorted())
        let byCount = try t.sample(.count(200), by: "genre", seed: 7)
        #expect(byCount.rowCount == 40 + 140 + 20)
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
        #expect(throws: RecLabError.self) { try t.sample(.fraction(0.5), by: "genra", seed: 1) }
    }
}
