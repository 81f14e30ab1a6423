import Foundation
import RecLabShell

/// Where reclab keeps its files.
enum Paths {
    private static var environment: [String: String] { ProcessInfo.processInfo.environment }
    private static var home: String { UserPath.home }

    /// `$XDG_CACHE_HOME/reclab` or `~/.cache/reclab`: downloaded releases.
    static var cache: URL {
        let base = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.cache"
        return URL(fileURLWithPath: base + "/reclab")
    }

    /// `WORKSPACE/people`, by default `~/.reclab/people`: one file per person.
    static func people(workspace: String?) -> URL {
        let base = workspace.map(UserPath.expand) ?? home + "/.reclab"
        return URL(fileURLWithPath: base).appendingPathComponent("people")
    }

    /// `$XDG_STATE_HOME/reclab/history` or `~/.reclab/history`, with its
    /// folder created; `nil` when it can't be.
    static var historyFile: String? {
        let folder = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 + "/reclab" } ?? home + "/.reclab"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            return nil
        }
        return folder + "/history"
    }
}

