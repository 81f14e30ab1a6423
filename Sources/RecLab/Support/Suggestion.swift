/// "Did you mean …?" for names the user mistyped.
public enum Suggestion {
    /// The candidate closest to `word` by edit distance (case-insensitive),
    /// if it is close enough to be a likely typo (at most 3 edits, fewer
    /// for short words); else the shortest candidate that starts with
    /// `word`, if any.
    ///
    /// - Complexity: O(*n* · *k*) per candidate of *n* characters, for *k*
    ///   the edits allowed: only distances up to *k* are worked out, so a
    ///   column name of a million characters costs a pass, not a million
    ///   times the word's length.
    public static func nearest(to word: String, in candidates: [String]) -> String? {
        let lowered = word.lowercased()
        let w = Array(lowered)
        let allowed = max(1, min(3, w.count / 3))
        var best: (name: String, distance: Int)?
        for c in candidates {
            let limit = min(allowed, (best?.distance ?? Int.max) - 1)
            guard limit >= 0, let d = distance(w, Array(c.lowercased()), atMost: limit) else { continue }
            best = (c, d)
            if d == 0 { break }
        }
        if let best { return best.name }
        guard !word.isEmpty else { return nil }
        return candidates.filter { $0.lowercased().hasPrefix(lowered) }.min { $0.count < $1.count }
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

    /// The Levenshtein distance of `a` and `b`, a swap of two adjacent
    /// letters counting one, if it is at most `limit`; else `nil`.
    ///
    /// - Complexity: O(`a.count` · `limit`): only the band of cells within
    ///   `limit` of the diagonal can hold a distance that small.
    static func distance(_ a: [Character], _ b: [Character], atMost limit: Int) -> Int? {
        guard abs(a.count - b.count) <= limit else { return nil }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        let beyond = limit + 1
        var previous2 = [Int](repeating: beyond, count: b.count + 1)
        var previous = (0...b.count).map { min($0, beyond) }
        var current = [Int](repeating: beyond, count: b.count + 1)
        for i in 1...a.count {
            let low = max(1, i - limit), high = min(b.count, i + limit)
            current[0] = min(i, beyond)
            if low > 1 { current[low - 1] = beyond }
            var rowBest = current[0]
            for j in low...high {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var v = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    v = min(v, previous2[j - 2] + 1)
                }
                current[j] = min(v, beyond)
                rowBest = min(rowBest, current[j])
            }
            if high < b.count { current[high + 1] = beyond }
            if rowBest > limit { return nil }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count] <= limit ? previous[b.count] : nil
    }
}
