import RecLab

/// Benchmark phases of this area (see README.md for the figures).
enum TableBenchmarks {
    static var phases: [Phase] {
        BenchTables.sizes.flatMap { size -> [Phase] in
            let tables = { try BenchTables.tables(size) }
            return [
                Phase(name: "stats by movieId", size: size) {
                    let ratings = try tables().ratings
                    return { _ = try ratings.groupStats(by: "movieId", of: "rating") }
                },
                Phase(name: "join ratings⋈movies", size: size) {
                    let (ratings, movies) = (try tables().ratings, try tables().movies)
                    return { _ = try ratings.join(movies, on: nil, kind: .inner) }
                },
                Phase(name: "filter stats count>20", size: size) {
                    let stats = try tables().stats
                    return { _ = try stats.filter(.compare(column: "count", op: .greater, value: .integer(20))) }
                },
                Phase(name: "sort stats by mean", size: size) {
                    let stats = try tables().stats
                    return { _ = try stats.sorted(by: [SortKey(column: "mean", descending: true)]) }
                },
                Phase(name: "filter ratings rating>=4", size: size) {
                    let ratings = try tables().ratings
                    return { _ = try ratings.filter(.compare(column: "rating", op: .greaterOrEqual, value: .integer(4))) }
                },
                Phase(name: "sort ratings by timestamp", size: size) {
                    let ratings = try tables().ratings
                    return { _ = try ratings.sorted(by: [SortKey(column: "timestamp")]) }
                },
                Phase(name: "top 10 ratings by timestamp", size: size) {
                    let ratings = try tables().ratings
                    return { _ = try ratings.top(10, by: "timestamp") }
                },
            ]
        }
    }
}

/// The ratings, movies and per-movie statistics of each size, made once.
///
/// `small`, `10m` and `33m` are read from the files the peers read too
/// (ml-latest-small and the synthetic sets: `BenchData.ratings`); `1m` and
/// `33m-mem` are made in memory by ``SyntheticTables`` (no file needed;
/// `33m-mem` is what the 33.8M-row table figures before issue 6 measured).
struct BenchTables: Sendable {
    let ratings: Table
    let movies: Table
    let stats: Table

    /// Every size, in the order phases list them.
    static let sizes = ["small", "10m", "33m", "1m", "33m-mem"]

    private static let small = Result { try BenchTables(files: "small") }
    private static let synthetic10m = Result { try BenchTables(files: "10m") }
    private static let synthetic33m = Result { try BenchTables(files: "33m") }

    /// The tables of `size`, loaded or made on first use.
    static func tables(_ size: String) throws -> BenchTables {
        switch size {
        case "small": try small.get()
        case "10m": try synthetic10m.get()
        case "33m": try synthetic33m.get()
        case "1m": BenchTables(try SyntheticTables.small())
        case "33m-mem": BenchTables(try SyntheticTables.large())
        default: throw RecLabError("no tables of size \(size)")
        }
    }

    /// Reads ratings.csv and movies.csv of `size` as `load` does.
    private init(files size: String) throws {
        ratings = try CSVReader.read(path: BenchData.ratings(size).path)
        movies = try CSVReader.read(path: BenchData.movies(size).path)
        stats = try ratings.groupStats(by: "movieId", of: "rating")
    }

    private init(_ synthetic: SyntheticTables) {
        (ratings, movies, stats) = (synthetic.ratings, synthetic.movies, synthetic.stats)
    }
}

/// MovieLens-shaped tables made in memory, once per size.
struct SyntheticTables: Sendable {
    let ratings: Table
    let movies: Table
    let stats: Table

    private static let smallTables = Result { try SyntheticTables(ratings: 1_000_000, movies: 10_000, users: 10_000) }
    private static let largeTables = Result { try SyntheticTables(ratings: 33_800_000, movies: 83_000, users: 330_000) }
    static func small() throws -> SyntheticTables { try smallTables.get() }
    static func large() throws -> SyntheticTables { try largeTables.get() }

    /// `ratings` rows over `movies` movies (ids spread up to 4× their
    /// count, a few very popular) and `users` users.
    init(ratings count: Int, movies movieCount: Int, users: Int) throws {
        var generator = SeededGenerator(seed: 2024)
        var ids = Set<Int32>()
        while ids.count < movieCount { ids.insert(Int32(1 + generator.next(below: 4 * movieCount))) }
        let movieIds = ids.sorted()
        var userId = [Int32](), movieId = [Int32](), rating = [Double](), timestamp = [Int32]()
        userId.reserveCapacity(count); movieId.reserveCapacity(count)
        rating.reserveCapacity(count); timestamp.reserveCapacity(count)
        for _ in 0..<count {
            userId.append(Int32(1 + generator.next(below: users)))
            // Cubing a uniform number makes low indices (popular movies) common.
            let u = Double(generator.next() >> 11) / Double(1 << 53)
            movieId.append(movieIds[min(movieCount - 1, Int(u * u * u * Double(movieCount)))])
            rating.append(Double(1 + generator.next(below: 10)) / 2)
            timestamp.append(Int32(800_000_000 + generator.next(below: 900_000_000)))
        }
        let genres = (0..<20).map { "Genre\($0)|Drama" }
        self.ratings = try Table(columns: [
            Column(name: "userId", int32: userId), Column(name: "movieId", int32: movieId),
            Column(name: "rating", decimals: rating, fractionDigits: 1), Column(name: "timestamp", int32: timestamp),
        ])
        self.movies = try Table(columns: [
            Column(name: "movieId", int32: movieIds),
            Column(name: "title", texts: movieIds.map { "Movie \($0) (\(1950 + $0 % 70))" }),
            Column(name: "genres", texts: movieIds.map { genres[Int($0) % 20] }),
        ])
        self.stats = try self.ratings.groupStats(by: "movieId", of: "rating")
    }
}
