import Foundation
import Testing
@testable import RecLabShell

/// Bad files and release names given to `load`: one line naming the file
/// (and the line where there is one), a caret under the path, and no table
/// bound or replaced.
@Suite struct BadLoadTests {
    @Test func missingFile() throws {
        let h = try SessionHarness.withMovieLens()
        let dir = try TempFolder()
        let path = dir.path("nope.csv")
        h.refuses("load \(path)", blaming: path, with: "\(path): no such file")
        h.refuses("ratings = load \(path)", blaming: path, with: "\(path): no such file")
    }

    @Test func missingFolderInPath() throws {
        let h = try SessionHarness.withMovieLens()
        let dir = try TempFolder()
        let path = dir.path("no/such/folder/ratings.csv")
        h.refuses("load \(path)", blaming: path, with: "\(path): no such file")
    }

    @Test func directory() throws {
        let h = try SessionHarness.withMovieLens()
        let dir = try TempFolder()
        h.refuses("load \(dir.url.path)", blaming: dir.url.path, with: "\(dir.url.path): is a directory, not a file")
    }

    @Test func emptyFile() throws {
        let h = try SessionHarness.withMovieLens()
        let dir = try TempFolder()
        let path = try dir.write("ratings.csv", "")
        h.refuses("load \(path)", blaming: path, with: "\(path): empty file")
        let blank = try dir.write("blank.csv", "\n  \n\r\n")
        h.refuses("load \(blank)", blaming: blank, with: "\(blank): empty file")
    }

