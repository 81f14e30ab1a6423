import Foundation

/// Finds the movie a user means: by movieId, or by title — exactly, then
/// ignoring case, then ignoring the year and an article (`"the matrix"`
/// finds "Matrix, The (1999)"), then by words (`"princess bride"` finds
/// "Princess Bride, The (1987)"); a typo gets a did-you-mean.
public struct MovieLookup: Sendable {
    private let ids: [Int64]
    let titles: [String]
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

    /// A movie: its movieId and title.
    public typealias Movie = (id: Int64, title: String)

    /// What a query names: one movie, several equally well, or none (with
    /// the title nearest to it, when one is a likely typo).
    public enum Match {
        /// One movie.
        case one(Movie)
        /// Several movies, all matched at the same step.
        case several([Movie])
        /// No movie; `nearest` is a title close to the query, if any.
        case none(nearest: Movie?)
    }

    /// What `query` names: a movieId, or a title matched, in order,
    /// exactly; ignoring case; ignoring the year and a leading or trailing
    /// article ("the godfather" and "godfather" find "Godfather, The
    /// (1972)"); by words. The first step that matches anything decides.
    ///
    /// - Complexity: O(*n*) in the number of movies per step.
    public func match(_ query: String) -> Match {
        if let id = Int64(query) {
            guard let title = title(of: id) else { return .none(nearest: nil) }
            return .one((id, title))
        }
        for step in [exact, ignoringCase, ignoringYearAndArticle, byWords] {
            let found = step(query)
            if found.count == 1 { return .one(movie(at: found[0])) }
            if found.count > 1 { return .several(found.map(movie(at:))) }
        }
        return .none(nearest: nearest(to: query))
    }

    /// The movie `query` names (``match(_:)``). An unknown title is an
    /// error with a did-you-mean when a title is close; an ambiguous one,
    /// an error listing up to 10 candidates.
    public func find(_ query: String) throws(RecLabError) -> Movie {
        switch match(query) {
        case .one(let movie):
            return movie
        case .several(let movies):
            throw ambiguous(query, movies)
        case .none where Int64(query) != nil:
            throw RecLabError("no movie with movieId \(query)", subject: query)
        case .none(let nearest?):
            throw RecLabError("no movie titled '\(query)'; did you mean '\(nearest.title)'?", subject: query)
        case .none(nil):
            let words = query.contains(" ") ? "\"\(query)\"" : query
            throw RecLabError("no movie titled '\(query)'; look for it with: find \(words)", subject: query)
        }
    }

    /// The error for a title that matches several movies.
    public func ambiguous(_ query: String, _ movies: [Movie]) -> RecLabError {
        let shown = movies.prefix(10).map { "\($0.id) \($0.title)" }.joined(separator: "; ")
        let more = movies.count > 10 ? "; and \(movies.count - 10) more" : ""
        return RecLabError("'\(query)' matches \(movies.count) movies: \(shown)\(more); use the movieId or the full title", subject: query)
    }

    func movie(at index: Int) -> Movie { (ids[index], titles[index]) }

    private func exact(_ q: String) -> [Int] { titles.indices.filter { titles[$0] == q } }

    private func ignoringCase(_ q: String) -> [Int] {
        let lower = q.lowercased()
        return titles.indices.filter { titles[$0].count == q.count && titles[$0].lowercased() == lower }
    }

    private func ignoringYearAndArticle(_ q: String) -> [Int] {
        let key = TitleKey(q).text
        guard !key.isEmpty else { return [] }
        return titles.indices.filter { TitleKey.mayMatch(titles[$0], key) && TitleKey(titles[$0]).text == key }
    }

    /// The title nearest `query` by edit distance, ignoring case, year
    /// and article, when it is close enough to be a typo.
    private func nearest(to query: String) -> Movie? {
        let key = TitleKey(query).text
        guard key.count >= 4 else { return nil }
        let keys = titles.map { TitleKey($0).text }
        guard let near = Suggestion.nearest(to: key, in: keys), near != key, let index = keys.firstIndex(of: near) else { return nil }
        // A prefix is not a typo: "star" should not become "Stargate".
        guard Suggestion.distance(Array(key), Array(near), atMost: 3) != nil else { return nil }
        return movie(at: index)
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
    static func mayContain(_ text: String, _ lower: [UInt8], _ upper: [UInt8]) -> Bool {
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

    static func words(_ text: String) -> Set<String> {
        Set(text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init))
    }

}
