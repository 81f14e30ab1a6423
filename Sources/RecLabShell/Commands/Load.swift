import Foundation

extension Verbs {
    /// `load PATH` / `load movielens NAME` / `load model PATH [as NAME]`:
    /// read tables (or a saved model) from files.
    static let load = Verb(
        name: "load", group: .tables,
        summary: "read a CSV/TSV/MovieLens file, a whole MovieLens release by name, or a saved model",
        forms: ["load PATH", "NAME = load PATH", "load movielens small|100k|1m|10m|20m|25m|32m|latest",
                "load model PATH [as NAME]"],
        example: """
            load movielens small          # binds ratings, movies, tags, links
            load ../shared/data/crashcourse/jabril-movie-ratings.csv   # binds jabril_movie_ratings
            jabril = load ../shared/data/crashcourse/jabril-movie-ratings.csv
            load model mf.model as mf2    # a model saved with: save model mf mf.model
            """,
        notes: """
            load movielens looks for the release's unzipped folder in --data, $RECLAB_DATA and the
            cache ($XDG_CACHE_HOME/reclab or ~/.cache/reclab); when it is in none of them it
            downloads the zip from GroupLens (or $RECLAB_MOVIELENS_URL), checks it against the
            checksum GroupLens publishes, unzips it into the cache and loads it. Offline, it says
            which URL to download and where to unzip it.

            load model reads a file written by save model, of any kind, and binds the model to
            NAME (or the name it was saved under); it recommends, predicts and explains exactly as
            the saved model did. A damaged, truncated or foreign file is refused with one line and
            changes nothing.
            """,
        gives: [.table, .namedTables, .model]
    ) { call in
        let usage = "load PATH | load movielens NAME | load model PATH [as NAME]"
        let cancel = call.session.cancellation
        // A bare `load model` loads a model, unless a file has that name.
        if call.arguments.peek?.isWord("model") == true,
           call.arguments.peekSecond != nil || !FileManager.default.fileExists(atPath: call.arguments.peek?.text ?? "") {
            _ = call.arguments.next()
            return try ModelFiles.load(&call, usage: "load model PATH [as NAME]")
        }
        // A bare `load movielens` asks for a release, unless a file has that name.
        if call.arguments.peek?.isWord("movielens") == true,
           call.arguments.peekSecond != nil || !FileManager.default.fileExists(atPath: call.arguments.peek?.text ?? "") {
            _ = call.arguments.next()
            let release = try call.arguments.expectName("a release name (small, 100k, 1m, 10m, 20m, 25m, 32m, latest)", usage: usage)
            try call.arguments.expectEnd(usage: usage)
            return try MovieLensLoading.load(release, session: call.session)
        }
        let path = try call.arguments.expectName("a file path", usage: usage)
        if let extra = call.arguments.peek, call.arguments.remaining.allSatisfy({ $0.kind != .symbol }) {
            let joined = ([path] + call.arguments.remaining).map(\.text).joined(separator: " ")
            throw ShellError("unexpected '\(extra.text)': a path with spaces goes in double quotes: load \"\(joined)\"", at: extra)
        }
        try call.arguments.expectEnd(usage: usage)
        let expanded = try call.session.resolveFetching(path)
        let table: Table
        do throws(RecLabError) {
            table = try TableLoader.load(path: expanded, cancel: cancel)
        } catch where error.isCancellation {
            throw error
        } catch {
            throw ShellError(error.description, at: path)
        }
        if call.isBound { return .table(table) }
        return .named([(TableName.forFile(expanded), table)])
    }
}

/// The name a loaded file is bound to.
enum TableName {
    /// The file's stem made into a name (`jabril-movie-ratings.csv` →
    /// `jabril_movie_ratings`); MovieLens files get their table's name
    /// (`u.data` → `ratings`).
    static func forFile(_ path: String) -> String {
        let file = (path as NSString).lastPathComponent
        let known = ["u.data": "ratings", "u.item": "movies", "u.user": "users", "u.genre": "genres"]
        if let name = known[file.lowercased()] { return name }
        let stem = (file as NSString).deletingPathExtension
        var name = String(stem.unicodeScalars.map { $0.properties.isAlphabetic || ("0"..."9").contains($0) ? Character($0) : "_" })
        if name.isEmpty { name = "table" }
        if let first = name.unicodeScalars.first, ("0"..."9").contains(first) { name = "t_" + name }
        return name
    }
}
