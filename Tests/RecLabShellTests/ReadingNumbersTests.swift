import Foundation
import Testing
@testable import RecLab
@testable import RecLabShell

/// Numbers read the same everywhere: counts grouped in thousands, ids and
/// timestamps as codes, and Unix seconds as dates on request.
@Suite struct ReadingNumbersTests {
    let h = SessionHarness()

    init() { h.run("load movielens small") }

    @Test func countsAreGroupedInTablesModelsAndEvaluate() {
        #expect(h.run("tables").contains("│ ratings │ 100,836 │"))
        h.run("train bias")
        #expect(h.run("models").contains("│ 100,836 │"))
        h.run("train, test = split ratings 80%")
        h.run("b = train bias on train")
        #expect(h.run("evaluate b on test").contains("│ 20,167 │"))
        // Ids and timestamps are codes, not quantities: never grouped.
        #expect(h.run("tail ratings 1").contains("│    610 │  170875 │    3.0 │ 1493846415 │"))
    }

    @Test func aCountKeepsItsGroupingThroughSortFilterAndHead() {
        h.run("s = stats ratings by userId")
        let out = h.run("sort s by count desc | filter count > 1000 | head 2")
        #expect(out.contains("│    414 │ 2,698 │"), "\(out)")
    }

    @Test func setDatesShowsUnixSecondsAsUTCDates() {
        h.run("set dates on")
        #expect(h.run("head ratings 1").contains("│      1 │       1 │    4.0 │ 2000-07-30 18:45:03 │"))
        #expect(h.run("set").contains("dates      on\n"))
        // Only the showing changes: the values are still seconds.
        #expect(h.run("filter ratings timestamp < 828124616 | head 1").contains("1996-03-29 18:36:55"))
        h.run("set dates off")
        #expect(h.run("head ratings 1").contains("│ 964982703 │"))
        h.refuses("set dates maybe", blaming: "maybe") { $0 == "expected 'on' or 'off', found 'maybe'" }
    }

    @Test func datesAreUTCAndCoverTheEpochsEdges() {
        #expect(CellFormatter.date(unixSeconds: 0) == "1970-01-01 00:00:00")
        #expect(CellFormatter.date(unixSeconds: 1_537_799_250) == "2018-09-24 14:27:30")
        #expect(CellFormatter.date(unixSeconds: -1) == "1969-12-31 23:59:59")
    }
}
