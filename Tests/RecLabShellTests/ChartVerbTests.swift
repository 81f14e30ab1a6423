import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import RecLabShell

/// `hist`, `plot` and `scatter` end to end: terminal charts that fit the
/// width and count right, SVG files that parse, and bad input refused in
/// one line.
struct ChartVerbTests {
    @Test func histOfRatingsHasOneBarPerHalfStarWithTheRightCounts() throws {
        let h = try SessionHarness.withMovieLens()
        let out = h.run("hist ratings rating")
        let ratings = try #require(h.session.workspace.tables["ratings"])
        let column = try #require(ratings.columns[ratings.index(of: "rating") ?? -1])
        let fours = (0 ..< column.count).filter { column.number(at: $0) == 4 }.count
        let bars = out.split(separator: "\n").filter { $0.contains("│") }
        #expect(bars.count == 10, "\(out)")
        let four = try #require(bars.first { $0.hasPrefix("  4 │") })
        #expect(four.hasSuffix(" " + NumberFormatting.grouped(fours)))
        for line in out.split(separator: "\n") { #expect(line.displayWidth <= 120, "\(line)") }
        #expect(out.contains("count"))
    }

    @Test func histFitsANarrowTerminal() throws {
        let h = try SessionHarness.withMovieLens()
        _ = h.run("set width 50")
        let out = h.run("hist ratings timestamp")
        for line in out.split(separator: "\n") { #expect(line.displayWidth <= 50, "\(line)") }
    }

    @Test func pipedStatsDrawOnALogScale() throws {
        let h = try SessionHarness.withMovieLens()
        let out = h.run("stats ratings by movieId | hist count log")
        #expect(out.contains("count (log)"), "\(out)")
        #expect(!out.contains("error"))
    }

    @Test func histWritesAnSVGThatParses() throws {
        let h = try SessionHarness.withMovieLens()
        let folder = try TempFolder()
        let path = folder.path("ratings.svg")
        let out = h.run("hist ratings rating to \(path)")
        #expect(out.hasSuffix("wrote \(path)\n"), "\(out)")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        _ = try XMLDocument(data: Data(text.utf8), options: [])
        #expect(text.contains(">histogram of rating</text>"))
    }

    @Test func overlaidHistogramsShareBinsAndHaveALegend() throws {
        let h = try SessionHarness.withMovieLens()
        _ = h.run("a = stats ratings by movieId")
        _ = h.run("b = filter a count >= 10")
        let out = h.run("hist a.mean b.mean")
        #expect(out.contains("█ a.mean") && out.contains("░ b.mean"), "\(out)")
        _ = h.run("before = stats ratings by movieId")
        _ = h.run("after = filter before count >= 10")
        let named = h.run("hist before.mean after.mean bins 10")
        #expect(named.contains("░ after.mean") && !named.contains("error"), "\(named)")
    }

    @Test func anEmptyTableGivesAnEmptyChartWithANote() throws {
        let h = try SessionHarness.withMovieLens()
        _ = h.run("none = filter ratings rating > 9")
        let out = h.run("hist none rating")
        #expect(out.contains("note: rating has no values to count"), "\(out)")
    }

    @Test func badHistInputIsRefusedInOneLine() throws {
        let h = try SessionHarness.withMovieLens()
        h.refuses("hist movies title", blaming: "title") { $0.contains("numeric columns: movieId") }
        h.refuses("hist ratings rating bins 0", blaming: "0") { $0.contains("1 to 1000") }
        h.refuses("hist ratings rating bins -3", blaming: "-3") { $0.contains("1 to 1000") }
        h.refuses("hist ratings rating bins 1001", blaming: "1001") { $0.contains("1 to 1000") }
        h.refuses("hist ratings rating to /no/such/folder/x.svg", blaming: "/no/such/folder/x.svg") { $0.contains("cannot write") }
        h.refuses("hist ratings rating to x.png", blaming: "x.png") { $0.contains(".svg") }
        h.refuses("x = hist ratings rating", blaming: "x") { $0.contains("cannot be bound") }
        h.refuses("hist ratings nosuch", blaming: "nosuch") { $0.contains("unknown column") }
    }

    @Test func plotOfManyRowsKeepsEachSlicesExtremes() throws {
        let h = try SessionHarness.withMovieLens()
        let folder = try TempFolder()
        let path = folder.path("line.svg")
        let out = h.run("plot ratings timestamp rating to \(path)")
        #expect(out.hasSuffix("wrote \(path)\n") && !out.contains("note:"), "\(out)")
        // 100,836 rows in 1,000 slices of time: at most four points each,
        // among them the lowest (0.5) and highest (5) ratings.
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        let list = try #require(svg.firstMatch(of: #/<polyline points="([^"]*)"/#)).1
        let ys = list.split(separator: " ").compactMap { $0.split(separator: ",").last.flatMap { Double($0) } }
        #expect(ys.count > 1000 && ys.count <= 4000, "\(ys.count) points")
        #expect(Set(ys).count >= 10)  // every half star from 0.5 to 5 is some slice's extreme
        for line in out.split(separator: "\n") { #expect(line.displayWidth <= 120) }
    }

    @Test func plotCountsRatingsPerMonthAndWritesSVG() throws {
        let h = try SessionHarness.withMovieLens()
        let folder = try TempFolder()
        let path = folder.path("months.svg")
        let out = h.run("plot ratings timestamp by month to \(path)")
        #expect(out.contains("271 months, 1996-03 to 2018-09 (UTC)"), "\(out)")
        for line in out.split(separator: "\n") { #expect(line.displayWidth <= 120, "\(line)") }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        _ = try XMLDocument(data: Data(text.utf8), options: [])
        #expect(text.contains("<polyline"))
        #expect(!h.run("plot ratings timestamp count by year").contains("error"))
        #expect(h.run("plot ratings timestamp rating by year").contains("mean rating per year"))
        #expect(!h.run("plot ratings movieId rating").contains("error"))
    }

    @Test func badPlotInputIsRefusedInOneLine() throws {
        let h = try SessionHarness.withMovieLens()
        h.refuses("plot ratings rating by month", blaming: "rating") { $0.contains("no Unix seconds") }
        h.refuses("plot ratings timestamp by week", blaming: "week") { $0.contains("day, month or year") }
        h.refuses("plot ratings timestamp") { $0.contains("a Y column, or 'by") }
        h.refuses("plot movies title movieId", blaming: "title") { $0.contains("numeric columns") }
        h.refuses("plot ratings timestamp by year to /no/such/dir/p.svg", blaming: "/no/such/dir/p.svg") { $0.contains("cannot write") }
    }

    @Test func scatterLabelsOutliersAndWritesEveryPoint() throws {
        let h = try SessionHarness.withMovieLens()
        _ = h.run("s = stats ratings by movieId")
        let folder = try TempFolder()
        let path = folder.path("s.svg")
        let out = h.run("scatter s count mean label title to \(path)")
        #expect(out.contains("wrote \(path)"), "\(out)")
        for line in out.split(separator: "\n") { #expect(line.displayWidth <= 120, "\(line)") }
        let doc = try XMLDocument(data: Data(contentsOf: URL(fileURLWithPath: path)), options: [])
        let dots = try doc.nodes(forXPath: "//*[local-name()='circle']")
        let rows = try #require(h.session.workspace.tables["s"]).rowCount
        #expect(dots.count == rows)
        let labels = try doc.nodes(forXPath: "//*[local-name()='text']").compactMap(\.stringValue)
        #expect(labels.contains { $0.hasPrefix("Forrest Gump") || $0.hasPrefix("Shawshank") }, "\(labels)")
    }

    @Test func pcaWritesItsScatterAsSVG() throws {
        let h = try SessionHarness.withMovieLens()
        #expect(!h.run("train mf factors=4 epochs=3").contains("error"))
        let folder = try TempFolder()
        let path = folder.path("pca.svg")
        let out = h.run("pca mf 60 to \(path)")
        #expect(out.contains("wrote \(path)") && out.contains("pc1 explains"), "\(out)")
        let doc = try XMLDocument(data: Data(contentsOf: URL(fileURLWithPath: path)), options: [])
        #expect(try doc.nodes(forXPath: "//*[local-name()='circle']").count == 60)
        h.refuses("p = pca mf 60 to \(folder.path("p.svg"))", blaming: "p") { $0.contains("cannot be bound") }
    }

    @Test func badScatterInputIsRefusedInOneLine() throws {
        let h = try SessionHarness.withMovieLens()
        h.refuses("scatter movies title movieId", blaming: "title") { $0.contains("numeric columns") }
        h.refuses("scatter ratings rating", blaming: nil) { $0.contains("the Y column") }
        h.refuses("scatter ratings rating movieId label nosuch", blaming: "nosuch") { $0.contains("unknown column") }
        h.refuses("scatter ratings rating movieId to /no/such/d/x.svg", blaming: "/no/such/d/x.svg") { $0.contains("cannot write") }
    }

    @Test func completionOffersNumericColumnsAndChartWords() throws {
        let h = try SessionHarness.withMovieLens()
        let completer = Completer(session: h.session)
        #expect(completer.complete(word: "", before: "hist movies ").sorted() == ["bins", "log", "movieId", "to", "year"].sorted())
        #expect(completer.complete(word: "ra", before: "hist ").sorted() == ["rating", "ratings"])  // a table, or a column of _
        #expect(completer.complete(word: "m", before: "plot ratings timestamp by ") == ["month"])
        #expect(completer.complete(word: "ti", before: "scatter movies movieId year label ") == ["title"])
        #expect(completer.complete(word: "rat", before: "scatter ratings ") == ["rating"])
    }
}
