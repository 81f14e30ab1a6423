/// The rule ``CSVReader`` uses to decide whether a file's first row is a
/// header when ``CSVHeader/auto`` is asked for.
///
/// The first row is a header when every one of its cells is non-empty
/// and not a number, and moreover
/// - some column holds numbers in the rows below (at least one value,
///   all of them numbers: `userId` above `1, 2, 3`), or
/// - its cells differ from each other, and it is the only row or no
///   first-row cell appears again in its column below (`name,city` above
///   `Alice,Paris`).
///
/// So a header that repeats a name above numbers (`rating,rating` above
/// `4,5`) is still a header, and the reader reports the duplicate name
/// instead of loading the names as data.
///
/// So `1::Toy Story (1995)::Comedy` (a number in the first row) is data,
/// and `title,genres` above two text columns is a header. A headerless
/// all-text file whose first row happens to look like names is misread;
/// pass ``CSVHeader/absent`` for those.
public enum CSVHeaderDetection {
    /// Whether `rows` (the first rows of a file, cells trimmed) start with a header.
    ///
    /// - Complexity: O(cells in `rows`).
    public static func firstRowIsHeader(_ rows: [[String]]) -> Bool {
        guard let first = rows.first, !first.isEmpty else { return false }
        var seen = Set<String>()
        var distinct = true
        for cell in first {
            guard !cell.isEmpty, !isNumber(cell) else { return false }
            if !seen.insert(cell).inserted { distinct = false }
        }
        let below = rows.dropFirst()
        if below.isEmpty { return distinct }
        for c in first.indices {
            var present = 0
            var numeric = true
            for row in below where c < row.count && !row[c].isEmpty {
                present += 1
                if !isNumber(row[c]) { numeric = false; break }
            }
            if present > 0, numeric { return true }
        }
        guard distinct else { return false }
        for c in first.indices where below.contains(where: { c < $0.count && $0[c] == first[c] }) {
            return false
        }
        return true
    }

    /// Whether a cell reads as a number (see ``CSVCell/classify(_:_:)``).
    static func isNumber(_ cell: String) -> Bool {
        var bytes = Array(cell.utf8)
        return bytes.withUnsafeMutableBufferPointer { b in
            guard let start = b.baseAddress else { return false }
            switch CSVCell.classify(start, b.count) {
            case .integer, .decimal: return true
            case .missing, .text: return false
            }
        }
    }
}
