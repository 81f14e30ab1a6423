/// Where each column's parsed values go: one buffer per column, shared by
/// the workers, each of which writes only its own rows.
struct CSVColumnBuffers: @unchecked Sendable {
    /// Base of column `c`'s buffer: `Int32` for int32 and text codes,
    /// `Int64` for int64, `Double` for decimals.
    var pointers: [UnsafeMutableRawPointer]
}

/// What parsing one chunk came to.
struct CSVChunkOutcome: @unchecked Sendable {
    enum Status {
        case complete
        /// The chunk ended inside a quoted field opened at this offset.
        case endedInsideQuote(quoteOffset: Int)
        /// More records than the chunk has room for: its start was not a
        /// record boundary.
        case overflow
        /// Some columns need a wider kind (``CSVChunkOutcome/widenings``);
        /// the parse must start again.
        case widen
        case ragged(rowOffset: Int, found: Int)
        case typeMismatch(offset: Int, column: Int, text: String)
        case cancelled
    }
    var status: Status = .complete
    var rows = 0
    /// Per column, the chunk-relative rows that are missing.
    var missing: [[Int]]
    /// Per text column, the chunk's own dictionary (codes are local).
    var interners: [TextInterner?]
    /// Per decimal column, the most digits after the point seen.
    var fractionDigits: [Int]
    /// The columns whose cells did not fit their kind, and the kind every
    /// cell of the chunk fits. A column is noted and the chunk goes on, so
    /// one pass finds every column to widen: stopping at the first made a
    /// file whose second line repeats a header of 100,000 names parse
    /// 100,000 times.
    var widenings: [Int: CSVColumnPlan.Kind] = [:]

    /// Notes that column `c` needs at least `kind`.
    mutating func widen(_ c: Int, to kind: CSVColumnPlan.Kind) {
        widenings[c] = max(widenings[c] ?? kind, kind)
    }
}

/// Parses the records of one byte range into the column buffers, starting
/// at row `firstRow`: the hot loop of ``CSVReader``.
///
/// Integers and decimals are parsed as their bytes are scanned, in one
/// pass; anything unusual (quotes, spaces, exponents, long numbers) goes
/// through ``CSVCell/classify(_:_:)``. A cell that does not fit its
/// column's kind is noted, the column's later cells only checked for how
/// wide it must become, and the chunk ends with `.widen`.
struct CSVChunkParser {
    let file: MappedFile
    let range: Range<Int>
    let dialect: CSVDialect
    let plans: [CSVColumnPlan]
    let buffers: CSVColumnBuffers
    let firstRow: Int
    let capacity: Int
    let cancel: Cancellation
    /// Where the bytes parsed are counted for the progress bar (`nil`: nobody listens).
    let progress: ProgressCounter?

    /// Scratch space for unescaping quoted fields.
    private var scratch: [UInt8] = []

    init(file: MappedFile, range: Range<Int>, dialect: CSVDialect, plans: [CSVColumnPlan],
         buffers: CSVColumnBuffers, firstRow: Int, capacity: Int, cancel: Cancellation, progress: ProgressCounter? = nil) {
        self.file = file; self.range = range; self.dialect = dialect; self.plans = plans
        self.buffers = buffers; self.firstRow = firstRow; self.capacity = capacity; self.cancel = cancel
        self.progress = progress
    }

