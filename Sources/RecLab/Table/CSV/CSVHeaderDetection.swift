/// The rule ``CSVReader`` uses to decide whether a file's first row is a
/// header when ``CSVHeader/auto`` is asked for.
///
/// The first row is a header when every one of its cells is non-empty,
/// not a number, and different from the others, and moreover
/// - it is the only row, or
/// - some column holds numbers in the rows below (at least one value,
///   all of them numbers: `userId` above `1, 2, 3`), or
/// - no column below is numeric and no first-row cell appears again in
///   its column below (`name,city` above `Alice,Paris`).
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
        for cell in first {
            guard !cell.isEmpty, !isNumber(cell), seen.insert(cell).inserted else { return false }
        }
        let below = rows.dropFirst()
        if below.isEmpty { return true }
        for c in first.indices {
            var present = 0
            var numeric = true
            for row in below where c < row.count && !row[c].isEmpty {
                present += 1
                if !isNumber(row[c]) { numeric = false; break }
            }
            if present > 0, numeric { return true }
        }
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
