import Foundation

/// Paths as people type and read them: `~` and `~/…` mean `$HOME` (as in
/// a shell, which is not always the home of the account: `sudo -E`,
/// containers, CI), and `~NAME/…` another account's home.
public enum UserPath {
    /// The home folder `~` means: `$HOME`, else the account's.
    public static var home: String {
        if let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty { return home }
        return NSHomeDirectory()
    }

    /// `path` with a leading `~` or `~/` replaced by ``home`` (and `~NAME`
    /// by that account's home); any other path as it is.
    public static func expand(_ path: String) -> String {
        guard path.hasPrefix("~") else { return path }
        if path == "~" { return home }
        if path.hasPrefix("~/") { return (home as NSString).appendingPathComponent(String(path.dropFirst(2))) }
        return (path as NSString).expandingTildeInPath
    }

    /// `path` with ``home`` written as `~`, for messages.
    public static func abbreviated(_ path: String) -> String {
        let home = home.hasSuffix("/") ? String(home.dropLast()) : home
        guard !home.isEmpty, home != "/" else { return path }
        if path == home { return "~" }
        if path.hasPrefix(home + "/") { return "~" + path.dropFirst(home.count) }
        return path
    }
}
