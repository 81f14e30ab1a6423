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
    /// place, so a failed save leaves any existing file as it was.
    ///
    /// - Complexity: O(cells).
    public static func write(_ table: Table, to path: String, cancel: Cancellation = .never) throws(RecLabError) {
        let delimiter: UInt8 = path.lowercased().hasSuffix(".tsv") ? 9 : UInt8(ascii: ",")
        let target = URL(fileURLWithPath: path)
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).reclab-tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
              let handle = try? FileHandle(forWritingTo: temporary) else {
            throw cannotWrite(path)
        }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        do {
            for (c, column) in table.columns.enumerated() {
                if c > 0 { buffer.append(delimiter) }
                appendText(column.name, delimiter: delimiter, to: &buffer)
            }
            buffer.append(10)
            for row in 0..<table.rowCount {
                for (c, column) in table.columns.enumerated() {
                    if c > 0 { buffer.append(delimiter) }
                    appendCell(column, row, delimiter: delimiter, to: &buffer)
                }
                buffer.append(10)
                if buffer.count >= 1 << 20 {
                    try cancel.check()
                    try handle.write(contentsOf: buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            try handle.write(contentsOf: buffer)
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

    static func appendCell(_ column: Column, _ row: Int, delimiter: UInt8, to buffer: inout [UInt8]) {
        if column.isMissing(row) { return }
        switch column.storage {
        case .int32(let v): buffer.append(contentsOf: String(v[row]).utf8)
        case .int64(let v): buffer.append(contentsOf: String(v[row]).utf8)
        case .decimal(let v): buffer.append(contentsOf: exactText(v[row], fractionDigits: column.fractionDigits).utf8)
        case .text(let codes, let dictionary): appendText(dictionary[Int(codes[row])], delimiter: delimiter, to: &buffer)
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
