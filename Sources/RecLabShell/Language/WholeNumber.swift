/// The one checked way a number typed by the user becomes an `Int`.
///
/// Numbers are read as `Double`s, and converting a `Double` to `Int` traps
/// when it is out of range: `Double(Int.max)` is 2^63, one more than
/// `Int.max`, so a test `n <= Double(Int.max)` lets 2^63 through to the
/// trap. Every conversion of a typed number goes through ``exact(_:in:)``.
enum WholeNumber {
    /// The largest whole number below which every whole `Double` is exact
    /// (2^53): the top of ranges that only guard against absurd input, such
    /// as seeds, so that the number used is the number typed.
    static let largestExact = 1 << 53

    /// `n` as an `Int` when it is whole and lies in `range`, else `nil`;
    /// never traps (NaN, infinities and 2^63 give `nil`).
    static func exact(_ n: Double, in range: ClosedRange<Int>) -> Int? {
        guard let whole = Int(exactly: n), range.contains(whole) else { return nil }
        return whole
    }

    /// `n` written without a fraction when it is whole and fits an `Int`,
    /// else as a decimal (`1e+300`), for echoing a value back.
    static func text(_ n: Double) -> String {
        Int(exactly: n).map(String.init) ?? "\(n)"
    }
}
