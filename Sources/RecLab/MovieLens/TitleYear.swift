/// The release year MovieLens writes at the end of a title:
/// `Toy Story (1995)`, `Babylon 5 (1994-1998)`, `Fargo (2014-)`.
public enum TitleYear {
    /// The year in parentheses at the end of `title`, if any. Trailing
    /// spaces are ignored; a range (`(1994-1998)`, `(2007-)`, with a hyphen
    /// or an en dash) gives its first year; years outside 1870–2100 and
    /// titles without one give `nil`.
    ///
    /// - Complexity: O(length of the title's tail).
    public static func year(in title: String) -> Int? {
        var scalars = Substring(title).unicodeScalars
        while let last = scalars.last, last == " " || last == "\t" || last == "\r" { scalars.removeLast() }
        guard scalars.last == ")" else { return nil }
        scalars.removeLast()
        guard let open = scalars.lastIndex(of: "(") else { return nil }
        let inside = Array(scalars[scalars.index(after: open)...])
        guard inside.count >= 4 else { return nil }
        var year = 0
        for s in inside.prefix(4) {
            guard let digit = s.properties.numericType == .decimal ? Int(String(s)) : nil, s.isASCII else { return nil }
            year = year * 10 + digit
        }
        let rest = inside.dropFirst(4)
        if let dash = rest.first {
            guard dash == "-" || dash == "\u{2013}" else { return nil }
            let end = rest.dropFirst()
            guard end.isEmpty || (end.count == 4 && end.allSatisfy { $0.isASCII && ("0"..."9").contains($0) }) else { return nil }
        }
        return (1870...2100).contains(year) ? year : nil
    }

    /// `table` with an integer column `year` (missing where the title has
    /// none) parsed from its text column `titleColumn`; replaces an
    /// existing `year`.
    ///
    /// - Complexity: O(rows + distinct titles).
    public static func addingYear(to table: Table, titleColumn: String = "title") throws(RecLabError) -> Table {
        let titles = try table.requireColumn(titleColumn)
        guard case .text(let codes, let dictionary) = titles.storage else {
            throw RecLabError("column '\(titleColumn)' is not text", subject: titleColumn)
        }
        let yearOfCode = dictionary.map { year(in: $0) }
        var values = [Int32](repeating: 0, count: codes.count)
        var validity = Validity(count: codes.count, allValid: true)
        for (row, code) in codes.enumerated() {
            if !titles.isMissing(row), let y = yearOfCode[Int(code)] {
                values[row] = Int32(y)
            } else {
                validity.set(row, false)
            }
        }
        return try table.adding(Column(name: "year", int32: values, validity: validity))
    }
}
