/// How ``CSVReader`` reads a delimited text file. The defaults detect
/// everything from the file itself.
public struct CSVOptions: Sendable {
    /// What separates fields.
    public var delimiter: CSVDelimiter = .auto
    /// Whether the first row names the columns.
    public var header: CSVHeader = .auto
    /// Whether `"` quotes fields (`.auto`: yes, except for MovieLens `::`
    /// files, whose titles may start with a literal quote).
    public var quoting: CSVQuoting = .auto
    /// Column names to use instead of the header's (or of `column1`…);
    /// must have one name per field.
    public var columnNames: [String]? = nil
    /// Types to enforce, by column name (after `columnNames` is applied);
    /// columns not listed are inferred.
    public var columnTypes: [String: CSVColumnType] = [:]

    /// Options that detect delimiter, header and quoting from the file.
    public init() {}

    /// Options with the given settings; the rest detected.
    public init(delimiter: CSVDelimiter = .auto, header: CSVHeader = .auto, quoting: CSVQuoting = .auto,
                columnNames: [String]? = nil, columnTypes: [String: CSVColumnType] = [:]) {
        self.delimiter = delimiter
        self.header = header
        self.quoting = quoting
        self.columnNames = columnNames
        self.columnTypes = columnTypes
    }
}

/// The field separator of a delimited file.
public enum CSVDelimiter: Sendable, Equatable {
    /// Detected from the first lines among `,` tab `|` `;` and `::`.
    case auto
    /// A single byte such as `,` (0x2C) or tab (0x09).
    case byte(UInt8)
    /// MovieLens's two-byte `::`.
    case doubleColon

    /// A comma.
    public static let comma = CSVDelimiter.byte(UInt8(ascii: ","))
    /// A tab.
    public static let tab = CSVDelimiter.byte(UInt8(ascii: "\t"))
    /// A vertical bar.
    public static let pipe = CSVDelimiter.byte(UInt8(ascii: "|"))
    /// A semicolon.
    public static let semicolon = CSVDelimiter.byte(UInt8(ascii: ";"))
}

/// Whether a file's first row is a header.
public enum CSVHeader: Sendable, Equatable {
    /// Detected; see ``CSVHeaderDetection``.
    case auto
    /// The first row names the columns.
    case present
    /// Every row is data; columns are `column1`, `column2`, … unless
    /// ``CSVOptions/columnNames`` says otherwise.
    case absent
}

/// Whether double quotes delimit fields.
public enum CSVQuoting: Sendable, Equatable {
    /// `"` quotes fields unless the delimiter is `::`.
    case auto
    /// `"` quotes fields (RFC 4180: `""` inside is one quote).
    case doubleQuote
    /// Quotes are ordinary characters.
    case none
}

/// A type a column must have. A cell that does not fit is an error with
/// file and line, instead of silently turning the column into text.
public enum CSVColumnType: Sendable, Equatable {
    /// Whole numbers.
    case integer
    /// Numbers: integers stay integers, otherwise decimals.
    case number
    /// Decimals, even when every value is whole.
    case decimal
    /// Text, even when every value looks like a number (zip codes).
    case text
}
