import Foundation
import Testing
@testable import RecLab
@testable import RecLabShell

/// Every error is one honest line (issue 12, section 5): an unknown table
/// is called one, whatever the verb; names echoed back are escaped and
/// shortened; settings that would train nothing are refused.
@Suite struct HonestErrorTests {
    // MARK: Unknown tables

    @Test func anUnknownTableIsCalledAnUnknownTableByEveryVerb() throws {
        let h = try SessionHarness.withMovieLens()
        let unknown = h.session.workspace.unknownTableMessage("t1")
        #expect(unknown.hasPrefix("unknown table 't1'"))
        for line in ["describe t1", "head t1 3", "tail t1", "stats t1 by rating", "sort t1 by rating", "sample t1 10",
                     "a, b = split t1 80%", "top t1 5 by rating", "pivot t1 rows userId cols movieId values rating",
                     "select t1", "select t1 rating", "hist t1", "hist t1 rating", "filter t1 rating > 4",
                     "scatter t1 rating rating", "plot t1 timestamp by year", "describe \"t1\""] {
            h.refuses(line, blaming: line.hasSuffix("\"t1\"") ? "\"t1\"" : "t1", with: unknown)
        }
        // A mistyped column of `_` is still a column.
        h.refuses("select ratng", blaming: "ratng", with: "unknown column 'ratng'; did you mean 'rating'?")
        h.refuses("filter nope > 3", blaming: "nope") { $0.hasPrefix("unknown column 'nope'") }
        h.refuses("select rating, nope", blaming: "nope") { $0.hasPrefix("unknown column 'nope'") }
        #expect(!h.run("select rating").contains("error"))
    }

    // MARK: Echoed names

    @Test func aHeaderCellWithANewlineIsEchoedEscapedOnOneLine() throws {
        let folder = try TempFolder()
        let path = try folder.write("odd.csv", "\"two\nlines\",b\n1,2\n")
        let h = SessionHarness()
        #expect(!h.run("x = load \(path)").contains("error"))
        h.refuses("select x nope", blaming: "nope", with: "unknown column 'nope' (columns: two\\nlines, b)")
    }

    @Test func aDamagedModelsKindNameIsEchoedEscaped() throws {
        let folder = try TempFolder()
        let matrix = try RatingMatrix.build(users: [1, 1, 2], items: [10, 20, 10], ratings: [4, 3, 5])
        var bytes = Array(Checkpoint(model: PopularModel.train(matrix)).encoded().dropLast(4))
        // The kind's 7 bytes follow the 20-byte header and their 4-byte length.
        bytes.replaceSubrange(24 ..< 31, with: Array("pop\nlar".utf8))
        let crc = CRC32.checksum(bytes)
        bytes += (0 ..< 4).map { UInt8(truncatingIfNeeded: crc >> (8 * $0)) }
        let path = try folder.write("odd.reclab", Data(bytes))
        let h = SessionHarness()
        h.refuses("load model \(path)") { $0.contains("'pop\\nlar' model") }
    }

    @Test func aHugeWordIsEchoedShortened() throws {
        let h = try SessionHarness.withMovieLens()
        let word = String(repeating: "w", count: 100_000)
        let message = h.refuses("describe \(word)") { $0.hasPrefix("unknown table 'www") } ?? ""
        #expect(message.count < 300, "\(message.count) characters")
        #expect(message.contains("…"))
    }

    @Test func anUnknownColumnOfAWideTableListsTwentyColumnsAndCountsTheRest() throws {
        let h = try SessionHarness.withMovieLens()
        #expect(!h.run("p = pivot ratings rows userId cols movieId values rating").contains("error"))
        let columns = h.session.workspace.table("p")?.columnNames ?? []
        #expect(columns.count > 9_000)
        let listed = columns.prefix(20).joined(separator: ", ")
        h.refuses("select p nope", blaming: "nope",
                  with: "unknown column 'nope' (columns: \(listed), … and \(NumberFormatting.grouped(columns.count - 20)) more)")
    }

    // MARK: Settings that train nothing, sizes that sample nothing

    @Test func settingsThatWouldLeaveAModelUntrainedAreRefused() throws {
        let h = try SessionHarness.withMovieLens()
        h.refuses("train mf epochs=0", blaming: "0", with: "epochs must be a whole number from 1 to 10000, not '0'")
        h.refuses("train lowrank iters=0", blaming: "0", with: "iters must be a whole number from 1 to 1000000, not '0'")
        h.refuses("train als iters=0", blaming: "0", with: "iters must be a whole number from 1 to 10000, not '0'")
    }

    @Test func sampleRefusesZeroRowsAsItRefusesZeroPercent() throws {
        let h = try SessionHarness.withMovieLens()
        h.refuses("sample ratings 0%", blaming: "0%") { $0.hasPrefix("a percentage must be above 0%") }
        h.refuses("sample ratings 0", blaming: "0") { $0.hasPrefix("the number of rows must be a whole number from 1 to") }
        #expect(!h.run("sample ratings 1").contains("error"))
    }
}
