import Foundation

extension Table {
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
    /// - Throws: ``RecLabError`` for an invalid pattern or a numeric column.
    /// - Complexity: O(distinct texts × match cost) + O(rows).
    func matchesMask(_ column: Column, _ pattern: String, cancel: Cancellation) throws(RecLabError) -> [Bool] {
        guard case .text(_, let dictionary) = column.storage else {
            throw RecLabError("'matches' needs a text column, but '\(column.name)' holds \(column.type) numbers",
                              subject: column.name)
        }
        let regex: Regex<AnyRegexOutput>
        do {
            regex = try Regex(pattern)
        } catch {
            throw RecLabError("invalid regular expression \"\(pattern)\": \(error)", subject: pattern)
        }
        var answers = [Bool]()
        answers.reserveCapacity(dictionary.count)
        for (k, entry) in dictionary.enumerated() {
            if k & 4095 == 0 { try cancel.check() }
            answers.append((try? regex.firstMatch(in: entry)) != nil)
        }
        return try maskFromDictionary(column, answers, cancel: cancel)
    }
}
