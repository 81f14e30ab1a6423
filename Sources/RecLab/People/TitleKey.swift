/// A movie title as a person types it: lowercased, without the year and
/// without a leading or trailing article, spaces collapsed.
///
/// MovieLens writes "Godfather, The (1972)" and "Matrix, The (1999)";
/// people type "The Godfather", "godfather" and "the matrix". All of them
/// have the key `godfather` or `matrix`.
struct TitleKey: Equatable {
    /// The key.
    let text: String

    /// Articles MovieLens moves to the end of a title (", The", ", Les"),
    /// and people put first.
    static let articles: Set<String> = ["the", "a", "an", "la", "le", "les", "l'", "el", "il", "los", "las", "das", "der", "die"]

    /// The key of `title`.
    init(_ title: String) {
        var words = title.lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
        // A year at the end: "(1995)", "(1992-2003)", "(2007–)".
        if let last = words.last, last.hasPrefix("("), last.hasSuffix(")"),
           last.dropFirst().dropLast().allSatisfy({ $0.isNumber || $0 == "-" || $0 == "–" }),
           last.contains(where: \.isNumber) {
            words.removeLast()
        }
        // A trailing article: "Godfather, The".
        if words.count >= 2, let last = words.last, TitleKey.articles.contains(last),
           words[words.count - 2].hasSuffix(",") {
            words.removeLast()
            words[words.count - 1].removeLast()
        }
        // A leading article: "The Godfather".
        if words.count >= 2, let first = words.first, TitleKey.articles.contains(first) {
            words.removeFirst()
        }
        text = words.joined(separator: " ")
    }

    /// Whether `title` may have the key `key`: a cheap test (its first
    /// significant bytes appear in the title, in any case) that rules out
    /// almost every title before its key is made.
    static func mayMatch(_ title: String, _ key: String) -> Bool {
        let probe = key.prefix(while: { $0 != " " }).prefix(6)
        return MovieLookup.mayContain(title, Array(probe.utf8), Array(probe.uppercased().utf8))
    }
}
