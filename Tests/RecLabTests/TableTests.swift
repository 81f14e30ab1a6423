import Testing
@testable import RecLab

@Suite struct TableTests {
    @Test func integersNarrowToInt32WhenTheyFit() {
        let c = Column(name: "a", integers: [1, 2, 3])
        guard case .int32 = c.storage else { Issue.record("expected int32 storage"); return }
        let wide = Column(name: "b", integers: [1, 5_000_000_000])
        guard case .int64 = wide.storage else { Issue.record("expected int64 storage"); return }
        #expect(wide.integer(at: 1) == 5_000_000_000)
    }

    @Test func duplicateColumnNamesAreRefused() {
        #expect(throws: RecLabError.self) {
            try Table(columns: [Column(name: "a", integers: [1]), Column(name: "a", integers: [2])])
        }
    }

    @Test func gatherKeepsMissingCells() throws {
        let c = Column(name: "t", texts: ["x", nil, "x", "y"])
        let g = c.gather([3, 1, 0])
        #expect(g.value(at: 0) == .text("y"))
        #expect(g.value(at: 1) == .missing)
        #expect(g.value(at: 2) == .text("x"))
        let left = c.gatherAllowingMissing([-1, 2])
        #expect(left.value(at: 0) == .missing)
        #expect(left.value(at: 1) == .text("x"))
    }

    @Test func unknownColumnSuggestsTheNearest() throws {
        let t = try Table(columns: [Column(name: "rating", integers: [1])])
        #expect(t.unknownColumn("ratng").message == "unknown column 'ratng'; did you mean 'rating'?")
    }

    @Test func decimalsFormatPlainly() {
        #expect(4.0.formatted(maxFractionDigits: 4) == "4.0")
        #expect(4.25.formatted(fractionDigits: 1) == "4.2")
        #expect((-0.5).formatted(fractionDigits: 2) == "-0.50")
        #expect(3.14159.formatted(fractionDigits: 3, trimZeros: true) == "3.142")
    }
}
