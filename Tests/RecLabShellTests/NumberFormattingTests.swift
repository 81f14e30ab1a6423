import Testing
@testable import RecLabShell

@Suite("Number formatting")
struct NumberFormattingTests {
    @Test func groupsThousands() {
        #expect(NumberFormatting.grouped(0) == "0")
        #expect(NumberFormatting.grouped(999) == "999")
        #expect(NumberFormatting.grouped(1000) == "1,000")
        #expect(NumberFormatting.grouped(100_836) == "100,836")
        #expect(NumberFormatting.grouped(33_832_162) == "33,832,162")
        #expect(NumberFormatting.grouped(-1_234_567) == "-1,234,567")
        #expect(NumberFormatting.grouped(Int.min) == "-9,223,372,036,854,775,808")
    }

    @Test func countsNounsInSingularAndPlural() {
        #expect(NumberFormatting.counted(1, "row") == "1 row")
        #expect(NumberFormatting.counted(0, "row") == "0 rows")
        #expect(NumberFormatting.counted(100_836, "row") == "100,836 rows")
        #expect(NumberFormatting.counted(2, "match", plural: "matches") == "2 matches")
    }

    @Test func byteSizes() {
        #expect(NumberFormatting.byteSize(0) == "0 B")
        #expect(NumberFormatting.byteSize(512) == "512 B")
        #expect(NumberFormatting.byteSize(1024) == "1.0 KB")
        #expect(NumberFormatting.byteSize(1_677_722) == "1.6 MB")
        #expect(NumberFormatting.byteSize(160_000_000) == "153 MB")
        #expect(NumberFormatting.byteSize(1024 * 1024 - 1) == "1.0 MB")
        #expect(NumberFormatting.byteSize(2 * 1024 * 1024 * 1024) == "2.0 GB")
    }
}
