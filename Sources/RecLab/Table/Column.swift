/// A named, typed column of a ``Table``: integers, decimals or text, with
/// missing values.
///
/// Storage is columnar and compact: integers are kept in 32 bits when they
/// fit, text is dictionary-encoded (each row stores a 32-bit code into a list
/// of distinct strings), and missing cells are marked in a ``Validity``
/// bitmap (absent when nothing is missing; the slot underneath holds 0).
public struct Column: Sendable {
    /// The storage of a column's values.
    public enum Storage: Sendable {
        case int32([Int32])
        case int64([Int64])
        case decimal([Double])
        /// `codes[i]` indexes `dictionary`; dictionary entries are distinct.
        case text(codes: [Int32], dictionary: [String])
    }

    /// The column's name.
    public var name: String
    /// The values.
    public var storage: Storage
    /// Which rows hold a value; `nil` when none is missing.
    public var validity: Validity?
    /// For decimals: how many digits after the point the values need to be
    /// shown exactly (from the source file), or `nil` for computed values,
    /// which the renderer shows at the session's precision.
    public var fractionDigits: Int?
    /// Whether the integers count things (ratings, rows, users): shown
    /// with thousands separators (`100,836`), unlike ids and timestamps,
    /// which read as codes. Kept by every operation that moves rows.
    public var isCount = false
    /// For decimals whose rows hold values of different columns
    /// (`describe`'s `min`: 1 for userId, 0.5 for rating): the digits after
    /// the point row by row, instead of ``fractionDigits`` (a negative
    /// entry: as ``fractionDigits`` says).
    public var digitsByRow: [Int]?

    /// Creates a column from its parts.
    public init(name: String, storage: Storage, validity: Validity? = nil, fractionDigits: Int? = nil) {
        self.name = name
        self.storage = storage
        self.validity = validity
        self.fractionDigits = fractionDigits
    }

    /// The number of rows.
    public var count: Int {
        switch storage {
        case .int32(let v): return v.count
        case .int64(let v): return v.count
        case .decimal(let v): return v.count
        case .text(let codes, _): return codes.count
        }
    }

    /// The kind of values.
    public var type: ColumnType {
        switch storage {
        case .int32, .int64: return .integer
        case .decimal: return .decimal
        case .text: return .text
        }
    }

    /// Whether row `i` is missing.
    @inlinable
    public func isMissing(_ i: Int) -> Bool {
        if let validity { return !validity.isValid(i) }
        return false
    }

    /// The number of missing rows.
    public var missingCount: Int { validity?.missingCount ?? 0 }

    /// The cell at row `i`.
    public func value(at i: Int) -> Value {
        if isMissing(i) { return .missing }
        switch storage {
        case .int32(let v): return .integer(Int64(v[i]))
        case .int64(let v): return .integer(v[i])
        case .decimal(let v): return .decimal(v[i])
        case .text(let codes, let dictionary): return .text(dictionary[Int(codes[i])])
        }
    }

    /// Row `i` as a number (`nil` when missing or text).
    @inlinable
    public func number(at i: Int) -> Double? {
        if isMissing(i) { return nil }
        switch storage {
        case .int32(let v): return Double(v[i])
        case .int64(let v): return Double(v[i])
        case .decimal(let v): return v[i]
        case .text: return nil
        }
    }

    /// Row `i` as an integer (`nil` when missing or not an integer column).
    @inlinable
    public func integer(at i: Int) -> Int64? {
        if isMissing(i) { return nil }
        switch storage {
        case .int32(let v): return Int64(v[i])
        case .int64(let v): return v[i]
        default: return nil
        }
    }

    /// Row `i` as text (`nil` when missing or not a text column).
    public func text(at i: Int) -> String? {
        if isMissing(i) { return nil }
        if case .text(let codes, let dictionary) = storage { return dictionary[Int(codes[i])] }
        return nil
    }

    /// Approximate bytes held by the column's buffers.
    public var memoryBytes: Int {
        var bytes = (validity?.words.count ?? 0) * 8
        switch storage {
        case .int32(let v): bytes += v.count * 4
        case .int64(let v): bytes += v.count * 8
        case .decimal(let v): bytes += v.count * 8
        case .text(let codes, let dictionary):
            bytes += codes.count * 4
            for s in dictionary { bytes += 16 + (s.utf8.count > 15 ? s.utf8.count : 0) }
        }
        return bytes
    }
}
