import Foundation

/// Tab completion: verbs at the start of a command, then what the verb's
/// forms (``FormNode``) say may come next: its keywords, tables, columns of
/// the tables named, people, models, paths (in the `--data` folders too);
/// movie titles inside double quotes. Where a placeholder's name says too
/// little (models fit for `similar`, genres, a chart's numeric columns,
/// `train`'s settings), the verb says what fills it (``Verb/fills``).
public struct Completer {
    /// The session whose tables and columns are offered.
    public let session: Session

    /// Creates a completer for `session`.
    public init(session: Session) { self.session = session }

    /// The words of filter expressions (`EXPR` in a verb's forms).
    static let expressionWords = ["contains", "matches", "in", "and", "or", "not", "is", "missing"]

    /// The keywords `verb` takes, read from its forms (``FormNode``): the
    /// words after the verb's own (`by`, `of`, `rows`, `asc`), and with
    /// `EXPR` the expression words. For lines the forms cannot follow
    /// (``grammarWords``), so even then `head r` offers `ratings`, not
    /// pivot's `rows`.
    static func keywords(of verb: Verb) -> [String] {
        var words: [String] = []
        for leaf in verb.forms.flatMap({ FormNode.parse($0).afterVerb(verb.name).leaves }) {
            switch leaf {
            case .keyword(let word) where word.first?.isLetter == true: words.append(word)
            case .placeholder("EXPR"): words += expressionWords
            default: break
            }
        }
        var seen = Set<String>()
        return words.filter { seen.insert($0).inserted }
    }

    /// Candidates for `word`, the partial word at the cursor, given the
    /// text of the line `before` it.
    public func complete(word: String, before: String) -> [String] {
        if before.filter({ $0 == "\"" }).count % 2 == 1, let quote = before.lastIndex(of: "\"") {
            // Inside a quoted title: the editor hands over only the last
            // word, so match on everything since the quote and give back
            // the rest of each title from where that word starts.
            let opened = String(before[before.index(after: quote)...])
            let matches = titles(startingWith: opened + word)
            let tails = matches.map { String($0.dropFirst(opened.count)) }
            return tails.count == 1 ? [tails[0] + "\""] : tails
        }
        if word.hasPrefix("\"") {
            let matches = titles(startingWith: String(word.dropFirst()))
            return matches.count == 1 ? ["\"" + matches[0] + "\""] : matches.map { "\"" + $0 }
        }
        let prefix = word
        let tokens = (try? Lexer.tokens(before)) ?? []
        let segmentStart = tokens.lastIndex { $0.isSymbol("|") || $0.isSymbol(";") }.map { $0 + 1 } ?? 0
        var inCommand = tokens[segmentStart...]
        // Skip `NAME [, NAME]... =` binding names; a later `=` is a setting (nbrs=20).
        if let equals = inCommand.firstIndex(where: { $0.isSymbol("=") }),
           inCommand[..<equals].allSatisfy({ $0.kind == .word || $0.isSymbol(",") }),
           inCommand[..<equals].enumerated().allSatisfy({ ($0.offset % 2 == 0) == ($0.element.kind == .word) }) {
            inCommand = inCommand[(equals + 1)...]
        }
        guard let verb = inCommand.first else {
            return matching(Verbs.all.map(\.name), prefix)
        }
        // Everything else by the verb's forms.
        let declared = Session.verbs[verb.text.lowercased()]
        if let declared, let offered = grammarWords(declared, typed: Completer.words(inCommand.dropFirst()), tokens: tokens, prefix: prefix) {
            return offered
        }
        var names = session.workspace.names
        // Columns only for verbs whose forms take one (`head` takes none).
        let takesColumns = declared.map { $0.forms.contains { $0.contains("COL") || $0.contains("EXPR") } } ?? true
        if takesColumns { for table in tablesMentioned(in: tokens) { names += table.columnNames } }
        // Keywords come after the verb's first word (TABLE, or a name).
        if let declared, inCommand.count > 1 { names += Completer.keywords(of: declared) }
        var seen = Set<String>()
        return matching(names.filter { seen.insert($0).inserted }, prefix)
    }

    /// The words typed after the verb, as its forms count them: a
    /// `key = value` setting is one word (`nbrs=20`), as the form's
    /// `key=value` is one placeholder.
    static func words(_ tokens: ArraySlice<Token>) -> [String] {
        var words: [String] = []
        var rest = tokens[...]
        while let token = rest.popFirst() {
            if token.isSymbol("="), let key = words.popLast(), let value = rest.popFirst() {
                words.append(key + "=" + value.text)
            } else {
                words.append(token.text)
            }
        }
        return words
    }

    /// What may come next by `verb`'s forms after the words `typed`: each
    /// keyword as it is, each placeholder filled with what it names
    /// (tables, columns of the tables named, people, models, algorithms,
    /// paths, verbs); `nil` when the words follow none of the forms.
    private func grammarWords(_ verb: Verb, typed: [String], tokens: [Token], prefix: String) -> [String]? {
        let forms = verb.forms.map { FormNode.parse($0).afterVerb(verb.name) }
        let reserved = Set(forms.flatMap(\.leaves).compactMap { leaf -> String? in
            guard case .keyword(let word) = leaf, word.first?.isLetter == true else { return nil }
            return word.lowercased()
        })
        let next = forms.flatMap { $0.next(after: typed, reserved: reserved) }
        guard !next.isEmpty else { return nil }
        var words: [String] = []
        for node in next {
            switch node {
            case .keyword(let word): words.append(word)
            case .placeholder(let name):
                // Models and people already named are not offered again (`compare a b`, `blend x y`).
                let named = ["MODEL", "PERSON"].contains(name) ? Set(typed) : []
                words += candidates(for: name, of: verb, typed: typed, tokens: tokens, prefix: prefix).filter { !named.contains($0) }
            default: break
            }
        }
        var seen = Set<String>()
        return matching(words.filter { seen.insert($0).inserted }, prefix)
    }

