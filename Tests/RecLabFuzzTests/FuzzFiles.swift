import Foundation

/// The fuzzer's temporary folder: `data/` (a small MovieLens-like release
/// `load movielens small` finds, and generated files), `scripts/`,
/// `models/`, `people/`, and `out/` where statements write.
final class FuzzFiles {
    /// How many changes the fuzzer itself has made to the folder (files
    /// written, removed, FIFOs made): a runner's remembered listing of the
    /// folder is stale once this moves. Change the folder only through
    /// these methods.
    private(set) var changes = 0
    let root: URL
    /// The movies of the generated release.
    let movies: [(id: Int, title: String)]
    /// Files to read, relative to ``root``.
    var dataFiles: [String] = []
    var scripts: [String] = []
    var modelFiles: [String] = []

    /// A fresh folder under the temporary folder (`$TMPDIR`).
    init(seed: UInt64) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("reclab-fuzz-\(UUID().uuidString)")
        var random = FuzzRandom(seed: seed)
        let titles = ["Toy Story (1995)", "Jumanji (1995)", "\"Great\" Escape, The (1963)", "Amélie (Fabuleux destin d'Amélie Poulain, Le) (2001)",
                      "千と千尋の神隠し (2001)", "Star Wars: Episode IV - A New Hope (1977)", "Princess Bride, The (1987)", "Heat (1995)",
                      "Se7en (1995)", "Nikita (La Femme Nikita) (1990)", "No Year", "שלום (2010)", "Zoolander 😀 (2001)", "Alien (1979)"]
        movies = (0 ..< 40).map { k in (k < 36 ? k + 1 : 190_000 + k, k < titles.count ? titles[k] : "Movie \(k) (\(1950 + k))") }
        for folder in ["data/ml-latest-small", "scripts", "models", "people", "out"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let genres = ["Action", "Comedy", "Drama", "Action|Comedy", "(no genres listed)", "Sci-Fi|Thriller"]
        var ratings = "userId,movieId,rating,timestamp\n", tags = "userId,movieId,tag,timestamp\n"
        for user in 1 ... 30 {
            for movie in Set((0 ..< 4 + random.below(8)).map { _ in random.pick(movies).id }).sorted() {
                ratings += "\(user),\(movie),\(Double(1 + random.below(10)) / 2),\(964_982_703 + random.below(100_000_000))\n"
            }
            if user % 5 == 0 { tags += "\(user),\(random.pick(movies).id),\"funny, sad\",1445714994\n" }
        }
        let csvMovies = "movieId,title,genres\n" + movies.map { "\($0.id),\(Self.csvField($0.title)),\(random.pick(genres))\n" }.joined()
        let links = "movieId,imdbId,tmdbId\n" + movies.map { "\($0.id),\(String(format: "%07d", 100_000 + $0.id)),\($0.id * 7)\n" }.joined()
        let release = "data/ml-latest-small/"
        try write(release + "ratings.csv", ratings)
        try write(release + "movies.csv", csvMovies)
        try write(release + "links.csv", links)
        try write(release + "tags.csv", tags)
        dataFiles = ["ratings", "movies", "links", "tags"].map { release + $0 + ".csv" }
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// A CSV field, quoted when it must be.
    static func csvField(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    /// Writes `text` to `relative` under ``root``.
    func write(_ relative: String, _ text: String) throws { try write(relative, Data(text.utf8)) }

    /// Writes `bytes` to `relative` under ``root``, making its folder.
    func write(_ relative: String, _ bytes: Data) throws {
        changes += 1
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try bytes.write(to: url)
    }

    /// Removes `relative` under ``root``, if it is there.
    func remove(_ relative: String) {
        changes += 1
        try? FileManager.default.removeItem(at: root.appendingPathComponent(relative))
    }

    /// Removes everything in the folder `relative` under ``root``, keeping
    /// the folder.
    func empty(_ relative: String) {
        changes += 1
        let folder = root.appendingPathComponent(relative)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }

    /// Makes a FIFO at `relative` under ``root``; returns its absolute path.
    func makeFIFO(_ relative: String) -> String {
        changes += 1
        let path = root.appendingPathComponent(relative).path
        mkfifo(path, 0o644)
        return path
    }

    /// The absolute path of `relative`, in quotes for a statement.
    func quoted(_ relative: String) -> String { FuzzContext.quoted(root.path + "/" + relative) }
}
