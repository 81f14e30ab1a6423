import Foundation

/// Rows counted (and optionally a column averaged) per calendar day, month
/// or year of a Unix-seconds timestamp column, in UTC.
public struct TimeSeries: Sendable, Equatable {
    /// The calendar unit of a bucket.
    public enum Unit: String, Sendable, CaseIterable {
        case day, month, year
    }

    /// The first instant the buckets may start at: 1970-01-01.
    public static let earliest: Int64 = 0
    /// The first instant after the last one accepted: 2100-01-01.
    public static let latest: Int64 = 4_102_444_800

    /// The unit of the buckets.
    public var unit: Unit
    /// Each bucket's start, as a fractional year (`2004.5` = July 2004), for axes.
    public var positions: [Double]
    /// Each bucket's start as `2004-07-01` (day), `2004-07` (month) or `2004` (year).
    public var labels: [String]
    /// The rows in each bucket.
    public var counts: [Int]
    /// The mean of the averaged column in each bucket (NaN where empty);
    /// empty when no column was given.
    public var means: [Double]
    /// Rows left out because the timestamp (or the averaged value) was missing.
    public var skipped: Int

    /// Buckets `times` (Unix seconds) by `unit`, from the first row's bucket
    /// to the last's (empty buckets included, so gaps show), averaging
    /// `values` per bucket when given.
    ///
    /// - Throws: ``RecLabError`` for a text column, a timestamp outside
    ///   1970…2099 (naming it), or cancellation.
    /// - Complexity: O(n + buckets): one pass for the range, one to count,
    ///   each split over the cores; days map to buckets by a lookup table.
    public init(times: Column, unit: Unit, values: Column? = nil, cancel: Cancellation = .never) throws(RecLabError) {
        for c in [times] + (values.map { [$0] } ?? []) where c.type == .text {
            throw RecLabError("'\(c.name)' is not numeric")
        }
        let summary = try ValueSummary(times, cancel: cancel)
        self.unit = unit
        guard summary.valid > 0 else {
            (positions, labels, counts, means, skipped) = ([], [], [], values == nil ? [] : [], times.count)
            return
        }
        for bound in [summary.minimum, summary.maximum]
        where bound < Double(TimeSeries.earliest) || bound >= Double(TimeSeries.latest) {
            throw RecLabError("timestamp \(Int64(bound)) in '\(times.name)' is outside 1970…2099: expected Unix seconds")
        }
        if summary.maximum < 31_536_000 {  // all within 1970: small numbers, not seconds
            throw RecLabError("'\(times.name)' holds no Unix seconds (its values, at most \(summary.maximum), all fall in 1970): give a timestamp column")
        }
        let firstDay = Int(summary.minimum / 86_400), lastDay = Int(summary.maximum / 86_400)
        var dayBucket = [Int32](repeating: 0, count: lastDay - firstDay + 1)
        var starts: [(year: Int, month: Int, day: Int)] = []
        for d in firstDay ... lastDay {
            let c = TimeSeries.civil(d)
            let key = (year: c.year, month: unit == .year ? 1 : c.month, day: unit == .day ? c.day : 1)
            if starts.last.map({ $0 != key }) ?? true { starts.append(key) }
            dayBucket[d - firstDay] = Int32(starts.count - 1)
        }
        let buckets = starts.count
        let table = dayBucket
        let timeValidity = times.validity, valueValidity = values?.validity
        let parts = try Parallel.map(Parallel.ranges(count: times.count)) { range throws(RecLabError) in
            var counts = [Int](repeating: 0, count: buckets), sums = [Double](repeating: 0, count: values == nil ? 0 : buckets)
            var skipped = 0
            for i in range {
                if i & 0xFFFFF == 0 { try cancel.check() }
                guard timeValidity?.isValid(i) ?? true, let t = times.number(at: i), t.isFinite else { skipped += 1; continue }
                let b = Int(table[Int(t / 86_400) - firstDay])
                if let values {
                    guard valueValidity?.isValid(i) ?? true, let v = values.number(at: i), v.isFinite else { skipped += 1; continue }
                    sums[b] += v
                }
                counts[b] += 1
            }
            return (counts, sums, skipped)
        }
        var counts = [Int](repeating: 0, count: buckets)
        var sums = [Double](repeating: 0, count: values == nil ? 0 : buckets)
        var skipped = 0
        for (c, s, k) in parts {
            for b in 0 ..< buckets { counts[b] += c[b] }
            for b in sums.indices { sums[b] += s[b] }
            skipped += k
        }
        (self.counts, self.skipped) = (counts, skipped)
        means = sums.indices.map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : .nan }
        positions = starts.map { s in
            Double(s.year) + Double(s.month - 1) / 12 + Double(s.day - 1) / 365.25
        }
        labels = starts.map { s in
            switch unit {
            case .year: String(s.year)
            case .month: String(format: "%04d-%02d", s.year, s.month)
            case .day: String(format: "%04d-%02d-%02d", s.year, s.month, s.day)
            }
        }
    }

    /// The UTC calendar date of day `d` after 1970-01-01 (H. Hinnant's
    /// `civil_from_days`).
    static func civil(_ d: Int) -> (year: Int, month: Int, day: Int) {
        let z = d + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
