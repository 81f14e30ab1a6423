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
    /// The error for a file that cannot be created at `path`, saying why:
    /// its folder is missing, is not a folder, or is not writable.
    public static func cannotWrite(_ path: String) -> RecLabError {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        let reason: String
        if !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            reason = "no such folder \(folder)"
        } else if !isDirectory.boolValue {
            reason = "\(folder) is not a folder"
        } else if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            reason = "it is a folder"
        } else {
            reason = "no permission to write in \(folder)"
        }
        return RecLabError("cannot write here (\(reason))", file: path)
    }

    /// Writes `table` to `path` (tab-separated when the path ends in
    /// `.tsv`). The file is written beside the target and renamed into
    /// place, so a failed save leaves any existing file as it was. Blocks
    /// of rows are formatted on all cores and written in order; the rows
    /// written are reported to `cancel` (`writing NAME`), which also stops
    /// the save (leaving no file behind).
    ///
    /// - Complexity: O(cells), spread over the cores.
    public static func write(_ table: Table, to path: String, cancel: Cancellation = .never) throws(RecLabError) {
        let delimiter: UInt8 = path.lowercased().hasSuffix(".tsv") ? 9 : UInt8(ascii: ",")
        let target = URL(fileURLWithPath: path)
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).reclab-tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
              let handle = try? FileHandle(forWritingTo: temporary) else {
            throw cannotWrite(path)
        }
        do {
            var header: [UInt8] = []
            for (c, column) in table.columns.enumerated() {
                if c > 0 { header.append(delimiter) }
                appendText(column.name, delimiter: delimiter, to: &header)
            }
            header.append(10)
            try handle.write(contentsOf: header)
            let formatter = CSVRowFormatter(table, delimiter: delimiter)
            let stage = "writing \(target.lastPathComponent)"
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
                for text in texts { try handle.write(contentsOf: text) }
                start = end
                if rows > round { cancel.report(stage, fraction: Double(start) / Double(rows)) }
            }
            try handle.close()
            guard rename(temporary.path, target.path) == 0 else {
                throw RecLabError("cannot write (\(String(cString: strerror(errno))))", file: path)
            }
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(at: temporary)
            if let error = error as? RecLabError { throw error }
            throw RecLabError("cannot write (\(error.localizedDescription))", file: path)
        }
    }

    /// The decimal as text that reads back as exactly the same number.
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
