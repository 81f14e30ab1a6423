import Foundation
import Testing
@testable import RecLab

@Suite struct FilterTests {
    /// movieId, count, mean (one missing), title (one missing).
    func stats() throws -> Table {
        try Table(columns: [
            Column(name: "movieId", integers: [1, 2, 3, 4, 5]),
            Column(name: "count", integers: [50, 20, 21, 3, 100]),
            Column(name: "mean", decimals: [4.5, 3.0, 0, 4.25, 2.5],
                   validity: Validity([true, true, false, true, true]), fractionDigits: 2),
            Column(name: "title", texts: ["Star Wars (1977)", "Heat (1995)", nil, "star trek", "Alien"]),
        ])
    }

    func ids(_ t: Table) -> [Int64] { (0..<t.rowCount).compactMap { t.columns[0].integer(at: $0) } }

    @Test func integerComparisons() throws {
        let t = try stats()
        #expect(ids(try t.filter(.compare(column: "count", op: .greater, value: .integer(20)))) == [1, 3, 5])
        #expect(ids(try t.filter(.compare(column: "count", op: .greaterOrEqual, value: .integer(20)))) == [1, 2, 3, 5])
        #expect(ids(try t.filter(.compare(column: "count", op: .equal, value: .integer(3)))) == [4])
        #expect(ids(try t.filter(.compare(column: "count", op: .notEqual, value: .integer(3)))) == [1, 2, 3, 5])
        #expect(ids(try t.filter(.compare(column: "count", op: .less, value: .decimal(20.5)))) == [2, 4])
        #expect(ids(try t.filter(.compare(column: "count", op: .lessOrEqual, value: .integer(3_000_000_000)))).count == 5)
    }

    @Test func decimalsCompareWithIntegerLiteralsAndSkipMissing() throws {
        let t = try stats()
        #expect(ids(try t.filter(.compare(column: "mean", op: .greaterOrEqual, value: .integer(3)))) == [1, 2, 4])
        #expect(ids(try t.filter(.compare(column: "mean", op: .less, value: .decimal(3.0)))) == [5])
        // `not` inverts the whole answer, so the missing mean comes back.
        #expect(ids(try t.filter(.not(.compare(column: "mean", op: .greaterOrEqual, value: .integer(3))))) == [3, 5])
        #expect(ids(try t.filter(.isMissing(column: "mean"))) == [3])
        #expect(ids(try t.filter(.isMissing(column: "count"))) == [])
    }

    @Test func textComparisonsAreExact() throws {
        let t = try stats()
        #expect(ids(try t.filter(.compare(column: "title", op: .equal, value: .text("Heat (1995)")))) == [2])
        #expect(ids(try t.filter(.compare(column: "title", op: .equal, value: .text("heat (1995)")))) == [])
        #expect(ids(try t.filter(.compare(column: "title", op: .notEqual, value: .text("Heat (1995)")))) == [1, 4, 5])
        #expect(ids(try t.filter(.compare(column: "title", op: .less, value: .text("S")))) == [2, 5])
    }

    @Test func containsIsCaseInsensitiveAndMatchesIsARegex() throws {
        let t = try stats()
        #expect(ids(try t.filter(.contains(column: "title", text: "STAR"))) == [1, 4])
        #expect(ids(try t.filter(.matches(column: "title", pattern: "^Star"))) == [1])
        #expect(ids(try t.filter(.matches(column: "title", pattern: "\\(19[0-9]+\\)$"))) == [1, 2])
    }

    @Test func combinations() throws {
        let t = try stats()
        let popular = Expression.compare(column: "count", op: .greater, value: .integer(20))
        let good = Expression.compare(column: "mean", op: .greaterOrEqual, value: .integer(4))
        #expect(ids(try t.filter(.and(popular, good))) == [1])
        #expect(ids(try t.filter(.or(popular, good))) == [1, 3, 4, 5])
        #expect(try t.countMatching(.or(popular, good)) == 4)
    }

