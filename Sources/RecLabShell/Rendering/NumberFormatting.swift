/// Numbers written for people: counts with thousands separators, byte sizes,
/// and counted nouns (`1 row`, `100,836 rows`).
///
/// Only for prose around tables (summaries, footers, the `tables` verb):
/// cells never get separators, so ids and timestamps read as themselves.
public enum NumberFormatting {
    /// `n` with a comma every three digits: `100836` → `100,836`.
    public static func grouped(_ n: Int) -> String { n.groupedDigits }

    /// A count followed by its noun, singular for exactly one:
    /// `counted(1, "row")` → `1 row`, `counted(100836, "row")` → `100,836 rows`.
    ///
    /// - Parameter plural: the plural form when it is not `singular + "s"`.
    public static func counted(_ n: Int, _ singular: String, plural: String? = nil) -> String {
        let noun = n == 1 ? singular : (plural ?? singular + "s")
        return "\(grouped(n)) \(noun)"
    }

    /// A byte size in binary units with one decimal below 100:
    /// `512 B`, `1.6 MB`, `153 MB`, `2.0 GB` (1 KB = 1,024 bytes).
    public static func byteSize(_ bytes: Int) -> String {
        let units = ["B", "KB", "MB", "GB", "TB", "PB"]
        if bytes < 1024 { return "\(max(0, bytes)) B" }
        var value = Double(bytes)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        // 1023.97 KB would print as "1024.0 KB": carry it into the next unit.
        if value.rounded() >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        let digits = value < 99.95 ? 1 : 0
        return "\(value.formatted(fractionDigits: digits)) \(units[unit])"
    }

    /// A duration as a timer shows it: `0.31 ms`, `97 ms`, then seconds
    /// with `secondDigits` decimals below 10 s (`1.84 s`, or `1.8 s` with
    /// 1) and one from there (`33.3 s`).
    public static func duration(_ seconds: Double, secondDigits: Int = 2) -> String {
        let ms = seconds * 1000
        if ms < 10 { return ms.formatted(fractionDigits: 2) + " ms" }
        if ms < 1000 { return ms.formatted(fractionDigits: 0) + " ms" }
        return seconds.formatted(fractionDigits: seconds < 10 ? secondDigits : 1) + " s"
    }

    /// fast.ai's `format_time`: `mm:ss`, or `h:mm:ss` from an hour on.
    public static func clock(_ seconds: Double) -> String {
        let t = seconds.isFinite ? max(0, Int(min(seconds, 1e15))) : 0
        let (h, m, s) = (t / 3600, t / 60 % 60, t % 60)
        let mmss = (m < 10 ? "0" : "") + String(m) + ":" + (s < 10 ? "0" : "") + String(s)
        return h > 0 ? "\(h):\(mmss)" : mmss
    }
}
