/// The resolved low-level format of a file: delimiter and quoting.
struct CSVDialect: Sendable, Equatable {
    /// The delimiter's first byte.
    var delimiter: UInt8
    /// 1, or 2 for `::` (both bytes equal to ``delimiter``).
    var delimiterLength: Int
    /// The quote byte, or `nil` when quotes are ordinary characters.
    var quote: UInt8?

    static let quoteByte = UInt8(ascii: "\"")

    /// The dialect for a known delimiter and quoting setting.
    init(_ delimiter: CSVDelimiter, quoting: CSVQuoting) {
        switch delimiter {
        case .doubleColon: self.delimiter = UInt8(ascii: ":"); delimiterLength = 2
        case .byte(let b): self.delimiter = b; delimiterLength = 1
        case .auto: self.delimiter = UInt8(ascii: ","); delimiterLength = 1
        }
        switch quoting {
        case .doubleQuote: quote = CSVDialect.quoteByte
        case .none: quote = nil
        case .auto: quote = delimiterLength == 2 ? nil : CSVDialect.quoteByte
        }
    }

    /// The candidates auto-detection tries, in order of preference on ties.
    static let candidates: [CSVDelimiter] = [.doubleColon, .tab, .comma, .pipe, .semicolon]

    /// Picks the delimiter that splits the sample lines into the same number
    /// (at least two) of fields most often; ties go to the earlier candidate
    /// of ``candidates``. A file no candidate splits has one column.
    static func detect(in sample: UnsafeBufferPointer<UInt8>, quoting: CSVQuoting) -> CSVDialect {
        var best = CSVDialect(.comma, quoting: quoting)
        var bestScore = 0
        for candidate in candidates {
            let dialect = CSVDialect(candidate, quoting: quoting)
            let records = CSVSampleParser(bytes: sample, dialect: dialect).records(limit: 50)
            var tally: [Int: Int] = [:]
            for r in records.dropLast(records.count > 1 ? 1 : 0) { tally[r.fields.count, default: 0] += 1 }
            // The last sampled line may be cut short by the sample's end.
            if records.count == 1 { tally[records[0].fields.count, default: 0] += 1 }
            guard let (fields, lines) = tally.max(by: { ($0.value, $0.key) < ($1.value, $1.key) }), fields >= 2 else { continue }
            if lines > bestScore {
                best = dialect
                bestScore = lines
            }
        }
        return best
    }
}
