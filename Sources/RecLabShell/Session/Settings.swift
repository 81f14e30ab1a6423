/// The `set` options of a session.
public struct Settings: Sendable {
    /// Rows shown of a table result before `… N more rows` (`set rows`).
    public var rows = 20
    /// The value of ``rows`` that `set rows all` stores: more than any
    /// table has.
    public static let allRows = Int(Int32.max)
    /// Rows `head` and `tail` show by default.
    public var headRows = 10
    /// Widest a rendered table may be; `nil` follows the terminal (`set width`).
    public var width: Int?
    /// Digits after the point for computed decimals (`set precision`).
    public var precision = 4
    /// Whether to print each cell's wall and CPU time and the peak memory (`set timer on`).
    public var timer = false
    /// Whether results taller than the terminal go through the pager
    /// (`set pager`; only at an interactive terminal).
    public var pager = true
    /// How tables print (`set mode`).
    public var mode: TableMode = .box
    /// Whether columns of Unix seconds (`timestamp`) show as UTC dates and
    /// times (`set dates on`); their values stay seconds.
    public var dates = false
    /// The seed `sample` and `split` use when none is given (`set seed`).
    public var seed: UInt64 = 42

    /// Default settings.
    public init() {}
}