    /// - Complexity: O(bytes in the range).
    mutating func run() -> CSVChunkOutcome {
        let columns = plans.count
        var out = CSVChunkOutcome(missing: Array(repeating: [], count: columns),
                                  interners: plans.map { $0.kind == .text ? TextInterner() : nil },
                                  fractionDigits: Array(repeating: 0, count: columns))
        // A column noted for widening is read as text from then on: its
        // cells go through ``store`` only to learn the kind they need.
        var kinds = plans.map(\.kind)
        let base = file.base
        let end = base + range.upperBound
        var p = base + range.lowerBound
        let delimiter = dialect.delimiter
        let doubleDelimiter = dialect.delimiterLength == 2
        let quote = dialect.quote ?? 0
        let quoting = dialect.quote != nil
        let oneDecimal = CSVChunkParser.oneDecimal
        var row = 0
        var releasedUpTo = range.lowerBound
        var reportedUpTo = range.lowerBound

        /// Whether `q` is a field's end: a delimiter, a line end or the chunk's end.
        @inline(__always) func atTerminator(_ q: UnsafePointer<UInt8>) -> Bool {
            if q == end { return true }
            let b = q[0]
            if b == delimiter { return !doubleDelimiter || (q + 1 < end && q[1] == delimiter) }
            if b == 10 { return true }
            if b == 13 { return q + 1 == end || q[1] == 10 }
            return false
        }

        while p < end {
            if p[0] == 10 { p += 1; continue }
            if p[0] == 13, p + 1 < end, p[1] == 10 { p += 2; continue }
            if row == capacity { out.status = .overflow; return out }
            let rowStart = p
            let r = firstRow + row
            for c in 0..<columns {
                let fieldStart = p
                var handled = false
                switch kinds[c] {
                case .int32, .int64:
                    var negative = false
                    if p < end, p[0] == 45 { negative = true; p += 1 }
                    var value: Int64 = 0
                    var digits = 0
                    while p < end, digits < 18 {
                        let d = p[0] &- 48
                        if d >= 10 { break }
                        value = value &* 10 &+ Int64(d)
                        digits += 1
                        p += 1
                    }
                    if atTerminator(p) {
                        if digits > 0 {
                            if negative { value = -value }
                            if kinds[c] == .int32 {
                                if value >= Int64(Int32.min), value <= Int64(Int32.max) {
                                    buffers.pointers[c].assumingMemoryBound(to: Int32.self)[r] = Int32(truncatingIfNeeded: value)
                                } else {
                                    out.widen(c, to: .int64)
                                    kinds[c] = .text
                                }
                            } else {
                                buffers.pointers[c].assumingMemoryBound(to: Int64.self)[r] = value
                            }
                            handled = true
                        } else if !negative {
                            markMissing(c, r, row, &out)
                            handled = true
                        }
                    }
                case .decimal:
                    var negative = false
                    if p < end, p[0] == 45 { negative = true; p += 1 }
                    var mantissa: Int64 = 0
                    var digits = 0
                    var fraction = 0
                    while p < end, p[0] &- 48 < 10 { mantissa = mantissa &* 10 &+ Int64(p[0] &- 48); digits += 1; p += 1 }
                    if p < end, p[0] == 46 {
                        p += 1
                        while p < end, p[0] &- 48 < 10 { mantissa = mantissa &* 10 &+ Int64(p[0] &- 48); digits += 1; fraction += 1; p += 1 }
                    }
                    if atTerminator(p) {
                        if digits > 0, digits <= 15 {
                            // Short decimals (ratings, prices) come from a table: no division.
                            var value = fraction == 1 && mantissa < 1024 ? oneDecimal[Int(mantissa)]
                                : Double(mantissa) / CSVCell.powersOfTen[fraction]
                            if negative { value = -value }
                            buffers.pointers[c].assumingMemoryBound(to: Double.self)[r] = value
                            if fraction > out.fractionDigits[c] { out.fractionDigits[c] = min(fraction, CSVCell.maxFractionDigits) }
                            handled = true
                        } else if digits == 0, p == fieldStart {
                            markMissing(c, r, row, &out)
                            handled = true
                        }
                    }
                case .text:
                    break
                }
                if !handled {
                    // General path: find the field's bytes (unquoting), then store them.
                    p = fieldStart
                    var quoteOffset = -1
                    let (unescaped, fieldLength, next) = scanField(from: p, end: end, quoting: quoting, quote: quote,
                                                                   atTerminator: atTerminator, openQuote: &quoteOffset)
                    if quoteOffset >= 0 { out.status = .endedInsideQuote(quoteOffset: quoteOffset); return out }
                    p = next
                    let offset = fieldStart - base
                    let failure = unescaped
                        ? scratch.withUnsafeBufferPointer { buffer in
                            store(buffer.baseAddress ?? fieldStart, fieldLength, column: c, kind: kinds[c], row: r,
                                  localRow: row, offset: offset, &out)
                        }
                        : store(fieldStart, fieldLength, column: c, kind: kinds[c], row: r, localRow: row, offset: offset, &out)
                    if case .widen? = failure {
                        kinds[c] = .text
                    } else if let failure {
                        out.status = failure
                        return out
                    }
                }
                // After the field: a delimiter before the next one, a line end after the last.
                if c < columns - 1 {
                    if p < end, p[0] == delimiter, !doubleDelimiter || (p + 1 < end && p[1] == delimiter) {
                        p += dialect.delimiterLength
                    } else {
                        out.status = .ragged(rowOffset: rowStart - base, found: c + 1)
                        return out
                    }
                } else if p < end {
                    if p[0] == 10 { p += 1 }
                    else if p[0] == 13, p + 1 == end || p[1] == 10 { p += p + 1 == end ? 1 : 2 }
                    else {
                        let fields = CSVSampleParser(bytes: UnsafeBufferPointer(start: rowStart, count: end - rowStart), dialect: dialect)
                            .records(limit: 1).first?.fields.count ?? 0
                        out.status = .ragged(rowOffset: rowStart - base, found: fields)
                        return out
                    }
                }
            }
            row += 1
            if row & 0x3FFF == 0 {
                if cancel.isCancelled { out.status = .cancelled; return out }
                let done = p - base
                if done - releasedUpTo >= 1 << 24 {
                    file.releasePages(releasedUpTo..<done)
                    releasedUpTo = done
                }
                if let progress, done - reportedUpTo >= 1 << 23 {
                    progress.add(done - reportedUpTo)
                    reportedUpTo = done
                }
            }
        }
        progress?.add(range.upperBound - reportedUpTo)
        out.rows = row
        if !out.widenings.isEmpty { out.status = .widen }
        return out
    }

