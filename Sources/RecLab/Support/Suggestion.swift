/// "Did you mean …?" for names the user mistyped.
public enum Suggestion {
    /// The candidate closest to `word` by edit distance (case-insensitive),
    /// if it is close enough to be a likely typo.
    public static func nearest(to word: String, in candidates: [String]) -> String? {
        let w = Array(word.lowercased())
        var best: (String, Int)?
        for c in candidates {
            let d = distance(w, Array(c.lowercased()))
            if d < (best?.1 ?? Int.max) { best = (c, d) }
        }
        guard let (name, d) = best else { return nil }
        let allowed = max(1, min(3, w.count / 3))
        if d <= allowed { return name }
        if name.lowercased().hasPrefix(word.lowercased()) && !word.isEmpty { return name }
        return nil
    }

    /// `unknown KIND 'word'` followed by ``hint(for:among:plural:whenEmpty:)``.
    public static func unknown(_ kind: String, _ word: String, among candidates: [String],
                               plural: String, whenEmpty: String? = nil) -> String {
        "unknown \(kind) '\(word)'" + hint(for: word, among: candidates, plural: plural, whenEmpty: whenEmpty)
    }

    /// What to add after "no such thing": `; did you mean 'x'?` when a
    /// candidate is close, else the candidates listed (` (columns: a, b)`),
    /// or `whenEmpty` in parentheses when there are none.
    public static func hint(for word: String, among candidates: [String], plural: String, whenEmpty: String? = nil) -> String {
        if let near = nearest(to: word, in: candidates) { return "; did you mean '\(near)'?" }
        if candidates.isEmpty { return whenEmpty.map { " (\($0))" } ?? "" }
        return " (\(plural): \(list(candidates)))"
    }

    /// The most names ``list(_:)`` writes out.
    public static let listedNames = 20

    /// `a, b, c`, or the first ``listedNames`` and `… and 9,705 more`: a
    /// pivot's 9,725 columns would otherwise fill the screen with one error.
    public static func list(_ names: [String]) -> String {
        guard names.count > listedNames else { return names.joined(separator: ", ") }
        return names.prefix(listedNames).joined(separator: ", ") + ", … and \((names.count - listedNames).groupedDigits) more"
    }

    /// Levenshtein distance, with a swap of two adjacent letters counting one.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var v = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    v = min(v, previous2[j - 2] + 1)
                }
                current[j] = v
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
