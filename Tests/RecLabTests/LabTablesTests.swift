import Foundation
import Testing
@testable import RecLab

/// The lab's non-personalised tables on ml-latest-small (USERKNN.md), read
/// with a throwaway parser since the CSV reader lives in another branch.
/// Skipped when the data is absent.
@Suite struct LabTablesTests {
    static var dataFolder: URL {
        let env = ProcessInfo.processInfo.environment["RECLAB_TEST_DATA"]
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return env.map { URL(fileURLWithPath: $0) } ?? repo.deletingLastPathComponent().appendingPathComponent("shared/data")
    }

    static func lines(_ name: String) -> [Substring]? {
        let url = dataFolder.appendingPathComponent("ml-latest-small/\(name)")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        return Array(text.split(whereSeparator: \.isNewline).dropFirst())
    }

    static func tables() throws -> (ratings: Table, movies: Table)? {
        guard let ratingLines = lines("ratings.csv"), let movieLines = lines("movies.csv") else { return nil }
        var movieIds = [Int64](), users = [Int64](), ratings = [Double]()
        for line in ratingLines {
            let f = line.split(separator: ",")
            users.append(Int64(f[0]) ?? 0); movieIds.append(Int64(f[1]) ?? 0); ratings.append(Double(f[2]) ?? 0)
        }
        var ids = [Int64](), titles = [String?](), genres = [String?]()
        for line in movieLines {
            guard let first = line.firstIndex(of: ","), let last = line.lastIndex(of: ",") else { continue }
            ids.append(Int64(line[..<first]) ?? 0)
            var title = String(line[line.index(after: first)..<last])
            if title.hasPrefix("\"") { title = String(title.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"") }
            titles.append(title)
            genres.append(String(line[line.index(after: last)...]))
        }
        return (try Table(columns: [Column(name: "userId", integers: users), Column(name: "movieId", integers: movieIds),
                                    Column(name: "rating", decimals: ratings, fractionDigits: 1)]),
                try Table(columns: [Column(name: "movieId", integers: ids), Column(name: "title", texts: titles),
                                    Column(name: "genres", texts: genres)]))
    }

    @Test func popularMoviesAndTheirTie() throws {
        guard let (ratings, movies) = try LabTablesTests.tables() else { return }
        let stats = try ratings.groupStats(by: "movieId", of: "rating")
        let popular = try stats.filter(.compare(column: "count", op: .greater, value: .integer(20))).join(movies)
        #expect(popular.rowCount == 1235)
        #expect(try popular.filter(.contains(column: "genres", text: "action")).rowCount == 403)
        #expect(try popular.filter(.contains(column: "genres", text: "Romance")).rowCount == 233)
        let best = try popular.sorted(by: [SortKey(column: "mean", descending: true)])
        let ids = (0..<best.rowCount).compactMap { best.columns[0].integer(at: $0) }
        guard let at475 = ids.firstIndex(of: 475) else { Issue.record("475 missing"); return }
        #expect(ids[at475 + 1] == 1204)
        #expect(abs((best.column(named: "mean")?.number(at: at475) ?? 0) - 4.3) < 1e-12)
        let top = try popular.top(at475 + 1, by: "mean")
        #expect(top.columns[0].integer(at: at475) == 475)
    }
}
