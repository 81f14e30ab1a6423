import Foundation

/// A MovieLens release as GroupLens publishes it: its short name, the
/// folder its zip unpacks to, and the files it holds.
public struct MovieLensRelease: Sendable, Equatable {
    /// One table of a release and the file it comes from.
    public struct TableFile: Sendable, Equatable {
        /// The table's name in the workspace (`ratings`, `movies`…).
        public var table: String
        /// The file in the release folder.
        public var file: MovieLensFile
        /// Whether loading fails without it (ratings and movies) or skips it.
        public var required: Bool
    }

    /// The short name users type: `small`, `100k`, `1m`, `10m`, `20m`,
    /// `25m`, `32m`, `latest`.
    public var name: String
    /// The folder name inside GroupLens's zip (`ml-latest-small`, `ml-10M100K`).
    public var folderName: String
    /// Other names accepted for the release (`ml-latest-small`, `ml-100k`).
    public var aliases: [String]
    /// The tables the release gives, in load order.
    public var tables: [TableFile]

    /// Where GroupLens publishes the zip.
    public var downloadURL: URL {
        MovieLensSource.groupLensURL.appendingPathComponent(zipName + ".zip")
    }

    /// The zip's base name (`ml-10m` for the 10M release, whose folder is `ml-10M100K`).
    public var zipName: String { name == "10m" ? "ml-10m" : folderName }

    private static func csvRelease(_ name: String, _ folder: String, aliases: [String] = []) -> MovieLensRelease {
        MovieLensRelease(name: name, folderName: folder, aliases: [folder] + aliases, tables: [
            TableFile(table: "ratings", file: .ratingsCSV, required: true),
            TableFile(table: "movies", file: .moviesCSV, required: true),
            TableFile(table: "tags", file: .tagsCSV, required: false),
            TableFile(table: "links", file: .linksCSV, required: false),
        ])
    }

    /// Every known release.
    public static let all: [MovieLensRelease] = [
        csvRelease("small", "ml-latest-small", aliases: ["latest-small"]),
        MovieLensRelease(name: "100k", folderName: "ml-100k", aliases: ["ml-100k"], tables: [
            TableFile(table: "ratings", file: .uData, required: true),
            TableFile(table: "movies", file: .uItem, required: true),
            TableFile(table: "users", file: .uUser, required: false),
        ]),
        MovieLensRelease(name: "1m", folderName: "ml-1m", aliases: ["ml-1m"], tables: [
            TableFile(table: "ratings", file: .ratingsDat, required: true),
            TableFile(table: "movies", file: .moviesDat, required: true),
            TableFile(table: "users", file: .usersDat, required: false),
        ]),
        MovieLensRelease(name: "10m", folderName: "ml-10M100K", aliases: ["ml-10m", "ml-10m100k"], tables: [
            TableFile(table: "ratings", file: .ratingsDat, required: true),
            TableFile(table: "movies", file: .moviesDat, required: true),
            TableFile(table: "tags", file: .tagsDat, required: false),
        ]),
        csvRelease("20m", "ml-20m"),
        csvRelease("25m", "ml-25m"),
        csvRelease("32m", "ml-32m"),
        csvRelease("latest", "ml-latest"),
    ]

    /// The release called `name` (short name or alias, case-insensitive),
    /// or an error listing the valid names with the likeliest one.
    public static func named(_ name: String) throws(RecLabError) -> MovieLensRelease {
        let key = name.lowercased()
        if let r = all.first(where: { $0.name == key || $0.aliases.contains { $0.lowercased() == key } }) { return r }
        let names = all.map(\.name)
        var message = "unknown MovieLens release '\(name)'"
        if let near = Suggestion.nearest(to: name, in: names + all.flatMap(\.aliases)) {
            message += "; did you mean '\(all.first { $0.name == near || $0.aliases.contains(near) }?.name ?? near)'?"
        }
        message += " (releases: \(names.joined(separator: ", ")))"
        throw RecLabError(message, subject: name)
    }
}
