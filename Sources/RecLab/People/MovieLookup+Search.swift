extension MovieLookup {
    /// The movies whose titles `text` may mean, for `find`: those its
    /// title steps match (ignoring the year and an article, or by words),
    /// and near misses — every word of `text` is a word of the title, the
    /// start of one (`godf`), or a typo of one (`godfahter`).
    ///
    /// - Complexity: O(*n* · *w*) for *n* movies and *w* words per title:
    ///   a typo is looked for with a banded edit distance.
    public func search(_ text: String) -> [Movie] {
        let wanted = MovieLookup.words(text).sorted()
        let key = TitleKey(text).text
        guard !wanted.isEmpty || !key.isEmpty else { return [] }
        var found: [Movie] = []
        for i in titles.indices {
            let title = titles[i]
            if !key.isEmpty, TitleKey(title).text == key {
                found.append(movie(at: i))
                continue
            }
            let words = MovieLookup.words(title)
            if !wanted.isEmpty, wanted.allSatisfy({ MovieLookup.nearlyHas(words, $0) }) {
                found.append(movie(at: i))
            }
        }
        return found
    }

    /// Whether `words` has `word`, a word starting with it, or one a typo
    /// away (one edit for words of up to 7 letters, two beyond).
    private static func nearlyHas(_ words: Set<String>, _ word: String) -> Bool {
        if words.contains(word) { return true }
        if words.contains(where: { $0.hasPrefix(word) }) { return true }
        guard word.count >= 4 else { return false }
        let allowed = word.count <= 7 ? 1 : 2
        let letters = Array(word)
        return words.contains { candidate in
            abs(candidate.count - letters.count) <= allowed
                && Suggestion.distance(letters, Array(candidate), atMost: allowed) != nil
        }
    }
}
