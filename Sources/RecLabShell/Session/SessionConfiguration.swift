import Foundation
import RecLab

/// Where a session finds data and keeps files, from the command line's
/// `--data` and `--workspace` and the environment (`$RECLAB_DATA`,
/// `$XDG_CACHE_HOME`, `$XDG_STATE_HOME`, the mirrors' URLs): one place, so
/// the terminal and the Jupyter kernel set a session up alike.
public struct SessionConfiguration: Sendable {
    /// `--data`: a folder where `load` looks first.
    public var data: String?
    /// `--workspace`: the folder keeping people (default `~/.reclab`).
    public var workspace: String?
    /// The environment read (the process's by default).
    public var environment: [String: String]

    /// A configuration from the flags, reading the process's environment.
    public init(data: String? = nil, workspace: String? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.data = data
        self.workspace = workspace
        self.environment = environment
    }

    /// `$XDG_CACHE_HOME/reclab` or `~/.cache/reclab`: downloaded releases.
    public var cache: URL {
        let base = value("XDG_CACHE_HOME") ?? UserPath.home + "/.cache"
        return URL(fileURLWithPath: base + "/reclab")
    }

    /// `WORKSPACE/people` (`--workspace`, else `$RECLAB_WORKSPACE`), by
    /// default `~/.reclab/people`: one file per person.
    public var peopleFolder: URL {
        let base = (workspace ?? value("RECLAB_WORKSPACE")).map(UserPath.expand) ?? UserPath.home + "/.reclab"
        return URL(fileURLWithPath: base).appendingPathComponent("people")
    }

    /// `--data`, then `$RECLAB_DATA`, then the cache folder.
    public var dataFolders: [URL] {
        var folders: [URL] = []
        if let data { folders.append(URL(fileURLWithPath: UserPath.expand(data))) }
        if let d = value("RECLAB_DATA") { folders.append(URL(fileURLWithPath: d)) }
        folders.append(cache)
        return folders
    }

    /// `$XDG_STATE_HOME/reclab/history` or `~/.reclab/history`, with its
    /// folder created; `nil` when it can't be.
    public var historyFile: String? {
        let folder = value("XDG_STATE_HOME").map { $0 + "/reclab" } ?? UserPath.home + "/.reclab"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            return nil
        }
        return folder + "/history"
    }

    /// GroupLens, or the mirror in `$RECLAB_MOVIELENS_URL`, into the cache;
    /// the lab's sheets from their repository, or `$RECLAB_LAB_FILES_URL`.
    /// `warn` is told of a mirror that is not a URL (and is ignored).
    public func movieLensSource(warn: (String) -> Void) -> MovieLensSource {
        var source = MovieLensSource(cache: cache)
        if let url = mirror("RECLAB_MOVIELENS_URL", warn: warn) { source.baseURL = url }
        source.labFilesURL = mirror("RECLAB_LAB_FILES_URL", warn: warn)
        return source
    }

    /// Sets `session` up: its data folders, downloads and people (loaded
    /// from the workspace). Returns the warnings to show (a damaged person
    /// file, a bad mirror URL).
    public func configure(_ session: Session) -> [String] {
        var warnings: [String] = []
        session.dataFolders = dataFolders
        session.movieLensSource = movieLensSource { warnings.append($0) }
        session.peopleStore = PeopleStore(folder: peopleFolder)
        warnings += session.loadPeople()
        return warnings
    }

    /// The http(s) URL in the environment variable `name`, if set.
    private func mirror(_ name: String, warn: (String) -> Void) -> URL? {
        guard let value = value(name) else { return nil }
        guard let url = MovieLensSource.baseURL(parsing: value) else {
            warn("ignoring $\(name) '\(value)': not an http:// or https:// URL")
            return nil
        }
        return url
    }

    /// The environment variable `name`, when set and not empty.
    private func value(_ name: String) -> String? {
        environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }
}