    /// What a placeholder of a form (`TABLE`, `COL`, `PERSON`, …) is
    /// filled with: what the verb declares for it (``Verb/fills``), else
    /// what its name says. A path with an extension (`PATH.svg`) is a file
    /// to write, so it is looked for here only, not in the `--data` folders.
    private func candidates(for placeholder: String, of verb: Verb, typed: [String], tokens: [Token], prefix: String) -> [String] {
        let ws = session.workspace
        if let fill = verb.fills[placeholder] {
            return filled(fill, typed: typed, tokens: tokens)
        }
        let parts = placeholder.split(separator: ".")
        if parts.first == "PATH", parts.count > 1 { return paths(startingWith: prefix) }
        switch parts.first.map(String.init) ?? placeholder {
        case "TABLE", "LEFT", "RIGHT": return ws.names
        case "COL", "X", "Y": return tablesMentioned(in: tokens).flatMap(\.columnNames)
        case "EXPR": return tablesMentioned(in: tokens).flatMap(\.columnNames) + Completer.expressionWords
        case "PERSON": return session.people.keys.sorted()
        case "WHO": return session.people.keys.sorted() + ["user"]
        case "MODEL": return ws.modelNames
        case "ALGO": return Algorithm.all.map(\.name)
        case "NAME": return ws.names + ws.modelNames
        case "VERB": return Verbs.all.map(\.name)
        case "PATH": return dataPaths(startingWith: prefix)
        default: return []
        }
    }

    /// What a verb's declared fill offers.
    private func filled(_ fill: PlaceholderFill, typed: [String], tokens: [Token]) -> [String] {
        let ws = session.workspace
        switch fill {
        case .models(let accepts):
            return ws.modelNames.filter { ws.models[$0].map { accepts($0.model) } ?? false }
        case .numericColumns:
            return tablesMentioned(in: tokens).flatMap { t in t.columns.filter { $0.type != .text }.map(\.name) }
        case .algorithmSettings:
            let algorithm = typed.first.flatMap { name in Algorithm.all.first { $0.name == name.lowercased() } }
            return algorithm?.settings.map { $0.key + "=" } ?? []
        case .genres:
            return ws.tables["movies"].flatMap { try? MovieLookup(movies: $0) }?.allGenres ?? []
        }
    }

    /// The longest prefix all candidates share.
    public static func commonPrefix(_ candidates: [String]) -> String {
        guard var prefix = candidates.first else { return "" }
        for c in candidates.dropFirst() {
            while !c.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }

    private func matching(_ candidates: [String], _ prefix: String) -> [String] {
        candidates.filter { $0.hasPrefix(prefix) }
    }

    /// The tables whose columns make sense here: those named in the line,
    /// else the last result.
    private func tablesMentioned(in tokens: [Token]) -> [Table] {
        let named = tokens.compactMap { session.workspace.tables[$0.text] }
        if !named.isEmpty { return named }
        return session.workspace.last.map { [$0] } ?? []
    }

    /// Titles of the `movies` table that start with `prefix`
    /// (case-insensitive), at most 100.
    private func titles(startingWith prefix: String) -> [String] {
        guard let movies = session.workspace.tables["movies"], let titles = movies.column(named: "title"),
              case .text(_, let dictionary) = titles.storage else { return [] }
        let lower = prefix.lowercased()
        return Array(dictionary.filter { $0.lowercased().hasPrefix(lower) }.sorted().prefix(100))
    }

    /// Files and folders starting with `prefix` where `load` looks: here,
    /// then (for a relative path) in each `--data` folder, as `load` and
    /// `rate … from` find them.
    private func dataPaths(startingWith prefix: String) -> [String] {
        var found = paths(startingWith: prefix)
        if !UserPath.expand(prefix).hasPrefix("/") {
            for folder in session.dataFolders { found += paths(startingWith: prefix, in: folder.path) }
        }
        var seen = Set<String>()
        return found.filter { seen.insert($0).inserted }
    }

    /// Files and folders starting with `prefix` (folders end in `/`), a
    /// relative `prefix` taken from `base` (default: the current folder).
    private func paths(startingWith prefix: String, in base: String? = nil) -> [String] {
        var expanded = UserPath.expand(prefix)
        if let base, !expanded.hasPrefix("/") { expanded = base + "/" + expanded }
        let folder = expanded.hasSuffix("/") ? expanded : (expanded as NSString).deletingLastPathComponent
        let stem = expanded.hasSuffix("/") ? "" : (expanded as NSString).lastPathComponent
        let shownFolder = prefix.hasSuffix("/") ? prefix : (prefix as NSString).deletingLastPathComponent
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder) else { return [] }
        return entries.filter { $0.hasPrefix(stem) && !$0.hasPrefix(".") }.sorted().map { entry in
            var isDirectory: ObjCBool = false
            let full = (folder.isEmpty ? entry : folder + "/" + entry)
            _ = FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory)
            let shown = shownFolder.isEmpty ? entry : (shownFolder.hasSuffix("/") ? shownFolder + entry : shownFolder + "/" + entry)
            return isDirectory.boolValue ? shown + "/" : shown
        }
    }
}
