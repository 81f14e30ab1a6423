/// Reads delimited text files (CSV, TSV, MovieLens `::` files) into tables.
///
/// The file is memory-mapped and parsed byte by byte, on all cores for
/// large files. Delimiter, header and column types are detected unless
/// ``CSVOptions`` says otherwise; empty cells are missing values; text
/// that is not valid UTF-8 is read as Latin-1.
public enum CSVReader {
    /// Reads the file at `path`.
    ///
    /// Errors (each a ``RecLabError`` naming the file, and the 1-based line
    /// where there is one): no such file, a directory, an empty or binary
    /// file, a file too big for the free memory, a row with the wrong number
    /// of fields, an unterminated quote (at the line it opened), duplicate
    /// column names, a cell that does not fit an enforced column type, and
    /// ``RecLabError/cancelled`` when `cancel` is triggered.
    ///
    /// - Complexity: O(n) for n bytes, spread over the cores.
    public static func read(path: String, options: CSVOptions = .init(), cancel: Cancellation = .never) throws(RecLabError) -> Table {
        let file = try MappedFile(path: path)
        return try read(file, options: options, cancel: cancel)
    }

    /// How many bytes at the start are sniffed for delimiter, header and types.
    static let sampleBytes = 1 << 16
    /// How far the sample may grow to hold its first lines whole.
    static let sampleLimit = 64 << 20

    /// Where the sniffed sample ends: after ``sampleBytes``, or further when
    /// its first three lines are longer (a header of thousands of long
    /// names, found by the fuzzer: cut inside the header, the sample's last
    /// record was taken for the header and the file refused), at most
    /// ``sampleLimit``.
    ///
    /// - Complexity: O(the sample's length).
    static func sampleEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let plain = min(bytes.count, start + sampleBytes)
        let limit = min(bytes.count, start + sampleLimit)
        var newlines = 0
        var i = start
        while i < limit {
            if bytes[i] == 0x0A {
                newlines += 1
                if newlines == 3 { return max(plain, i + 1) }
            }
            i += 1
        }
        return limit
    }

    static func read(_ file: MappedFile, options: CSVOptions, cancel: Cancellation,
                     parallelThreshold: Int = CSVChunkLayout.parallelThreshold) throws(RecLabError) -> Table {
        let bytes = file.bytes
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        try checkIsText(file, from: start)
        let sampleEnd = sampleEnd(bytes, from: start)
        let sample = UnsafeBufferPointer(rebasing: bytes[start..<sampleEnd])
        let dialect = options.delimiter == .auto
            ? CSVDialect.detect(in: sample, quoting: options.quoting)
            : CSVDialect(options.delimiter, quoting: options.quoting)
        var records = CSVSampleParser(bytes: UnsafeBufferPointer(rebasing: bytes[0..<sampleEnd]), dialect: dialect)
            .records(limit: 1000, from: start)
        if sampleEnd < bytes.count, records.count > 1 { records.removeLast() }  // may be cut short
        guard let first = records.first else { throw RecLabError("empty file", file: file.path) }
        let rowTexts = records.map { $0.fields.map { TextInterner.decode($0).trimmingSpaces() } }
        let hasHeader: Bool
        switch options.header {
        case .present: hasHeader = true
        case .absent: hasHeader = false
        case .auto: hasHeader = CSVHeaderDetection.firstRowIsHeader(rowTexts)
        }
        let fieldCount = first.fields.count
        var names = hasHeader
            ? rowTexts[0].enumerated().map { $1.isEmpty ? "column\($0 + 1)" : $1 }
            : (1...fieldCount).map { "column\($0)" }
        if let given = options.columnNames {
            guard given.count == fieldCount else {
                if !hasHeader {  // A file of a known shape with the wrong number of fields.
                    throw RecLabError("expected \(given.count) \(given.count == 1 ? "field" : "fields"), found \(fieldCount)",
                                      file: file.path, line: line(of: first.start, in: file))
                }
                throw RecLabError("\(given.count) column names given, but the file has \(fieldCount) \(fieldCount == 1 ? "field" : "fields")", file: file.path)
            }
            names = given
        }
        var seen = Set<String>()
        for name in names where !seen.insert(name).inserted {
            throw RecLabError("duplicate column name '\(name)'", file: file.path, line: hasHeader && options.columnNames == nil ? 1 : nil, subject: name)
        }
        let dataRecords = records.dropFirst(hasHeader ? 1 : 0)
        var plans: [CSVColumnPlan] = []
        for (c, name) in names.enumerated() {
            let cells = dataRecords.map { r -> CSVCell in
                guard c < r.fields.count else { return .missing }
                return r.fields[c].withUnsafeBufferPointer { b in
                    b.baseAddress.map { CSVCell.classify($0, b.count) } ?? .missing
                }
            }
            plans.append(CSVColumnPlan(name: name, enforced: options.columnTypes[name], sample: cells))
        }
        let data = (hasHeader ? first.end : start)..<bytes.count
        return try parse(file, data: data, dialect: dialect, plans: plans, parallelThreshold: parallelThreshold, cancel: cancel).table
    }

    /// Parses `data` with `plans`, widening columns and parsing again until
    /// every cell fits; returns the table and how many passes it took.
    ///
    /// - Complexity: O(bytes) per pass, and at most four passes (a pass
    ///   widens every column that needs it, and a kind widens at most three
    ///   times: int32, int64, decimal, text).
    static func parse(_ file: MappedFile, data: Range<Int>, dialect: CSVDialect, plans start: [CSVColumnPlan],
                      parallelThreshold: Int, cancel: Cancellation) throws(RecLabError) -> (table: Table, passes: Int) {
        var plans = start
        var passes = 0
        while true {
            try cancel.check()
            passes += 1
            switch try CSVParseRun(file: file, data: data, dialect: dialect, plans: plans,
                                   parallelThreshold: parallelThreshold, cancel: cancel).run() {
            case .table(let table): return (table, passes)
            case .widen(let columns):
                for (column, kind) in columns { plans[column].kind = max(plans[column].kind, kind) }
            }
        }
    }

    /// Refuses files that are blank or not text: NUL bytes or many control
    /// characters near the start.
    private static func checkIsText(_ file: MappedFile, from start: Int) throws(RecLabError) {
        let bytes = file.bytes
        let head = min(bytes.count, start + sampleBytes)
        var control = 0
        var blank = true
        for i in start..<head {
            let b = bytes[i]
            if b == 0 { throw RecLabError("not a text file (it contains NUL bytes)", file: file.path) }
            if b < 32, b != 9, b != 10, b != 13, b != 12 { control += 1 }
            if blank, b != 32, b != 9, b != 10, b != 13 { blank = false }
        }
        if control * 10 > head - start {
            throw RecLabError("not a text file (it looks like binary data)", file: file.path)
        }
        if blank, head == bytes.count { throw RecLabError("empty file", file: file.path) }
    }

    /// The 1-based line of byte `offset` (newlines before it, plus one).
    static func line(of offset: Int, in file: MappedFile) -> Int {
        1 + ByteCounting.newlines(in: file.base, min(offset, file.count))
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
