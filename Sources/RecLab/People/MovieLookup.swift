import Foundation

/// Finds the movie a user means: by movieId, or by title — exactly, then
/// ignoring case, then by words (`"princess bride"` finds
/// "Princess Bride, The (1987)").
public struct MovieLookup: Sendable {
    private let ids: [Int64]
    private let titles: [String]
    private let genres: [String]?
    /// Row of each movieId, for ``title(of:)``: `ratings` asks once per rating.
    private let rowOfId: [Int64: Int]

    /// A lookup over a movies table (`movieId`, `title`, and `genres` if
    /// any), or one with the LinkedIn Learning tutorial's names (`movie_id`,
    /// `title`, `genre`).
    public init(movies: Table) throws(RecLabError) {
        let idName = movies.index(of: "movieId") == nil && movies.index(of: "movie_id") != nil ? "movie_id" : "movieId"
        let idColumn = try movies.requireColumn(idName)
        let titleColumn = try movies.requireColumn("title")
        let genreColumn = movies.column(named: "genres") ?? movies.column(named: "genre")
        var ids: [Int64] = []
        var titles: [String] = []
        var genres: [String] = []
        for row in 0..<movies.rowCount {
            guard let id = idColumn.integer(at: row) else { continue }
            ids.append(id)
            titles.append(titleColumn.text(at: row) ?? "")
            if let genreColumn { genres.append(genreColumn.text(at: row) ?? "") }
        }
        self.ids = ids
        self.titles = titles
        self.genres = genreColumn == nil ? nil : genres
        self.rowOfId = Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The title of movie `id`, if it is in the table.
    public func title(of id: Int64) -> String? {
        rowOfId[id].map { titles[$0] }
    }

    /// Whether the table has a `genres` column.
    public var hasGenres: Bool { genres != nil }

    /// The genres of movie `id` (`Adventure|Comedy`), if known.
    public func genres(of id: Int64) -> String? {
        guard let genres else { return nil }
        return rowOfId[id].map { genres[$0] }
    }

    /// Every distinct genre, sorted.
    public var allGenres: [String] {
        Set((genres ?? []).flatMap { $0.split(separator: "|").map(String.init) }).sorted()
    }

    /// The movie `query` names: a movieId, or a title. An unknown or
    /// ambiguous title is an error listing up to 10 candidates.
    public func find(_ query: String) throws(RecLabError) -> (id: Int64, title: String) {
        if let id = Int64(query) {
            guard let title = title(of: id) else { throw RecLabError("no movie with movieId \(id)", subject: query) }
            return (id, title)
        }
        for match in [exact, ignoringCase, byWords] {
            let found = match(query)
            if found.count == 1 { return (ids[found[0]], titles[found[0]]) }
            if found.count > 1 { throw ambiguous(query, found) }
        }
        throw RecLabError("no movie titled '\(query)'; try fewer words, or `filter movies title contains \"…\"`", subject: query)
    }

    private func exact(_ q: String) -> [Int] { titles.indices.filter { titles[$0] == q } }

    private func ignoringCase(_ q: String) -> [Int] {
        let lower = q.lowercased()
        return titles.indices.filter { titles[$0].count == q.count && titles[$0].lowercased() == lower }
    }

    private func byWords(_ q: String) -> [Int] {
        let wanted = MovieLookup.words(q)
        guard !wanted.isEmpty else { return [] }
        // A byte search for each word (in any case) rules out almost every
        // title before the costlier split into words.
        let needles = wanted.map { (lower: Array($0.utf8), upper: Array($0.uppercased().utf8)) }
        return titles.indices.filter { i in
            needles.allSatisfy { MovieLookup.mayContain(titles[i], $0.lower, $0.upper) }
                && wanted.isSubset(of: MovieLookup.words(titles[i]))
        }
    }

    /// Whether `text` could contain `lower` ignoring case: a byte search
    /// that accepts each byte in either case (exact for ASCII; for other
    /// letters it may say yes, and the word split then decides).
    private static func mayContain(_ text: String, _ lower: [UInt8], _ upper: [UInt8]) -> Bool {
        guard lower.count == upper.count, !lower.isEmpty else { return true }
        let found = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            let n = lower.count
            guard bytes.count >= n else { return false }
            for start in 0 ... bytes.count - n {
                var k = 0
                while k < n, bytes[start + k] == lower[k] || bytes[start + k] == upper[k] { k += 1 }
                if k == n { return true }
            }
            return false
        }
        return found ?? true
    }

    private static func words(_ text: String) -> Set<String> {
        Set(text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init))
    }

    private func ambiguous(_ query: String, _ found: [Int]) -> RecLabError {
        let shown = found.prefix(10).map { "\(ids[$0]) \(titles[$0])" }.joined(separator: "; ")
        let more = found.count > 10 ? "; and \(found.count - 10) more" : ""
        return RecLabError("'\(query)' matches \(found.count) movies: \(shown)\(more); use the movieId or the full title", subject: query)
    }
}
