/// The right side of a join, indexed by key: for each distinct key (a
/// "slot"), the right rows holding it, in right order; and for each left
/// row, the slot of its key (or -1 when no right row has it).
struct JoinIndex: Sendable {
    /// The first right row of each slot, or -1.
    let firstRow: [Int32]
    /// The next right row with the same key as this one, or -1.
    let nextRow: [Int32]
    /// The slot of each left row's key, or -1 (missing key, or no match).
    let leftSlots: [Int32]

    /// Indexes `right` and looks up every key of `left`.
    ///
    /// - Throws: ``RecLabError`` when one key is text and the other numbers.
    /// - Complexity: O(left rows + right rows); integer keys of a compact
    ///   range use an array indexed by key, others a hash map.
    init(left: Column, right: Column, cancel: Cancellation) throws(RecLabError) {
        let rightSlots: [Int32], slotCount: Int
        switch (left.type, right.type) {
        case (.integer, .integer):
            if let (low, high) = try right.integerRange(cancel: cancel),
               let span = DenseRange.span(low: low, high: high, rows: 2 * right.count) {
                rightSlots = (0..<right.count).map { r in right.integer(at: r).map { Int32($0 - low) } ?? -1 }
                slotCount = span
                leftSlots = try JoinIndex.lookUp(left, cancel: cancel) { (v: Int64) in
                    let (offset, overflow) = v.subtractingReportingOverflow(low)
                    return !overflow && offset >= 0 && offset < Int64(span) ? Int32(offset) : -1
                }
            } else {
                let (slots, slotOfKey) = JoinIndex.numberKeys(right) { right.integer(at: $0) }
                (rightSlots, slotCount) = (slots, slotOfKey.count)
                leftSlots = try JoinIndex.lookUp(left, cancel: cancel) { (v: Int64) in slotOfKey[v] ?? -1 }
            }
        case (.integer, .decimal), (.decimal, .integer), (.decimal, .decimal):
            let (slots, slotOfKey) = JoinIndex.numberKeys(right) { right.number(at: $0).map(Column.orderedBits) }
            (rightSlots, slotCount) = (slots, slotOfKey.count)
            leftSlots = try Parallel.fill(count: left.count, initial: -1, cancel: cancel) { range, out in
                for i in range { out[i] = left.number(at: i).flatMap { slotOfKey[Column.orderedBits($0)] } ?? -1 }
            }
        case (.text, .text):
            guard case .text(let rightCodes, let rightDictionary) = right.storage,
                  case .text(let leftCodes, let leftDictionary) = left.storage else {
                throw RecLabError("internal: text join on non-text storage")
            }
            // Dictionaries differ between tables: match their entries by
            // string once, then rows by code.
            var slotOfText: [String: Int32] = [:]
            let slotOfRightCode = rightDictionary.map { text in
                if let slot = slotOfText[text] { return slot }
                let slot = Int32(slotOfText.count)
                slotOfText[text] = slot
                return slot
            }
            rightSlots = rightCodes.indices.map { right.isMissing($0) ? -1 : slotOfRightCode[Int(rightCodes[$0])] }
            slotCount = slotOfText.count
            let slotOfLeftCode = leftDictionary.map { slotOfText[$0] ?? -1 }
            let validity = left.validity
            leftSlots = try Parallel.fill(count: left.count, initial: -1, cancel: cancel) { range, out in
                leftCodes.withUnsafeBufferPointer { codes in
                    for i in range { out[i] = slotOfLeftCode[Int(codes[i])] }
                }
                if let validity { for i in range where !validity.isValid(i) { out[i] = -1 } }
            }
        default:
            throw RecLabError("cannot join \(left.type) column '\(left.name)' with \(right.type) column '\(right.name)'",
                              subject: left.name)
        }
        try cancel.check()
        // Chain the right rows of each slot, walking backwards so that each
        // chain runs in right order.
        var first = [Int32](repeating: -1, count: slotCount)
        var next = [Int32](repeating: -1, count: rightSlots.count)
        for r in rightSlots.indices.reversed() where rightSlots[r] >= 0 {
            let slot = Int(rightSlots[r])
            next[r] = first[slot]
            first[slot] = Int32(r)
        }
        (firstRow, nextRow) = (first, next)
    }

    /// Numbers each distinct key of `column` in order of first appearance.
    private static func numberKeys<Key: Hashable>(_ column: Column, key: (Int) -> Key?) -> ([Int32], [Key: Int32]) {
        var slotOfKey: [Key: Int32] = [:]
        var slots = [Int32](repeating: -1, count: column.count)
        for r in 0..<column.count {
            guard let k = key(r) else { continue }
            if let slot = slotOfKey[k] { slots[r] = slot } else {
                let slot = Int32(slotOfKey.count)
                slotOfKey[k] = slot
                slots[r] = slot
            }
        }
        return (slots, slotOfKey)
    }

    /// The slot of each row of an integer column, on all cores.
    private static func lookUp(_ column: Column, cancel: Cancellation,
                               _ slot: @escaping @Sendable (Int64) -> Int32) throws(RecLabError) -> [Int32] {
        let storage = column.storage, validity = column.validity
        return try Parallel.fill(count: column.count, initial: -1, cancel: cancel) { range, out in
            switch storage {
            case .int32(let values):
                values.withUnsafeBufferPointer { v in for i in range { out[i] = slot(Int64(v[i])) } }
            case .int64(let values):
                values.withUnsafeBufferPointer { v in for i in range { out[i] = slot(v[i]) } }
            default:
                break
            }
            if let validity { for i in range where !validity.isValid(i) { out[i] = -1 } }
        }
    }
}
