/// A simple record-at-a-time parser for the first lines of a file, used to
/// detect the delimiter and header and to guess column types. The bulk of
/// the file goes through ``CSVChunkParser``, which is fast but needs these
/// decisions made first.
struct CSVSampleParser {
    /// One record of the sample.
    struct Record {
        /// The fields, unquoted.
        var fields: [[UInt8]]
        /// The offset of the record's first byte.
        var start: Int
        /// The offset just past the record's line end.
        var end: Int
    }

    let bytes: UnsafeBufferPointer<UInt8>
    let dialect: CSVDialect

    /// Up to `limit` records from the start of `bytes`, skipping blank
    /// lines; a record cut by the end of `bytes` is included as it is.
    func records(limit: Int, from start: Int = 0) -> [Record] {
        var result: [Record] = []
        var p = start
        let n = bytes.count
        while p < n, result.count < limit {
            if bytes[p] == 10 { p += 1; continue }
            if bytes[p] == 13, p + 1 < n, bytes[p + 1] == 10 { p += 2; continue }
            let recordStart = p
            var fields: [[UInt8]] = []
            var field: [UInt8] = []
            var inQuotes = false
            var atFieldStart = true
            recordLoop: while p < n {
                let b = bytes[p]
                if inQuotes {
                    if b == dialect.quote {
                        if p + 1 < n, bytes[p + 1] == b { field.append(b); p += 2; continue }
                        inQuotes = false
                    } else {
                        field.append(b)
                    }
                    p += 1
                    continue
                }
                if atFieldStart, let q = dialect.quote, b == q {
                    inQuotes = true
                    atFieldStart = false
                    p += 1
                    continue
                }
                atFieldStart = false
                if b == dialect.delimiter, dialect.delimiterLength == 1 || (p + 1 < n && bytes[p + 1] == b) {
                    fields.append(field)
                    field = []
                    p += dialect.delimiterLength
                    atFieldStart = true
                    continue
                }
                if b == 10 { p += 1; break recordLoop }
                if b == 13, p + 1 == n || bytes[p + 1] == 10 { p += min(2, n - p); break recordLoop }
                field.append(b)
                p += 1
            }
            fields.append(field)
            result.append(Record(fields: fields, start: recordStart, end: p))
        }
        return result
    }
}
