extension Column {
    /// An integer column, kept in 32 bits when every value fits.
    ///
    /// `missing` marks rows without a value (their slot in `values` is
    /// ignored and stored as 0).
    public init(name: String, integers values: [Int64], validity: Validity? = nil) {
        var fits = true
        for v in values where v < Int64(Int32.min) || v > Int64(Int32.max) {
            fits = false
            break
        }
        let storage: Storage = fits ? .int32(values.map { Int32(truncatingIfNeeded: $0) }) : .int64(values)
        self.init(name: name, storage: storage, validity: Column.normalized(validity))
    }

    /// An integer column of counts (see ``isCount``).
    public init(name: String, counts values: [Int64], validity: Validity? = nil) {
        self.init(name: name, integers: values, validity: validity)
        isCount = true
    }

    /// A 32-bit integer column.
    public init(name: String, int32 values: [Int32], validity: Validity? = nil) {
        self.init(name: name, storage: .int32(values), validity: Column.normalized(validity))
    }

    /// A decimal column; `fractionDigits` is the display hint (see
    /// ``fractionDigits``).
    public init(name: String, decimals values: [Double], validity: Validity? = nil, fractionDigits: Int? = nil) {
        self.init(name: name, storage: .decimal(values), validity: Column.normalized(validity), fractionDigits: fractionDigits)
    }

    /// A text column from optional strings (`nil` is missing), dictionary-encoded.
    public init(name: String, texts values: [String?]) {
        var index: [String: Int32] = [:]
        var dictionary: [String] = []
        var codes: [Int32] = []
        codes.reserveCapacity(values.count)
        var validity = Validity(count: values.count, allValid: true)
        var anyMissing = false
        for (row, value) in values.enumerated() {
            guard let value else {
                codes.append(0)
                validity.set(row, false)
                anyMissing = true
                continue
            }
            if let code = index[value] {
                codes.append(code)
            } else {
                let code = Int32(dictionary.count)
                index[value] = code
                dictionary.append(value)
                codes.append(code)
            }
        }
        if dictionary.isEmpty { dictionary = [""] }
        self.init(name: name, storage: .text(codes: codes, dictionary: dictionary), validity: anyMissing ? validity : nil)
    }

    /// A column from cells of any kind: integers if every present value is
    /// an integer, decimals if every one is a number, text otherwise.
    public init(name: String, values: [Value]) {
        var allIntegers = true
        var allNumbers = true
        for v in values {
            switch v {
            case .missing: continue
            case .integer: continue
            case .decimal: allIntegers = false
            case .text: allIntegers = false; allNumbers = false
            }
        }
        let validity = Validity(values.map { $0 != .missing })
        if allIntegers {
            self.init(name: name, integers: values.map { if case .integer(let i) = $0 { i } else { 0 } }, validity: validity)
        } else if allNumbers {
            self.init(name: name, decimals: values.map { $0.number ?? 0 }, validity: validity)
        } else {
            self.init(name: name, texts: values.map { $0 == .missing ? nil : $0.description })
        }
    }

    /// Drops a validity bitmap that marks nothing missing.
    static func normalized(_ validity: Validity?) -> Validity? {
        guard let validity, validity.missingCount > 0 else { return nil }
        return validity
    }

    /// The same column under another name.
    public func renamed(_ newName: String) -> Column {
        var copy = self
        copy.name = newName
        return copy
    }
}
