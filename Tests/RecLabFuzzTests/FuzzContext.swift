import Foundation
@testable import RecLabShell

/// What the generated statements can name: the session's tables, columns,
/// models and people as they are now, and the fuzzer's own files, next to
/// names that exist nowhere.
struct FuzzContext {
    var tables: [String] = []
    var columns: [String: [String]] = [:]
    /// The columns of `_`, the table a verb works on when none is named.
    var lastColumns: [String] = []
    var models: [String] = []
    var people: [String] = []
    /// Movies of the generated `movies` table.
    var movieIds: [Int] = []
    var titles: [String] = []
    /// Files the fuzzer wrote, as the statements should name them.
    var dataFiles: [String] = []
    var scripts: [String] = []
    var modelFiles: [String] = []

    /// A context with nothing in it.
    init() {}

    /// The names in `session` now, with the fuzzer's files and movies.
    init(session: Session, files: FuzzFiles) {
        let ws = session.workspace
        tables = ws.names
        for name in ws.names { columns[name] = ws.tables[name]?.columnNames ?? [] }
        lastColumns = ws.last?.columnNames ?? []
        models = ws.modelNames
        people = session.people.keys.sorted()
        movieIds = files.movies.map(\.id)
        titles = files.movies.map(\.title)
        dataFiles = files.dataFiles
        scripts = files.scripts
        modelFiles = files.modelFiles
    }

    /// Names that exist nowhere but look like ones that do.
    static let missingNames = ["t1", "ratingz", "movie", "nothere", "_x", "x", "mf2", "Ratings", "RATINGS", "user", "me2"]

    /// A table name: mostly one that exists.
    func table(_ random: inout FuzzRandom) -> String {
        if !tables.isEmpty && random.chance(0.8) { return random.pick(tables) }
        return random.chance(0.5) ? "_" : random.pick(Self.missingNames)
    }

    /// A column name: of `table` (the statement's, or `_`) mostly, else of
    /// some table, sometimes as `TABLE.col`.
    func column(_ random: inout FuzzRandom, of table: String? = nil) -> String {
        let own = table.flatMap { columns[$0] } ?? lastColumns
        if !own.isEmpty, random.chance(0.7) { return Self.quotedIfNeeded(random.pick(own)) }
        let owners = tables.filter { !(columns[$0] ?? []).isEmpty }
        guard !owners.isEmpty, random.chance(0.9) else { return random.pick(["count", "mean", "rating", "nope", "year"]) }
        let owner = random.pick(owners)
        let column = random.pick(columns[owner]!)
        return random.chance(0.15) ? "\(owner).\(column)" : Self.quotedIfNeeded(column)
    }

    /// A person: existing, new and valid, or not a valid name.
    func person(_ random: inout FuzzRandom) -> String {
        if !people.isEmpty && random.chance(0.6) { return random.pick(people) }
        return random.pick(["zoe", "me", "a_b-c", "Zz9", "1abc", "-x", "é", "user", "x/y", "..", "a.b"])
    }

    /// A movie: an id, a title in quotes, a word of a title, or nothing known.
    func movie(_ random: inout FuzzRandom) -> String {
        switch random.below(5) {
        case 0, 1: return movieIds.isEmpty ? "1" : String(random.pick(movieIds))
        case 2: return titles.isEmpty ? "\"x\"" : Self.quoted(random.pick(titles))
        case 3: return titles.isEmpty ? "x" : Self.quoted(String(random.pick(titles).prefix(4)))
        default: return random.pick(["0", "-1", "999999", "\"\"", "\"no such movie\"", "9223372036854775807"])
        }
    }

    /// `text` as one token: bare when it lexes as one word, else quoted.
    static func quotedIfNeeded(_ text: String) -> String {
        let plain = !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || "_-.".contains($0) }
        return plain ? text : quoted(text)
    }

    /// `text` in double quotes, its quotes and backslashes escaped.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
