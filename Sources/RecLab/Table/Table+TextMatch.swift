import Foundation

extension Table {
    /// The longest one text may take to be searched by `matches` before the
    /// pattern is refused as one that backtracks without end.
    public static let regularExpressionSeconds = 1.0

    /// Flags for `column contains "text"`: a case-insensitive substring test,
    /// made once per distinct text.
    ///
    /// - Throws: ``RecLabError`` when `column` holds numbers.
    /// - Complexity: O(distinct texts × their length) + O(rows).
    func containsMask(_ column: Column, _ needle: String, cancel: Cancellation) throws(RecLabError) -> [Bool] {
        guard case .text(_, let dictionary) = column.storage else {
            throw RecLabError("'contains' needs a text column, but '\(column.name)' holds \(column.type) numbers; use == to compare numbers",
                              subject: column.name)
        }
        let answers = needle.isEmpty
            ? dictionary.map { _ in true }
            : dictionary.map { $0.range(of: needle, options: [.caseInsensitive]) != nil }
        return try maskFromDictionary(column, answers, cancel: cancel)
    }

    /// Flags for `column matches "pattern"`: a regular-expression search
    /// (anywhere in the text unless anchored with `^`/`$`), made once per
    /// distinct text.
    ///
    /// A pattern with nested repeats (`(a+)+b`) can try exponentially many
    /// ways to split a text, so each search polls `cancel` while it runs
    /// (Ctrl-C stops it) and gives up after ``regularExpressionSeconds``.
    ///
    /// - Throws: ``RecLabError`` for an invalid pattern, a numeric column, a
    ///   search that takes too long, or cancellation.
    /// - Complexity: O(distinct texts × match cost) + O(rows).
    func matchesMask(_ column: Column, _ pattern: String, cancel: Cancellation) throws(RecLabError) -> [Bool] {
        guard case .text(_, let dictionary) = column.storage else {
            throw RecLabError("'matches' needs a text column, but '\(column.name)' holds \(column.type) numbers",
                              subject: column.name)
        }
        let search = try BoundedSearch(pattern, seconds: Table.regularExpressionSeconds)
        var answers = [Bool]()
        answers.reserveCapacity(dictionary.count)
        for (k, entry) in dictionary.enumerated() {
            if k & 255 == 0 { try cancel.check() }
            answers.append(try search.finds(in: entry, cancel: cancel))
        }
        return try maskFromDictionary(column, answers, cancel: cancel)
    }
}
