import Foundation

/// Writes tables as CSV (`save TABLE PATH`).
///
/// A header row of column names, then one line per row, `\n` line ends.
/// Text is quoted when it holds the delimiter, a quote, a line break or
/// leading/trailing spaces (quotes doubled inside); missing cells are
/// empty; decimals are written exactly: with the column's
/// ``Column/fractionDigits`` when that reads back as the same number, else
/// in the shortest form that does. Reading the file back with
/// ``CSVReader`` gives the same table, except that text that looks like a
/// number (`007`) reads back as a number.
public enum CSVWriter {
    /// Writes `table` to `path` (tab-separated when the path ends in
    /// `.tsv`) through ``AtomicFile``: written beside the real file,
    /// flushed, and renamed into place, so a failed save leaves what was
    /// at the path as it was, and what must not be replaced (a FIFO, a
    /// device, a read-only file) is refused. Blocks of rows are formatted
    /// on all cores and written in order; the rows written are reported to
    /// `cancel` (`writing NAME`), which also stops the save (leaving no
    /// file behind).
    ///
    /// - Complexity: O(cells), spread over the cores.
    public static func write(_ table: Table, to path: String, cancel: Cancellation = .never) throws(RecLabError) {
        let delimiter: UInt8 = path.lowercased().hasSuffix(".tsv") ? 9 : UInt8(ascii: ",")
        try AtomicFile.write(to: path) { (file) throws(RecLabError) in
            var header: [UInt8] = []
            for (c, column) in table.columns.enumerated() {
                if c > 0 { header.append(delimiter) }
                appendText(column.name, delimiter: delimiter, to: &header)
            }
            header.append(10)
            try file.write(header)
            let formatter = CSVRowFormatter(table, delimiter: delimiter)
            let stage = "writing \((path as NSString).lastPathComponent)"
            let rows = table.rowCount
            let block = 1 << 16
            let round = block * max(2, Parallel.coreCount * 2)
            if rows > round { cancel.report(stage, fraction: 0) }
            var start = 0
            while start < rows {
                try cancel.check()
                let end = min(rows, start + round)
                let blocks = stride(from: start, to: end, by: block).map { $0 ..< min(end, $0 + block) }
                let texts = Parallel.collect(blocks.indices.map { $0 ..< $0 + 1 }) { which in
                    formatter.format(blocks[which.lowerBound])
                }
                for text in texts { try file.write(text) }
                start = end
                if rows > round { cancel.report(stage, fraction: Double(start) / Double(rows)) }
            }
        }
    }

    /// The decimal as text that reads back as exactly the same number.
    /// The header and rows `rows` of `table` as CSV bytes (tab-separated
    /// with `delimiter` 9), exactly as ``write(_:to:cancel:)`` writes
    /// them: for `save TABLE -` and the shell's `set mode csv`.
    ///
    /// - Complexity: O(cells in `rows`).
    public static func bytes(_ table: Table, rows: Range<Int>? = nil, delimiter: UInt8 = UInt8(ascii: ",")) -> [UInt8] {
        var out: [UInt8] = []
        for (c, column) in table.columns.enumerated() {
            if c > 0 { out.append(delimiter) }
            appendText(column.name, delimiter: delimiter, to: &out)
        }
        out.append(10)
        let range = (rows ?? 0..<table.rowCount).clamped(to: 0..<table.rowCount)
        if !range.isEmpty { out += CSVRowFormatter(table, delimiter: delimiter).format(range) }
        return out
    }

    static func exactText(_ value: Double, fractionDigits: Int?) -> String {
        if let digits = fractionDigits, value.isFinite {
            let fixed = value.formatted(fractionDigits: max(1, digits))
            if Double(fixed) == value { return fixed }
        }
        return value.isFinite ? "\(value)" : ""
    }

    static func appendText(_ text: String, delimiter: UInt8, to buffer: inout [UInt8]) {
        let utf8 = text.utf8
        let needsQuotes = utf8.contains { $0 == delimiter || $0 == 34 || $0 == 10 || $0 == 13 }
            || utf8.first == 32 || utf8.last == 32
        guard needsQuotes else { buffer.append(contentsOf: utf8); return }
        buffer.append(34)
        for b in utf8 {
            buffer.append(b)
            if b == 34 { buffer.append(34) }
        }
        buffer.append(34)
    }
}
