import Foundation
import Testing
@testable import RecLabShell

/// What a failed cell must leave as it was: the tables, `_`, the settings.
struct WorkspaceSnapshot: Equatable, CustomStringConvertible {
    var names: [String]
    var shapes: [String]
    var last: String?
    var settings: String
    var models: [String]
    var people: [String]

    init(_ session: Session) {
        let ws = session.workspace
        names = ws.names
        shapes = ws.names.map { name in ws.tables[name].map { "\($0.rowCount)×\($0.columnNames.joined(separator: ","))" } ?? "?" }
        last = ws.last.map { "\($0.rowCount)×\($0.columnNames.joined(separator: ","))" }
        let s = session.settings
        models = ws.modelNames.map { name in
            ws.models[name].map { "\(name)=\($0.model.algorithm) \($0.settingsText)\(name == ws.lastModel ? " *" : "")" } ?? "?"
        }
        people = session.people.values.sorted { $0.name < $1.name }.map { person in
            "\(person.name): \(person.sortedRatings.map { "\($0.movie)=\($0.rating)" }.joined(separator: ",")) "
                + "skipped \(person.skipped.sorted()) blend of \(person.blendOf)"
        }
        settings = "rows \(s.rows) head \(s.headRows) width \(s.width.map(String.init) ?? "auto") precision \(s.precision) timer \(s.timer) seed \(s.seed)"
    }

    var description: String { "tables \(zip(names, shapes).map { "\($0)=\($1)" }) _=\(last ?? "nil") \(settings) models \(models) people \(people)" }
}

/// A fresh temporary folder, removed when the value is released.
final class TempFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("reclab-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `text` to `name` in the folder; returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Data(text.utf8))
    }

    /// Writes `bytes` to `name` in the folder; returns its path.
    @discardableResult
    func write(_ name: String, _ bytes: Data) throws -> String {
        let file = url.appendingPathComponent(name)
        try bytes.write(to: file)
        return file.path
    }

    /// The path of `name` in the folder (which need not exist).
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

extension SessionHarness {
    /// A session with MovieLens small loaded and `_` set to a 7-row head
    /// of ratings, so a change to `_` shows.
    static func withMovieLens() throws -> SessionHarness {
        let h = SessionHarness()
        let loaded = h.run("load movielens small")
        try #require(!loaded.contains("error"), "\(loaded)")
        let head = h.run("head ratings 7")
        try #require(!head.contains("error"), "\(head)")
        return h
    }

    /// Runs `line`, which must fail with one line of message satisfying
    /// `check`, blaming `word` (the exact text under the caret) when given,
    /// printing nothing and changing nothing. Returns the message.
    @discardableResult
    func refuses(_ line: String, blaming word: String? = nil,
                 sourceLocation: SourceLocation = #_sourceLocation,
                 _ check: (String) -> Bool) -> String? {
        let before = WorkspaceSnapshot(session)
        guard let error = failure(line) else {
            Issue.record("'\(line)' succeeded:\n\(printed.prefix(500))", sourceLocation: sourceLocation)
            return nil
        }
        #expect(!error.message.contains("\n"), "several lines: \(error.message)", sourceLocation: sourceLocation)
        #expect(!error.message.isEmpty, sourceLocation: sourceLocation)
        #expect(check(error.message), "message: \(error.message)", sourceLocation: sourceLocation)
        if let word {
            let chars = Array(line)
            if let range = error.range, range.lowerBound >= 0, range.upperBound <= chars.count {
                #expect(String(chars[range]) == word, "caret under '\(String(chars[range]))', not '\(word)': \(error.message)",
                        sourceLocation: sourceLocation)
            } else {
                Issue.record("no caret (range \(String(describing: error.range))) for: \(error.message)", sourceLocation: sourceLocation)
            }
        }
        #expect(printed.isEmpty, "printed before failing: \(printed)", sourceLocation: sourceLocation)
        #expect(WorkspaceSnapshot(session) == before, sourceLocation: sourceLocation)
        return error.message
    }

    /// ``refuses(_:blaming:sourceLocation:_:)`` with the exact message.
    @discardableResult
    func refuses(_ line: String, blaming word: String? = nil, with message: String,
                 sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        refuses(line, blaming: word, sourceLocation: sourceLocation) { $0 == message }
    }
}
