import Foundation
import Testing
@testable import RecLabShell

/// Reading results: how to see every row, and a table replaced by a load
/// or a binding said to be replaced.
@Suite struct ResultReadingTests {
    let h = SessionHarness()

    init() { h.run("load movielens small") }

    @Test func theTruncationLineSaysHowToSeeEveryRow() {
        let out = h.run("stats ratings by movieId")
        #expect(out.hasSuffix("… 9,704 more rows (set rows all)\n"), "\(out.suffix(80))")
    }

    @Test func setRowsAllShowsEveryRow() {
        h.run("set rows all")
        let out = h.run("stats ratings by movieId")
        #expect(!out.contains("more rows"))
        #expect(out.split(separator: "\n").filter { $0.hasPrefix("│") }.count == 9_724 + 1)
        #expect(h.run("set").hasPrefix("rows       all\n"))
        h.refuses("set rows many", blaming: "many") { $0.hasPrefix("expected rows (a number), found 'many'; usage: set rows N|all") }
    }

    @Test func aReplacedTableIsSaidToBeReplaced() {
        #expect(h.run("t = head ratings 5") == "t: 5 rows × 4 columns\n")
        #expect(h.run("t = head ratings 3") == "t: 3 rows × 4 columns (replaced 5 rows)\n")
        let again = h.run("load movielens small")
        #expect(again.hasPrefix("ratings: 100,836 rows × 4 columns (replaced 100,836 rows)\n"), "\(again)")
    }
}
