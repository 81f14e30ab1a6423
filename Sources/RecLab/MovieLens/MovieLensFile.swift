/// The files of MovieLens releases, recognised by name, with their columns
/// and types: the older ones have no header (`u.data`, `ratings.dat`…),
/// so their column names come from here.
///
/// Types are enforced: text in a numeric position (a rating `abc`) is an
/// error with file and line, not a text column.
public enum MovieLensFile: String, CaseIterable, Sendable {
    case uData = "u.data", uItem = "u.item", uUser = "u.user"
    case ratingsDat = "ratings.dat", moviesDat = "movies.dat", usersDat = "users.dat", tagsDat = "tags.dat"
    case ratingsCSV = "ratings.csv", moviesCSV = "movies.csv", tagsCSV = "tags.csv", linksCSV = "links.csv"

    /// The file called `fileName` (case-insensitive), if it is one of these.
    public init?(fileName: String) {
        self.init(rawValue: fileName.lowercased())
    }

    /// The columns of the table this file gives, and their types.
    var columns: [(name: String, type: CSVColumnType)] {
        switch self {
        case .uData, .ratingsDat, .ratingsCSV:
            return [("userId", .integer), ("movieId", .integer), ("rating", .number), ("timestamp", .integer)]
        case .moviesDat, .moviesCSV:
            return [("movieId", .integer), ("title", .text), ("genres", .text)]
        case .tagsDat, .tagsCSV:
            return [("userId", .integer), ("movieId", .integer), ("tag", .text), ("timestamp", .integer)]
        case .linksCSV:
            return [("movieId", .integer), ("imdbId", .integer), ("tmdbId", .integer)]
        case .uUser:
            return [("userId", .integer), ("age", .integer), ("gender", .text), ("occupation", .text), ("zip", .text)]
        case .usersDat:
            return [("userId", .integer), ("gender", .text), ("age", .integer), ("occupation", .integer), ("zip", .text)]
        case .uItem:
            return [("movieId", .integer), ("title", .text), ("released", .text), ("videoReleased", .text), ("imdbURL", .text)]
                + MovieLensFile.itemGenres.map { ($0, .integer) }
        }
    }

    /// How to read the file.
    var options: CSVOptions {
        var options = CSVOptions(columnTypes: Dictionary(uniqueKeysWithValues: columns.map { ($0.name, $0.type) }))
        switch self {
        case .ratingsCSV, .moviesCSV, .tagsCSV, .linksCSV:
            // Header detected, not assumed: a headerless file of that name
            // then gets column1… instead of a data row as its names.
            options.delimiter = .comma
            return options
        case .uData:
            options.delimiter = .tab
        case .uItem, .uUser:
            options.delimiter = .pipe
            options.quoting = .none
        case .ratingsDat, .moviesDat, .usersDat, .tagsDat:
            options.delimiter = .doubleColon
        }
        if options.header != .present {
            options.header = .absent
            options.columnNames = columns.map(\.name)
        }
        return options
    }

    /// The genre flags of `u.item`, in order (from ml-100k's `u.genre`).
    static let itemGenres = ["unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary",
                             "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi",
                             "Thriller", "War", "Western"]

    /// Reads the file at `path` as this MovieLens file: MovieLens column
    /// names and types; movies get `year` from the title; `u.item`'s genre
    /// flags become a `genres` column like the later releases'
    /// (`Animation|Children's|Comedy`; none or only `unknown` is
    /// `(no genres listed)`).
    ///
    /// - Complexity: O(file size).
    public func load(path: String, cancel: Cancellation = .never) throws(RecLabError) -> Table {
        var table = try CSVReader.read(path: path, options: options, cancel: cancel)
        switch self {
        case .uItem:
            table = try MovieLensFile.itemTable(from: table)
            return try TitleYear.addingYear(to: table)
        case .moviesDat:
            return try TitleYear.addingYear(to: table)
        case .moviesCSV where Set(table.columnNames).isSuperset(of: ["movieId", "title", "genres"]):
            // Only MovieLens's own movies.csv: another file may share the name.
            return try TitleYear.addingYear(to: table)
        default:
            return table
        }
    }

    /// `movieId, title, genres, released` from the 24 fields of `u.item`.
    static func itemTable(from raw: Table) throws(RecLabError) -> Table {
        var flags: [Column] = []
        for genre in itemGenres { flags.append(try raw.requireColumn(genre)) }
        var genres: [String?] = []
        genres.reserveCapacity(raw.rowCount)
        for row in 0..<raw.rowCount {
            var names: [String] = []
            for (g, column) in flags.enumerated() where g > 0 && column.integer(at: row) == 1 { names.append(itemGenres[g]) }
            genres.append(names.isEmpty ? "(no genres listed)" : names.joined(separator: "|"))
        }
        return try Table(columns: [try raw.requireColumn("movieId"), try raw.requireColumn("title"),
                                   Column(name: "genres", texts: genres), try raw.requireColumn("released")])
    }
}
