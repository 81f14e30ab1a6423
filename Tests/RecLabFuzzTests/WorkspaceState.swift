import Foundation
import RecLab
@testable import RecLabShell

/// What a failed statement must leave as it was: tables, `_`, models,
/// settings, people, and every file under the fuzzer's folder.
struct WorkspaceState: Equatable {
    var tables: [String]
    var last: String?
    var models: [String]
    var settings: String
    var people: [String]
    var files: [String]

    /// The state of `session` and of the files under `root`; `files`, when
    /// given, is a listing of them known to be current (it is the costly part).
    init(_ session: Session, root: URL, ignoring ignored: Set<String>, files known: [String]? = nil) {
        let ws = session.workspace
        func shape(_ t: Table) -> String { "\(t.rowCount)×\(t.columnNames.joined(separator: ","))" }
        tables = ws.names.map { name in "\(name)=\(ws.tables[name].map(shape) ?? "?")" }
        last = ws.last.map(shape)
        models = ws.modelNames.map { name in
            "\(name)=\(ws.models[name].map { "\($0.model.algorithm) \($0.settingsText)" } ?? "?")\(name == ws.lastModel ? " *" : "")"
        }
        let s = session.settings
        settings = "rows \(s.rows) head \(s.headRows) width \(String(describing: s.width)) precision \(s.precision) timer \(s.timer) seed \(s.seed)"
        people = session.people.values.sorted { $0.name < $1.name }.map { p in
            "\(p.name): \(p.sortedRatings.map { "\($0.movie)=\($0.rating)" }) skipped \(p.skipped.sorted()) blend \(p.blendOf)"
        }
        files = known ?? Self.files(under: root, ignoring: ignored)
    }

    /// Every file and folder under `root`: path, size and modification time.
    ///
    /// A walk with `opendir` and `lstat` rather than FileManager's
    /// enumerator, whose path handling took a quarter of a campaign's time.
    static func files(under root: URL, ignoring ignored: Set<String>) -> [String] {
        var out: [String] = []
        walk(root.path, relative: "", ignoring: ignored, into: &out)
        return out.sorted()
    }

    private static func walk(_ folder: String, relative: String, ignoring ignored: Set<String>, into out: inout [String]) {
        guard let directory = opendir(folder) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let path = relative.isEmpty ? name : relative + "/" + name
            if ignored.contains(path) { continue }
            var info = stat()
            guard lstat(folder + "/" + name, &info) == 0 else { out.append("\(path) ?"); continue }
            // A folder by its name only: a temporary file made and removed
            // again (a write that failed cleanly) changes its time.
            if info.st_mode & S_IFMT == S_IFDIR {
                out.append("\(path)/")
                walk(folder + "/" + name, relative: path, ignoring: ignored, into: &out)
            } else {
                out.append("\(path) \(info.st_mode) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)")
            }
        }
    }

    /// What differs, for the report: the entries gone and the entries new.
    func difference(to other: WorkspaceState) -> String {
        let mine = Mirror(reflecting: self).children, theirs = Mirror(reflecting: other).children
        for (a, b) in zip(mine, theirs) where "\(a.value)" != "\(b.value)" {
            guard let before = a.value as? [String], let after = b.value as? [String] else {
                return "\(a.label ?? "?"): \(String("\(a.value)".prefix(200))) became \(String("\(b.value)".prefix(200)))"
            }
            let gone = before.filter { !after.contains($0) }, new = after.filter { !before.contains($0) }
            return "\(a.label ?? "?"): \(gone.isEmpty ? "" : "gone \(gone.prefix(3)) ")\(new.isEmpty ? "" : "new \(new.prefix(3))")"
        }
        return "?"
    }
}
