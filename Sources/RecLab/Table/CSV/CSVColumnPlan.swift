/// How one column is being parsed: the storage its cells go into and the
/// type the caller enforces, if any.
struct CSVColumnPlan: Sendable {
    /// Storage kinds, narrowest first; a column only ever widens.
    enum Kind: Int, Comparable, Sendable {
        case int32, int64, decimal, text
        static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }

    var name: String
    var kind: Kind
    /// `nil` when the type is inferred from the data.
    var enforced: CSVColumnType?

    /// The kind a column starts with, from the sample's cells.
    init(name: String, enforced: CSVColumnType?, sample: [CSVCell]) {
        self.name = name
        self.enforced = enforced
        var kind = Kind.int32
        for cell in sample {
            switch cell {
            case .missing: break
            case .integer(let v): if v < Int64(Int32.min) || v > Int64(Int32.max) { kind = max(kind, .int64) }
            case .decimal: kind = max(kind, .decimal)
            case .text: kind = .text
            }
        }
        switch enforced {
        case nil: self.kind = kind
        case .text?: self.kind = .text
        case .decimal?: self.kind = .decimal
        case .integer?: self.kind = min(kind, .int64)
        case .number?: self.kind = min(kind, .decimal)
        }
    }

    /// What to do with a cell that does not fit ``kind``: the kind to widen
    /// to, or `nil` when the enforced type forbids it (an error).
    func widening(for cell: CSVCell) -> Kind? {
        let needed: Kind
        switch cell {
        case .missing: return kind
        case .integer(let v): needed = (v < Int64(Int32.min) || v > Int64(Int32.max)) ? .int64 : .int32
        case .decimal: needed = .decimal
        case .text: needed = .text
        }
        let target = max(kind, needed)
        switch enforced {
        case nil, .text?: return target
        case .integer?: return target <= .int64 ? target : nil
        case .number?, .decimal?: return target <= .decimal ? target : nil
        }
    }

    /// "an integer", "a number": what an enforced column requires.
    var requirement: String {
        switch enforced {
        case .integer?: return "an integer"
        default: return "a number"
        }
    }
}
