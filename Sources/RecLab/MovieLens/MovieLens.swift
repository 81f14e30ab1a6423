import Foundation

/// Loading whole MovieLens releases from folders on disk.
public enum MovieLens {
    /// Finds `release`'s folder in `searchFolders` and loads its tables
    /// (ratings, movies with `year`, and tags, links, users where the
    /// release has them) under MovieLens's column names.
    ///
    /// The folders are tried in order; each may be the release folder
    /// itself (named like `ml-latest-small`) or contain it. When none has
    /// it, the error names every place looked in. Nothing is downloaded
    /// here: see ``download(_:from:cancel:progress:)``.
    ///
    /// - Complexity: O(total size of the files).
    public static func load(release: MovieLensRelease, searchFolders: [URL],
                            cancel: Cancellation = .never) throws(RecLabError) -> [(name: String, table: Table)] {
        guard let folder = locate(release, in: searchFolders) else {
            let places = searchFolders.map(\.path)
            let looked = places.isEmpty ? "(no data folder given)" : "in " + places.joined(separator: ", ")
            throw RecLabError("\(release.folderName) not found \(looked); put the unzipped folder in one of them "
                + "or pass --data DIR", subject: release.name)
        }
        var result: [(name: String, table: Table)] = []
        for entry in release.tables {
            let path = folder.appendingPathComponent(entry.file.rawValue).path
            guard FileManager.default.fileExists(atPath: path) else {
                if entry.required {
                    throw RecLabError("\(entry.file.rawValue) is missing from \(folder.path)", subject: release.name)
                }
                continue
            }
            try cancel.check()
            result.append((entry.table, try entry.file.load(path: path, cancel: cancel)))
        }
        return result
    }

    /// ``load(release:searchFolders:cancel:)`` for a release name such as
    /// `small` or `ml-100k`.
    public static func load(releaseNamed name: String, searchFolders: [URL],
                            cancel: Cancellation = .never) throws(RecLabError) -> [(name: String, table: Table)] {
        try load(release: try MovieLensRelease.named(name), searchFolders: searchFolders, cancel: cancel)
    }

    /// The first of `folders` that is, or directly contains, the release's folder.
    public static func locate(_ release: MovieLensRelease, in folders: [URL]) -> URL? {
        let names = Set(([release.folderName] + release.aliases.filter { $0.hasPrefix("ml-") }).map { $0.lowercased() })
        for folder in folders {
            if names.contains(folder.standardizedFileURL.lastPathComponent.lowercased()), isFolder(folder) { return folder }
            for name in [release.folderName] + release.aliases where name.hasPrefix("ml-") {
                let inside = folder.appendingPathComponent(name)
                if isFolder(inside) { return inside }
            }
        }
        return nil
    }

    static func isFolder(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
