extension CSVParseRun {
    /// Allocates one uninitialized array per column, `capacity` rows each,
    /// lets `fill` write them through raw pointers (returning how many rows
    /// it initialized), and returns the arrays without copying them.
    static func withUninitializedArrays(_ kinds: [CSVColumnPlan.Kind], capacity: Int,
                                        _ fill: (CSVColumnBuffers) -> Int) -> [ParsedArray] {
        let room = max(1, capacity)
        let width = { (k: CSVColumnPlan.Kind) in k == .int64 || k == .decimal ? 8 : 4 }
        // Each column is one level of recursion, so that the arrays' own
        // storage is filled without a copy; a file of thousands of columns
        // would overflow the stack, so wide files fill buffers of their own
        // and copy them into arrays.
        guard kinds.count <= recursionLimit else { return withCopiedArrays(kinds, room: room, width: width, fill) }
        var filled = 0
        func level(_ i: Int, _ pointers: [UnsafeMutableRawPointer]) -> [ParsedArray] {
            if i == kinds.count {
                for (pointer, kind) in zip(pointers, kinds) { MappedFile.preferHugePages(pointer, room * width(kind)) }
                filled = fill(CSVColumnBuffers(pointers: pointers))
                return []
            }
            var rest: [ParsedArray] = []
            switch kinds[i] {
            case .int32, .text:
                let a = [Int32](unsafeUninitializedCapacity: room) { b, n in
                    rest = level(i + 1, pointers + [UnsafeMutableRawPointer(b.baseAddress!)])
                    n = filled
                }
                return [.int32(a)] + rest
            case .int64:
                let a = [Int64](unsafeUninitializedCapacity: room) { b, n in
                    rest = level(i + 1, pointers + [UnsafeMutableRawPointer(b.baseAddress!)])
                    n = filled
                }
                return [.int64(a)] + rest
            case .decimal:
                let a = [Double](unsafeUninitializedCapacity: room) { b, n in
                    rest = level(i + 1, pointers + [UnsafeMutableRawPointer(b.baseAddress!)])
                    n = filled
                }
                return [.decimal(a)] + rest
            }
        }
        return level(0, [])
    }

    /// The most columns ``withUninitializedArrays(_:capacity:_:)`` fills in
    /// place (one stack frame each).
    static let recursionLimit = 256

    /// ``withUninitializedArrays(_:capacity:_:)`` for wide files: buffers
    /// allocated apart, filled, then copied into arrays.
    ///
    /// - Complexity: O(columns × rows) more than in place, for the copy.
    private static func withCopiedArrays(_ kinds: [CSVColumnPlan.Kind], room: Int, width: (CSVColumnPlan.Kind) -> Int,
                                         _ fill: (CSVColumnBuffers) -> Int) -> [ParsedArray] {
        let buffers = kinds.map { UnsafeMutableRawPointer.allocate(byteCount: room * width($0), alignment: 8) }
        defer { for buffer in buffers { buffer.deallocate() } }
        let filled = fill(CSVColumnBuffers(pointers: buffers))
        func copy<T>(_ buffer: UnsafeMutableRawPointer, as type: T.Type) -> [T] {
            Array(UnsafeBufferPointer(start: buffer.assumingMemoryBound(to: T.self), count: filled))
        }
        return zip(buffers, kinds).map { buffer, kind in
            switch kind {
            case .int32, .text: return .int32(copy(buffer, as: Int32.self))
            case .int64: return .int64(copy(buffer, as: Int64.self))
            case .decimal: return .decimal(copy(buffer, as: Double.self))
            }
        }
    }

    /// Builds the table's columns from the filled arrays and the chunks'
    /// missing rows, dictionaries and decimal precision.
    func assemble(_ arrays: [ParsedArray], rows: Int, outcomes: [CSVChunkOutcome]) throws(RecLabError) -> Table {
        var starts: [Int] = []
        var s = 0
        for o in outcomes { starts.append(s); s += o.rows }
        var columns: [Column] = []
        for (c, plan) in plans.enumerated() {
            var validity: Validity?
            var missingCount = 0
            for o in outcomes { missingCount += o.missing[c].count }
            if missingCount > 0 {
                var v = Validity(count: rows, allValid: true)
                for (k, o) in outcomes.enumerated() { for r in o.missing[c] { v.set(starts[k] + r, false) } }
                validity = v
            }
            let allMissing = missingCount == rows
            let storage: Column.Storage
            var fractionDigits: Int?
            switch arrays[c] {
            case .int32(let values) where plan.kind == .text:
                let dictionary = outcomes.first?.interners[c]?.strings() ?? []
                storage = .text(codes: values, dictionary: dictionary.isEmpty ? [""] : dictionary)
            case .int32(let values) where allMissing && plan.enforced == nil:
                // No value at all: nothing says the column is numeric.
                storage = .text(codes: values, dictionary: [""])
            case .int32(let values): storage = .int32(values)
            case .int64(let values): storage = .int64(values)
            case .decimal(let values):
                storage = .decimal(values)
                fractionDigits = outcomes.map { $0.fractionDigits[c] }.max() ?? 0
            }
            columns.append(Column(name: plan.name, storage: storage, validity: validity, fractionDigits: fractionDigits))
        }
        return try Table(columns: columns)
    }
}
