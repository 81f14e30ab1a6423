/// How the data part of a file is cut into chunks that are parsed at the
/// same time, each with room for exactly as many rows as it has lines.
///
/// Cuts are made just after a newline. In a file with quotes, a newline
/// may be inside a quoted field, so the quotes before each cut are counted
/// (in parallel) and a cut is made only at a newline where that count is
/// even. Quotes that are literal text (`5" floppy`) can still fool this,
/// so ``CSVReader`` checks that each chunk's parse ends exactly at the
/// next cut and parses the whole file serially when one does not.
struct CSVChunkLayout {
    /// The byte range of each chunk, covering the data in order.
    var ranges: [Range<Int>]
    /// The most rows each chunk can hold: its newlines, plus one when it
    /// does not end with a newline.
    var capacities: [Int]

    /// Below this many bytes of data a file is parsed in one chunk.
    static let parallelThreshold = 4 << 20

    /// - Complexity: O(n / cores) for n bytes: one counting pass.
    /// Lays out chunks for the bytes `data` of `file`; data smaller than
    /// `threshold` bytes is one chunk (tests lower it).
    static func make(file: MappedFile, data: Range<Int>, dialect: CSVDialect, threshold: Int = parallelThreshold,
                     cancel: Cancellation) throws(RecLabError) -> CSVChunkLayout {
        let base = file.base
        let parts = data.count < threshold ? 1 : max(2, Parallel.coreCount * 4)
        if parts == 1 { return single(file: file, data: data) }
        // Raw cuts at equal byte offsets, then per raw piece: newlines and quotes.
        let raw = (0...parts).map { data.lowerBound + data.count * $0 / parts }
        let quote = dialect.quote ?? 10
        let counts: [(newlines: Int, quotes: Int)] = try Parallel.map((0..<parts).map { $0..<($0 + 1) }) {
            (piece) throws(RecLabError) in
            let i = piece.lowerBound
            try cancel.check()
            let c = ByteCounting.count(10, quote, in: file.base + raw[i], raw[i + 1] - raw[i])
            file.releasePages(raw[i]..<raw[i + 1])
            return (c.0, dialect.quote == nil ? 0 : c.1)
        }
        let anyQuotes = counts.contains { $0.quotes > 0 }
        // Cut points: the first newline after each raw cut that is outside quotes.
        var cuts = [data.lowerBound]
        var quotesBefore = 0
        for i in 1..<parts {
            quotesBefore += counts[i - 1].quotes
            var p = max(raw[i], cuts[i - 1])
            var inQuotes = anyQuotes && quotesBefore % 2 == 1 && p == raw[i]
            while p < data.upperBound {
                let b = base[p]
                if b == quote, anyQuotes { inQuotes.toggle() }
                p += 1
                if b == 10, !inQuotes { break }
            }
            cuts.append(min(p, data.upperBound))
        }
        cuts.append(data.upperBound)
        // Newlines before an offset: whole raw pieces plus a counted remainder.
        var piecePrefix = [0]
        for c in counts { piecePrefix.append((piecePrefix.last ?? 0) + c.newlines) }
        func newlinesBefore(_ x: Int) -> Int {
            var i = parts
            while i > 0, raw[i] > x { i -= 1 }
            if i == parts { return piecePrefix[parts] }
            return piecePrefix[i] + ByteCounting.newlines(in: base + raw[i], x - raw[i])
        }
        var layout = CSVChunkLayout(ranges: [], capacities: [])
        for i in 0..<parts where cuts[i] < cuts[i + 1] {
            let range = cuts[i]..<cuts[i + 1]
            let endsWithNewline = base[range.upperBound - 1] == 10
            layout.ranges.append(range)
            layout.capacities.append(newlinesBefore(range.upperBound) - newlinesBefore(range.lowerBound) + (endsWithNewline ? 0 : 1))
        }
        return layout
    }

    /// One chunk for all the data.
    static func single(file: MappedFile, data: Range<Int>) -> CSVChunkLayout {
        guard !data.isEmpty else { return CSVChunkLayout(ranges: [], capacities: []) }
        let newlines = ByteCounting.newlines(in: file.base + data.lowerBound, data.count)
        let endsWithNewline = file.base[data.upperBound - 1] == 10
        return CSVChunkLayout(ranges: [data], capacities: [newlines + (endsWithNewline ? 0 : 1)])
    }

    /// The total row capacity.
    var totalCapacity: Int { capacities.reduce(0, +) }
}
