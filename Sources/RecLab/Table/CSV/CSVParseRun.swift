/// One attempt at parsing a file's data with fixed column kinds: lays out
/// chunks, parses them on all cores straight into the final column
/// arrays, and assembles the table — or reports that a column must widen.
struct CSVParseRun {
    enum Result {
        case table(Table)
        /// Columns to widen (each to the kind all its cells fit) before
        /// the next run.
        case widen([Int: CSVColumnPlan.Kind])
    }

    /// The arrays a run fills, one per column.
    enum ParsedArray {
        case int32([Int32]), int64([Int64]), decimal([Double])
    }

    let file: MappedFile
    let data: Range<Int>
    let dialect: CSVDialect
    let plans: [CSVColumnPlan]
    /// Data below this many bytes is parsed in one chunk.
    let parallelThreshold: Int
    let cancel: Cancellation

    func run() throws(RecLabError) -> Result {
        let layout = try CSVChunkLayout.make(file: file, data: data, dialect: dialect, threshold: parallelThreshold, cancel: cancel)
        var failure: RecLabError?
        var widen: [Int: CSVColumnPlan.Kind]?
        var outcomes: [CSVChunkOutcome] = []
        var rows = 0
        let arrays = CSVParseRun.withUninitializedArrays(plans.map(\.kind), capacity: layout.totalCapacity) { buffers in
            do throws(RecLabError) {
                switch try parseChunks(layout, buffers) {
                case .parsed(let used, let o):
                    outcomes = o
                    rows = try compactAndRemap(used, o, buffers)
                    return rows
                case .widen(let columns):
                    widen = columns
                }
            } catch {
                failure = error
            }
            return 0
        }
        if let failure { throw failure }
        if let widen { return .widen(widen) }
        return .table(try assemble(arrays, rows: rows, outcomes: outcomes))
    }

    private enum ChunksResult {
        /// The layout actually parsed (one chunk after a fallback) and its outcomes.
        case parsed(CSVChunkLayout, [CSVChunkOutcome])
        case widen([Int: CSVColumnPlan.Kind])
    }

    /// Parses every chunk; falls back to one serial chunk when a chunk's
    /// parse did not end exactly where the next began (a cut inside quotes).
    private func parseChunks(_ layout: CSVChunkLayout, _ buffers: CSVColumnBuffers) throws(RecLabError) -> ChunksResult {
        var rowOffsets = [0]
        for c in layout.capacities { rowOffsets.append((rowOffsets.last ?? 0) + c) }
        let firstRows = rowOffsets
        let name = file.path.split(separator: "/").last.map(String.init) ?? file.path
        let progress = ProgressCounter.make("reading \(name)", total: layout.ranges.reduce(0) { $0 + $1.count }, cancel: cancel)
        let parseOne: @Sendable (Range<Int>) -> CSVChunkOutcome = { [file, dialect, plans, cancel] piece in
            let i = piece.lowerBound
            var parser = CSVChunkParser(file: file, range: layout.ranges[i], dialect: dialect, plans: plans,
                                        buffers: buffers, firstRow: firstRows[i], capacity: layout.capacities[i], cancel: cancel,
                                        progress: progress)
            return parser.run()
        }
        let pieces = layout.ranges.indices.map { $0..<($0 + 1) }
        let outcomes = try Parallel.map(pieces, parseOne)
        // Every chunk's widenings at once, unless a chunk found an error.
        var widenings: [Int: CSVColumnPlan.Kind] = [:]
        for (i, o) in outcomes.enumerated() {
            switch o.status {
            case .complete: continue
            case .cancelled: throw RecLabError.cancelled
            case .widen:
                widenings.merge(o.widenings, uniquingKeysWith: max)
            case .ragged(let offset, let found):
                let expected = plans.count
                throw RecLabError("expected \(expected) \(expected == 1 ? "field" : "fields"), found \(found)",
                                  file: file.path, line: CSVReader.line(of: offset, in: file))
            case .typeMismatch(let offset, let c, let text):
                throw RecLabError("'\(text)' in column \(plans[c].name) is not \(plans[c].requirement)",
                                  file: file.path, line: CSVReader.line(of: offset, in: file), subject: plans[c].name)
            case .endedInsideQuote(let q) where i == outcomes.count - 1:
                throw RecLabError("quoted field opened here is never closed", file: file.path, line: CSVReader.line(of: q, in: file))
            case .endedInsideQuote, .overflow:
                guard layout.ranges.count > 1, let first = layout.ranges.first, let last = layout.ranges.last else {
                    throw RecLabError("internal: more rows than lines", file: file.path)
                }
                let whole = first.lowerBound..<last.upperBound
                let serial = CSVChunkLayout(ranges: [whole], capacities: [layout.totalCapacity])
                return try parseChunks(serial, buffers)
            }
        }
        if !widenings.isEmpty { return .widen(widenings) }
        return .parsed(layout, outcomes)
    }

    /// Closes the gaps left by chunks with fewer rows than room (blank
    /// lines, newlines inside quotes), gives text cells global codes, and
    /// returns the row count.
    private func compactAndRemap(_ layout: CSVChunkLayout, _ outcomes: [CSVChunkOutcome], _ buffers: CSVColumnBuffers) throws(RecLabError) -> Int {
        var roomStart = 0
        var rowStart = 0
        var starts: [Int] = []
        for (i, o) in outcomes.enumerated() {
            starts.append(rowStart)
            if roomStart != rowStart, o.rows > 0 {
                for (c, plan) in plans.enumerated() {
                    let width = plan.kind == .int64 || plan.kind == .decimal ? 8 : 4
                    let p = buffers.pointers[c]
                    (p + rowStart * width).copyMemory(from: p + roomStart * width, byteCount: o.rows * width)
                }
            }
            roomStart += layout.capacities[i]
            rowStart += o.rows
        }
        for (c, plan) in plans.enumerated() where plan.kind == .text && outcomes.count > 1 {
            let global = outcomes[0].interners[c] ?? TextInterner()
            for k in 1..<outcomes.count where outcomes[k].rows > 0 {
                guard let local = outcomes[k].interners[c] else { continue }
                let mapping: [Int32] = (0..<local.count).map { code in
                    local.bytes(of: code).withUnsafeBufferPointer { b in
                        b.baseAddress.map { global.code($0, b.count) } ?? 0
                    }
                }
                let codes = buffers.pointers[c].assumingMemoryBound(to: Int32.self) + starts[k]
                for r in 0..<outcomes[k].rows { codes[r] = mapping[Int(codes[r])] }
            }
        }
        return rowStart
    }
}