    @Test func binaryFile() throws {
        let h = try SessionHarness.withMovieLens()
        let dir = try TempFolder()
        let path = try dir.write("movies.csv", Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0xFF, 0x00, 0x0A]))
        h.refuses("load \(path)", blaming: path, with: "\(path): not a text file (it contains NUL bytes)")
        let other = try dir.write("data.bin", Data([0x50, 0x4B, 0x03, 0x00, 0x01, 0x02]))
        h.refuses("load \(other)", blaming: other, with: "\(other): not a text file (it contains NUL bytes)")
    }

    @Test func raggedRowsNameTheLine() throws {
        let h = try SessionHarness.withMovieLens()
        let dir = try TempFolder()
        let path = try dir.write("scores.csv", "name,score\nann,3\nbob,4\ncid\ndee,5\n")
        h.refuses("load \(path)", blaming: path, with: "\(path):4: expected 2 fields, found 1")
        let long = try dir.write("long.csv", "a,b\n1,2\n3,4,5\n")
        h.refuses("long = load \(long)", blaming: long, with: "\(long):3: expected 2 fields, found 3")
    }

    /// Rows of a ratings file past the 4 MB the reader parses in parallel
    /// chunks, with `bad` as line `badLine` (1-based, the header is line 1).
    static func bigRatings(rows: Int = 200_000, bad: String, at badLine: Int) -> String {
        var lines = ["userId,movieId,rating,timestamp"]
        lines.reserveCapacity(rows + 2)
        for k in 0..<rows { lines.append("\(k % 97),\(k % 1013),\(Double(k % 10) / 2 + 0.5),\(900_000_000 + k)") }
        lines.insert(bad, at: badLine - 1)
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func raggedRowsFarIntoABigFile() throws {
        let h = try SessionHarness.withMovieLens()
        let dir = try TempFolder()
        let path = try dir.write("big.csv", Self.bigRatings(bad: "5,6", at: 150_001))
        h.refuses("load \(path)", blaming: path, with: "\(path):150001: expected 4 fields, found 2")
    }

    @Test func textInANumericColumnFarIntoABigMovieLensFile() throws {
        let h = try SessionHarness.withMovieLens()
        let dir = try TempFolder()
        let path = try dir.write("ratings.csv", Self.bigRatings(bad: "1,2,abc,900000000", at: 123_457))
        h.refuses("load \(path)", blaming: path, with: "\(path):123457: 'abc' in column rating is not a number")
    }

    @Test func unterminatedQuoteFarIntoABigFile() throws {
        let h = try SessionHarness.withMovieLens()
        let dir = try TempFolder()
        let path = try dir.write("big.csv", Self.bigRatings(bad: "1,2,\"3.5,900000000", at: 99_999))
        h.refuses("load \(path)", blaming: path) { $0.hasPrefix("\(path):99999: ") && $0.contains("never closed") }
    }

    @Test func aColumnTurningToTextLateIsNotAnError() throws {
        let h = try SessionHarness.withMovieLens()
        let dir = try TempFolder()
        let path = try dir.write("late.csv", Self.bigRatings(bad: "1,2,3.5,soon", at: 180_000))
        #expect(h.run("late = load \(path)") == "late: 200,001 rows × 4 columns\n")
        #expect(h.session.workspace.tables["late"]?.column(named: "timestamp")?.type == .text)
    }

    @Test func unterminatedQuoteNamesTheLineItOpened() throws {
        let h = try SessionHarness.withMovieLens()
        let dir = try TempFolder()
        let path = try dir.write("notes.csv", "id,note\n1,fine\n2,\"never closed\n3,more\n")
        h.refuses("load \(path)", blaming: path) { $0.hasPrefix("\(path):3: ") && $0.contains("never closed") }
    }

    @Test func textInANumericMovieLensColumn() throws {
        let h = try SessionHarness.withMovieLens()
        let dir = try TempFolder()
        let path = try dir.write("ratings.csv", "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,3,abc,964981247\n")
        h.refuses("load \(path)", blaming: path, with: "\(path):3: 'abc' in column rating is not a number")
        #expect(h.session.workspace.tables["ratings"]?.rowCount == 100_836)
    }

    @Test func textInANumericHeaderlessMovieLensFile() throws {
        let h = try SessionHarness.withMovieLens()
        let dir = try TempFolder()
        let path = try dir.write("u.data", "1\t2\t3\t881250949\n4\tfive\t3\t891717742\n")
        h.refuses("load \(path)", blaming: path) { $0.hasPrefix("\(path):2: ") && $0.contains("'five'") }
        let dat = try dir.write("ratings.dat", "1::1193::5::978300760\n1::661\n")
        h.refuses("load \(dat)", blaming: dat, with: "\(dat):2: expected 4 fields, found 2")
    }

    @Test func duplicateColumnNames() throws {
        let h = try SessionHarness.withMovieLens()
        let dir = try TempFolder()
        let path = try dir.write("dup.csv", "userId,movieId,rating,rating\n1,2,3.5,4\n")
        h.refuses("load \(path)", blaming: path, with: "\(path):1: duplicate column name 'rating'")
    }

    @Test func unknownReleaseSuggestsTheNearest() throws {
        let h = try SessionHarness.withMovieLens()
        h.refuses("load movielens smal", blaming: "smal") {
            $0.hasPrefix("unknown MovieLens release 'smal'; did you mean 'small'?")
        }
        h.refuses("load movielens 1OOk", blaming: "1OOk") { $0.hasPrefix("unknown MovieLens release '1OOk'") && $0.contains("100k") }
        h.refuses("load movielens") { $0.hasPrefix("expected a release name (small, 100k") }
    }

    @Test func releaseNotInAnyFolderNamesWhereItLooked() throws {
        let h = try SessionHarness.withMovieLens()
        let empty = try TempFolder()
        h.session.dataFolders = [empty.url]
        h.refuses("load movielens 25m", blaming: "25m") {
            $0.hasPrefix("ml-25m not found in \(empty.url.path)") && $0.contains("--data")
        }
        h.session.dataFolders = []
        h.refuses("load movielens small", blaming: "small") { $0.contains("ml-latest-small not found") && $0.contains("--data") }
    }

    @Test func releaseFolderWithoutRatings() throws {
        let h = try SessionHarness.withMovieLens()
        let data = try TempFolder()
        try FileManager.default.createDirectory(at: data.url.appendingPathComponent("ml-latest-small"), withIntermediateDirectories: true)
        try data.write("ml-latest-small/movies.csv", "movieId,title,genres\n1,Toy Story (1995),Comedy\n")
        h.session.dataFolders = [data.url]
        h.refuses("load movielens small", blaming: "small") { $0.hasPrefix("ratings.csv is missing from ") }
    }

    @Test func aBadFileInAReleaseBindsNoneOfItsTables() throws {
        let h = try SessionHarness.withMovieLens()
        let data = try TempFolder()
        try FileManager.default.createDirectory(at: data.url.appendingPathComponent("ml-latest-small"), withIntermediateDirectories: true)
        try data.write("ml-latest-small/ratings.csv", "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n")
        try data.write("ml-latest-small/movies.csv", "movieId,title,genres\n1,Toy Story (1995),Comedy\nx,Heat (1995),Action\n")
        h.session.dataFolders = [data.url]
        h.refuses("load movielens small", blaming: "small") { $0.hasSuffix("movies.csv:3: 'x' in column movieId is not an integer") }
    }

    @Test func nothingToLoad() throws {
        let h = try SessionHarness.withMovieLens()
        h.refuses("load", blaming: nil) { $0.hasPrefix("expected a file path") }
        h.refuses("load a.csv b.csv", blaming: "b.csv") { $0.hasPrefix("unexpected 'b.csv'") }
        h.refuses("load a.csv | head", blaming: "a.csv", with: "a.csv: no such file")
    }
}