    @Test func membershipInAnotherTable() throws {
        let t = try stats()
        let good = try Table(columns: [Column(name: "movieId", integers: [5, 2, 99, 2])])
        #expect(ids(try t.filter(.isIn(column: "movieId", table: good, otherColumn: "movieId", tableName: "good"))) == [2, 5])
        let sparse = try Table(columns: [Column(name: "movieId", integers: [4, 9_000_000_000])])
        #expect(ids(try t.filter(.isIn(column: "movieId", table: sparse, otherColumn: "movieId", tableName: "s"))) == [4])
        let titles = try Table(columns: [Column(name: "title", texts: ["Alien", nil, "Heat (1995)"])])
        #expect(ids(try t.filter(.isIn(column: "title", table: titles, otherColumn: "title", tableName: "t"))) == [2, 5])
        let error = #expect(throws: RecLabError.self) {
            try t.filter(.isIn(column: "movieId", table: titles, otherColumn: "title", tableName: "t"))
        }
        #expect(error?.message == "cannot look up integer column 'movieId' in text column 'title' of table 't'")
    }

    @Test func filteredDictionaryEntriesDoNotCountAsMembers() throws {
        let titles = try Table(columns: [Column(name: "title", texts: ["Alien", "Heat (1995)"])])
            .filter(.compare(column: "title", op: .equal, value: .text("Alien")))
        let t = try stats()
        #expect(ids(try t.filter(.isIn(column: "title", table: titles, otherColumn: "title", tableName: "t"))) == [5])
    }

    @Test func errorsNameTheColumn() throws {
        let t = try stats()
        let mismatch = #expect(throws: RecLabError.self) {
            try t.filter(.compare(column: "title", op: .greater, value: .integer(3)))
        }
        #expect(mismatch?.message == "cannot compare text column 'title' with the number 3; put text in quotes")
        #expect(mismatch?.subject == "title")
        let textOnNumbers = #expect(throws: RecLabError.self) {
            try t.filter(.compare(column: "mean", op: .equal, value: .text("x")))
        }
        #expect(textOnNumbers?.message == "cannot compare decimal column 'mean' with the text \"x\"")
        let contains = #expect(throws: RecLabError.self) { try t.filter(.contains(column: "count", text: "3")) }
        #expect(contains?.message.contains("use ==") == true)
        let unknown = #expect(throws: RecLabError.self) {
            try t.filter(.compare(column: "cont", op: .greater, value: .integer(3)))
        }
        #expect(unknown?.message == "unknown column 'cont'; did you mean 'count'?")
        let regex = #expect(throws: RecLabError.self) { try t.filter(.matches(column: "title", pattern: "(")) }
        #expect(regex?.message.hasPrefix("invalid regular expression \"(\"") == true)
    }

    @Test func aRegularExpressionThatBacktracksForEverIsStopped() throws {
        let t = try Table(columns: [Column(name: "title", texts: [String(repeating: "a", count: 40), "ab"])])
        let started = Date()
        let slow = #expect(throws: RecLabError.self) { try t.filter(.matches(column: "title", pattern: "(a+)+c")) }
        #expect(slow?.message.hasPrefix("the regular expression \"(a+)+c\" takes too long") == true)
        #expect(slow?.subject == "(a+)+c")
        #expect(Date().timeIntervalSince(started) < Table.regularExpressionSeconds + 5)
        // Cancellation is polled while one text is matched, not only between texts.
        let stop = Cancellation()
        let cancelStarted = Date()
        Thread.detachNewThread { Thread.sleep(forTimeInterval: 0.1); stop.cancel() }
        #expect(throws: RecLabError.cancelled) { try t.filter(.matches(column: "title", pattern: "(a+)+c"), cancel: stop) }
        #expect(Date().timeIntervalSince(cancelStarted) < 0.9)
        // Ordinary patterns: anchors, classes, alternation, case.
        #expect(try t.filter(.matches(column: "title", pattern: "^a+$")).rowCount == 1)
        #expect(try t.filter(.matches(column: "title", pattern: "b$|^x")).rowCount == 1)
        #expect(try t.filter(.matches(column: "title", pattern: "[a-b]{2}")).rowCount == 2)
    }

    @Test func largeTablesUseEveryWorkerAndKeepOrder() throws {
        let n = 300_000
        let t = try Table(columns: [Column(name: "x", integers: (0..<Int64(n)).map { $0 % 7 })])
        let kept = try t.filter(.compare(column: "x", op: .equal, value: .integer(3)))
        #expect(kept.rowCount == (0..<n).filter { $0 % 7 == 3 }.count)
        #expect((0..<kept.rowCount).allSatisfy { kept.columns[0].integer(at: $0) == 3 })
    }

    @Test func cancellationStops() throws {
        let t = try stats()
        let cancel = Cancellation()
        cancel.cancel()
        #expect(throws: RecLabError.cancelled) {
            try t.filter(.compare(column: "count", op: .greater, value: .integer(1)), cancel: cancel)
        }
    }
}
