import Foundation
import Testing
@testable import RecLabShell

/// Input that used to trap, pair unrelated rows, allocate gigabytes or run
/// for minutes (issue 12, sections 3 and 4): each is now one line, and the
/// workspace is left as it was.
@Suite struct NothingCrashesTests {
    // MARK: Numbers

    @Test func aSeedOf2To63IsRefusedNotATrap() throws {
        let h = try SessionHarness.withMovieLens()
        let range = "from 0 to \(WholeNumber.largestExact)"
        // 9223372036854775807 is read as the Double 2^63, one above Int.max.
        h.refuses("set seed 9223372036854775807", blaming: "9223372036854775807", with: "seed must be a whole number \(range)")
        h.refuses("set seed 9223372036854775808", blaming: "9223372036854775808", with: "seed must be a whole number \(range)")
        h.refuses("set seed 1e300", blaming: "1e300", with: "seed must be a whole number \(range)")
        h.refuses("sample ratings 10 seed 9223372036854775808", blaming: "9223372036854775808",
                  with: "the seed must be a whole number \(range)")
        h.refuses("a, b = split ratings 80% seed 9223372036854775808", blaming: "9223372036854775808",
                  with: "the seed must be a whole number \(range)")
        h.refuses("head ratings 9223372036854775808", blaming: "9223372036854775808") { $0.hasPrefix("the number of rows must be") }
        #expect(!h.run("set seed \(WholeNumber.largestExact)").contains("error"))
        #expect(h.session.settings.seed == UInt64(WholeNumber.largestExact))
    }

    @Test func everyWholeSettingOfTrainIsCheckedWithoutATrap() throws {
        let h = try SessionHarness.withMovieLens()
        for algorithm in Algorithm.all {
            for setting in algorithm.settings {
                guard case .whole = setting.kind else { continue }
                for huge in ["9223372036854775808", "1e300", "-9223372036854775809"] {
                    h.refuses("train \(algorithm.name) \(setting.key)=\(huge)", blaming: huge) {
                        $0.hasPrefix("\(setting.key) must be a whole number")
                    }
                }
            }
        }
    }

    // MARK: Charts of columns from other tables

    @Test func aColumnOfAShorterTableIsRefusedByTheChartsThatPairRows() throws {
        let h = try SessionHarness.withMovieLens()
        #expect(!h.run("avg = stats ratings by movieId").contains("error"))
        #expect(!h.run("head ratings 7").contains("error"))
        let links = h.session.workspace.table("links")?.rowCount ?? 0
        let avg = h.session.workspace.table("avg")?.rowCount ?? 0
        #expect(links > avg && avg > 0)
        let lengths = "'avg.mean' has \(NumberFormatting.grouped(avg)) rows and 'links' \(NumberFormatting.grouped(links))"
        // Was: index out of range (a trap).
        h.refuses("scatter links avg.mean avg.mean", blaming: "avg.mean") { $0.hasPrefix(lengths) }
        h.refuses("scatter links movieId avg.mean", blaming: "avg.mean") { $0.hasPrefix(lengths) }
        // Was: drawn, each timestamp paired with an unrelated movie.
        h.refuses("plot ratings timestamp links.movieId", blaming: "links.movieId") {
            $0.hasPrefix("'links.movieId' has \(NumberFormatting.grouped(links)) rows and 'ratings' ")
        }
        // Columns of a table of the same length still pair.
        #expect(!h.run("scatter avg count avg.mean").contains("error"))
    }

    // MARK: Joins too big to build

    @Test func aJoinThatWouldNotFitIsRefusedSayingHowManyRowsItWouldMake() throws {
        let folder = try TempFolder()
        // Every row has the same key: 30,000 × 30,000 = 900 million rows.
        let column = "rating\n" + String(repeating: "4\n", count: 30_000)
        let path = try folder.write("same.csv", column)
        let h = SessionHarness()
        #expect(!h.run("a = load \(path)").contains("error"))
        #expect(!h.run("b = load \(path)").contains("error"))
        h.refuses("join a b on rating", blaming: nil) { $0.hasPrefix("join would make 900,000,000 rows") }
    }

    // MARK: Regular expressions that backtrack for ever

    /// A table of `count` titles of 40 a's, which `(a+)+b` takes 2^40 steps to give up on.
    static func backtrackingTitles(_ count: Int = 1) throws -> (SessionHarness, TempFolder) {
        let folder = try TempFolder()
        let rows = (0 ..< count).map { "\($0),\(String(repeating: "a", count: 40 + $0))" }
        let path = try folder.write("titles.csv", "id,title\n" + rows.joined(separator: "\n") + "\n")
        let h = SessionHarness()
        #expect(!h.run("x = load \(path)").contains("error"))
        return (h, folder)
    }

    @Test func aRegularExpressionThatBacktracksForEverStopsInBoundedTime() throws {
        let (h, _folder) = try Self.backtrackingTitles()
        _ = _folder
        let started = Date()
        h.refuses("filter x title matches \"(a+)+b\"", blaming: "\"(a+)+b\"") {
            $0.hasPrefix("the regular expression \"(a+)+b\" takes too long")
        }
        #expect(Date().timeIntervalSince(started) < 10)
        // Ordinary patterns still work.
        #expect(h.run("filter x title matches \"^a+$\"").contains("aaaa"))
    }

    /// Swift's `Regex` took 0.7 s a title for `(.*)*x` (hours for all of
    /// `movies`), and Ctrl-C could not stop it.
    @Test func theIssuesPatternOnEveryTitleEndsInBoundedTime() throws {
        let h = try SessionHarness.withMovieLens()
        let before = WorkspaceSnapshot(h.session)
        let started = Date()
        let error = h.failure("x = filter movies title matches \"(.*)*x\"")
        #expect(Date().timeIntervalSince(started) < 20)
        if let error {
            #expect(error.message.hasPrefix("the regular expression \"(.*)*x\" takes too long"))
            #expect(WorkspaceSnapshot(h.session) == before)
        }
    }

    @Test func ctrlCStopsARegularExpressionAndChangesNothing() throws {
        let (h, _folder) = try Self.backtrackingTitles(50)
        _ = _folder
        let before = WorkspaceSnapshot(h.session)
        let cancellation = h.session.cancellation
        let started = Date()
        Thread.detachNewThread { Thread.sleep(forTimeInterval: 0.1); cancellation.cancel() }
        let error = h.failure("y = filter x title matches \"(a+)+b\"")
        #expect(Date().timeIntervalSince(started) < 0.9)
        #expect(error?.message == "cancelled (Ctrl-C); nothing changed")
        #expect(WorkspaceSnapshot(h.session) == before)
    }
}
