import Foundation
import Testing
@testable import RecLab
@testable import RecLabShell

/// `set mode box|csv|tsv|markdown|json` (sqlite3's `.mode`) and
/// `save TABLE -`.
@Suite struct TableModeTests {
    let h = SessionHarness()

    init() { h.run("load movielens small") }

    @Test func csvAndTSVPrintTheShownRowsAsSaveWritesThem() {
        h.run("set mode csv")
        #expect(h.run("head movies 2") == """
            movieId,title,genres,year
            1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy,1995
            2,Jumanji (1995),Adventure|Children|Fantasy,1995

            """)
        // Counts plain, text quoted where it must be, and the footer kept.
        let quoted = h.run("filter movies movieId == 11")
        #expect(quoted.contains("11,\"American President, The (1995)\",Comedy|Drama|Romance,1995\n"), "\(quoted)")
        #expect(h.run("tables").contains("ratings,100836,4,"))
        #expect(h.run("sort ratings by userId").hasSuffix("… 100,816 more rows (set rows all)\n"))
        h.run("set mode tsv")
        #expect(h.run("head ratings 1") == "userId\tmovieId\trating\ttimestamp\n1\t1\t4.0\t964982703\n")
    }

    @Test func jsonGivesAnObjectPerRowWithTypedValues() throws {
        h.run("set mode json")
        let out = h.run("head movies 1")
        #expect(out == #"[{"movieId":1,"title":"Toy Story (1995)","genres":"Adventure|Animation|Children|Comedy|Fantasy","year":1995}]"# + "\n")
        let parsed = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]]
        #expect(parsed?.first?["title"] as? String == "Toy Story (1995)")
        // Missing cells are null; text is escaped.
        let t = try Table(columns: [Column(name: "a\"b", texts: ["line\nbreak\t\"q\"", nil]), Column(name: "x", decimals: [.nan, 2.5])])
        let json = TableRenderer(mode: .json).render(t)
        let rows = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]
        #expect(rows?[0]["a\"b"] as? String == "line\nbreak\t\"q\"" && rows?[1]["a\"b"] is NSNull)
        #expect(rows?[0]["x"] is NSNull && rows?[1]["x"] as? Double == 2.5)
    }

    @Test func markdownAndBackToBox() {
        h.run("set mode markdown")
        #expect(h.run("head ratings 1") == "| userId | movieId | rating | timestamp |\n|-------:|--------:|-------:|----------:|\n|      1 |       1 |    4.0 | 964982703 |\n")
        #expect(h.run("set").contains("mode       markdown\n"))
        h.run("set mode BOX")
        #expect(h.run("head ratings 1").hasPrefix("┌"))
        h.refuses("set mode html", blaming: "html") { $0 == "unknown mode 'html' (modes: box, csv, tsv, markdown, json)" }
        h.refuses("set mode jsn", blaming: "jsn") { $0.hasPrefix("unknown mode 'jsn'; did you mean 'json'?") }
    }

    @Test func saveDashWritesEveryRowToStandardOutput() {
        h.run("few = head ratings 25")
        let out = h.run("save few -")
        let lines = out.split(separator: "\n")
        #expect(lines.count == 26 && lines.first == "userId,movieId,rating,timestamp" && lines.last == "1,441,4.0,964980868")
    }
}
