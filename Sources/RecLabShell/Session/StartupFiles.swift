import Foundation

/// What `reclab FILE…` makes of its files, and the start-up file a shell
/// runs first: like `duckdb FILE` and `visidata FILE` open data, and
/// `.sqliterc` and `.psqlrc` set a shell up.
public enum StartupFiles {
    /// Extensions of files reclab opens as tables rather than replays.
    static let dataExtensions: Set<String> = ["csv", "tsv", "dat", "data"]

    /// Whether `path` names a data file (`.csv`, `.tsv`, `.dat`, `u.data`,
    /// any case) to load as a table, not a script to replay.
    public static func isDataFile(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return false }
        return dataExtensions.contains(name[name.index(after: dot)...].lowercased())
    }

    /// The cell that opens a data file: `load "PATH"`, bound to the file's
    /// name as `load` does.
    public static func loadCell(_ path: String) -> String {
        "load \(Lexer.quoted(path))"
    }

    /// The start-up file, if there is one: `$XDG_CONFIG_HOME/reclab/init.reclab`
    /// (`~/.config/reclab/init.reclab` when the variable is unset), else
    /// `~/.reclabrc`.
    public static func initFile(environment: [String: String] = ProcessInfo.processInfo.environment,
                                home: String = UserPath.home) -> String? {
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.config"
        let candidates = [config + "/reclab/init.reclab", home + "/.reclabrc"]
        return candidates.first { path in
            var info = stat()
            return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
        }
    }
}
