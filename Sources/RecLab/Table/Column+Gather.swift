extension Column {
    /// The rows at `indices`, in that order (repeats allowed).
    ///
    /// - Complexity: O(`indices.count`).
    public func gather(_ indices: [Int]) -> Column {
        var result = Column(name: name, storage: Column.gatherStorage(storage, indices), fractionDigits: fractionDigits)
        result.isCount = isCount
        result.digitsByRow = digitsByRow?.gathered(indices)
        if let validity {
            var v = Validity(count: indices.count, allValid: true)
            for (k, i) in indices.enumerated() where !validity.isValid(i) { v.set(k, false) }
            result.validity = Column.normalized(v)
        }
        return result
    }

    /// The rows at `indices`, where a negative index gives a missing cell
    /// (the unmatched rows of a left join).
    ///
    /// - Complexity: O(`indices.count`).
    public func gatherAllowingMissing(_ indices: [Int]) -> Column {
        guard indices.contains(where: { $0 < 0 }) else { return gather(indices) }
        let safe = indices.map { $0 < 0 ? 0 : $0 }
        var result = Column(name: name, storage: Column.gatherStorage(storage, count > 0 ? safe : []), fractionDigits: fractionDigits)
        result.isCount = isCount
        result.digitsByRow = count > 0 ? digitsByRow?.gathered(safe) : nil
        if count == 0 {
            // No row to borrow a slot from: build empty slots of the right kind.
            result.storage = Column.emptyStorage(like: storage, count: indices.count)
        }
        var v = Validity(count: indices.count, allValid: true)
        for (k, i) in indices.enumerated() where i < 0 || isMissing(i) { v.set(k, false) }
        result.validity = Column.normalized(v)
        return result
    }

    /// Rows `range` of the column.
    public func slice(_ range: Range<Int>) -> Column {
        gather(Array(range))
    }

    private static func gatherStorage(_ storage: Storage, _ indices: [Int]) -> Storage {
        switch storage {
        case .int32(let v): return .int32(v.gathered(indices))
        case .int64(let v): return .int64(v.gathered(indices))
        case .decimal(let v): return .decimal(v.gathered(indices))
        case .text(let codes, let dictionary): return .text(codes: codes.gathered(indices), dictionary: dictionary)
        }
    }

    private static func emptyStorage(like storage: Storage, count: Int) -> Storage {
        switch storage {
        case .int32: return .int32(Array(repeating: 0, count: count))
        case .int64: return .int64(Array(repeating: 0, count: count))
        case .decimal: return .decimal(Array(repeating: 0, count: count))
        case .text: return .text(codes: Array(repeating: 0, count: count), dictionary: [""])
        }
    }
}

extension Array {
    /// The elements at `indices`, in that order.
    @inlinable
    func gathered(_ indices: [Int]) -> [Element] {
        [Element](unsafeUninitializedCapacity: indices.count) { buffer, initialized in
            self.withUnsafeBufferPointer { source in
                indices.withUnsafeBufferPointer { idx in
                    for k in 0..<idx.count {
                        (buffer.baseAddress! + k).initialize(to: source[idx[k]])
                    }
                }
            }
            initialized = indices.count
        }
    }
}