    /// `m / 10` for `m < 1024`, correctly rounded.
    static let oneDecimal: [Double] = (0..<1024).map { Double($0) / 10 }

    @inline(__always)
    private func markMissing(_ c: Int, _ r: Int, _ localRow: Int, _ out: inout CSVChunkOutcome) {
        switch plans[c].kind {
        case .int32, .text: buffers.pointers[c].assumingMemoryBound(to: Int32.self)[r] = 0
        case .int64: buffers.pointers[c].assumingMemoryBound(to: Int64.self)[r] = 0
        case .decimal: buffers.pointers[c].assumingMemoryBound(to: Double.self)[r] = 0
        }
        out.missing[c].append(localRow)
    }

    /// Stores a field found by the general path; returns why the chunk must
    /// stop, if it must.
    private func store(_ bytes: UnsafePointer<UInt8>, _ length: Int, column c: Int, kind: CSVColumnPlan.Kind,
                       row r: Int, localRow: Int, offset: Int, _ out: inout CSVChunkOutcome) -> CSVChunkOutcome.Status? {
        if kind == .text, plans[c].kind != .text {
            // Noted for widening: only how wide it must become matters.
            let cell = CSVCell.classify(bytes, length)
            guard let wider = plans[c].widening(for: cell) else {
                return .typeMismatch(offset: offset, column: c, text: TextInterner.decode(UnsafeBufferPointer(start: bytes, count: length)))
            }
            out.widen(c, to: wider)
            return nil
        }
        if kind == .text {
            if length == 0 { markMissing(c, r, localRow, &out); return nil }
            let code = out.interners[c].map { $0.code(bytes, length) } ?? 0
            buffers.pointers[c].assumingMemoryBound(to: Int32.self)[r] = code
            return nil
        }
        let cell = CSVCell.classify(bytes, length)
        switch (cell, kind) {
        case (.missing, _):
            markMissing(c, r, localRow, &out)
            return nil
        case (.integer(let v), .int32) where v >= Int64(Int32.min) && v <= Int64(Int32.max):
            buffers.pointers[c].assumingMemoryBound(to: Int32.self)[r] = Int32(v)
            return nil
        case (.integer(let v), .int64):
            buffers.pointers[c].assumingMemoryBound(to: Int64.self)[r] = v
            return nil
        case (.integer(let v), .decimal):
            buffers.pointers[c].assumingMemoryBound(to: Double.self)[r] = Double(v)
            return nil
        case (.decimal(let d, let digits), .decimal):
            buffers.pointers[c].assumingMemoryBound(to: Double.self)[r] = d
            out.fractionDigits[c] = max(out.fractionDigits[c], digits)
            return nil
        default:
            if let wider = plans[c].widening(for: cell), wider != kind {
                out.widen(c, to: wider)
                return .widen
            }
            return .typeMismatch(offset: offset, column: c, text: TextInterner.decode(UnsafeBufferPointer(start: bytes, count: length)))
        }
    }

    /// Finds the field at `start` and where it ends. An unquoted field is
    /// its bytes in the file (`false`, length, end); a quoted one is put in
    /// ``scratch`` unquoted (outer quotes removed, `""` made `"`; text after
    /// the closing quote kept as it is: `"a"b` is `ab`), giving `true`. Sets
    /// `openQuote` to the quote's offset when the range ends inside quotes.
    private mutating func scanField(from start: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>, quoting: Bool, quote: UInt8,
                                    atTerminator: (UnsafePointer<UInt8>) -> Bool, openQuote: inout Int)
        -> (Bool, Int, UnsafePointer<UInt8>) {
        var p = start
        if !(quoting && p < end && p[0] == quote) {
            while !atTerminator(p) { p += 1 }
            return (false, p - start, p)
        }
        scratch.removeAll(keepingCapacity: true)
        p += 1
        var closed = false
        while p < end {
            if p[0] == quote {
                if p + 1 < end, p[1] == quote { scratch.append(quote); p += 2; continue }
                p += 1
                closed = true
                break
            }
            scratch.append(p[0])
            p += 1
        }
        if !closed {
            openQuote = start - file.base
            return (false, 0, end)
        }
        while !atTerminator(p) { scratch.append(p[0]); p += 1 }
        return (true, scratch.count, p)
    }
}
