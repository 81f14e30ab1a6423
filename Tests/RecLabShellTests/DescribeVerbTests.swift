import Foundation
import Testing
@testable import RecLabShell

/// `describe` reads like pandas' `describe`, with the same numbers
/// (checked with numpy on ml-latest-small: `x.std(ddof=1)`,
/// `np.percentile(x, [25, 50, 75])`), and each column's values shown as
/// the column shows them.
@Suite struct DescribeVerbTests {
    let h = SessionHarness()

    init() { h.run("load movielens small") }

    /// The cells of the row of `column` in `describe`'s output, by header.
    func row(_ out: String, _ column: String) throws -> [String: String] {
        let lines = out.split(separator: "\n").filter { $0.hasPrefix("│") }
        let cells = { (line: Substring) in line.split(separator: "│").map { $0.trimmingCharacters(in: .whitespaces) } }
        let headers = cells(try #require(lines.first))
        let values = cells(try #require(lines.first { cells($0).first == column }))
        return Dictionary(uniqueKeysWithValues: zip(headers, values))
    }

    @Test func numbersMatchPandasAndIntegersStayIntegers() throws {
        h.run("set width 200")
        let out = h.run("describe ratings")
        let user = try row(out, "userId")
        #expect(user["count"] == "100,836" && user["missing"] == "0" && user["unique"] == "610")
        #expect(user["mean"] == "326.1276" && user["std"] == "182.6185")
        #expect([user["min"], user["25%"], user["50%"], user["75%"], user["max"]] == ["1", "177", "325", "477", "610"])
        let rating = try row(out, "rating")
        #expect([rating["min"], rating["25%"], rating["50%"], rating["75%"], rating["max"]] == ["0.5", "3.0", "3.5", "4.0", "5.0"])
        #expect(rating["std"] == "1.0425")
        let movie = try row(out, "movieId")
        #expect([movie["25%"], movie["50%"], movie["75%"]] == ["1199", "2991", "8122"])
        // A timestamp's mean and spread are whole: four more digits are noise.
        let time = try row(out, "timestamp")
        #expect(time["mean"] == "1205946087" && time["std"] == "216261036" && time["min"] == "828124615")
    }

    @Test func aQuartileBetweenTwoIntegersKeepsItsFraction() throws {
        h.run("set width 200")
        let movie = try row(h.run("describe movies"), "movieId")
        #expect(movie["25%"] == "3248.25" && movie["50%"] == "7300" && movie["75%"] == "76232")
        let title = try row(h.run("describe movies"), "title")
        #expect(title["count"] == "9,742" && title["unique"] == "9,737" && title["mean"] == "" && title["25%"] == "")
    }

    @Test func oneValueHasNoSpreadAndMissingCellsAreLeftOut() throws {
        h.run("one = head ratings 1")
        let out = h.run("describe one")
        let user = try row(out, "userId")
        #expect(user["std"] == "" && user["min"] == "1" && user["50%"] == "1")
        h.run("m = filter movies year is missing")
        #expect(try row(h.run("describe m"), "year")["count"] == "0")
    }
}
