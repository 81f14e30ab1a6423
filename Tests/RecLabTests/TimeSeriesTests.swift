import Foundation
import Testing
@testable import RecLab

/// Calendar buckets in UTC: rows land in the month and year they fall in,
/// empty periods count 0, and values that are not timestamps are refused.
struct TimeSeriesTests {
    /// Unix seconds of a UTC date.
    static func seconds(_ y: Int, _ m: Int, _ d: Int, hour: Int = 0) -> Int64 {
        var c = DateComponents()
        (c.year, c.month, c.day, c.hour) = (y, m, d, hour)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return Int64(calendar.date(from: c)!.timeIntervalSince1970)
    }

    @Test func monthsAreCountedInUTCWithGapsAsZero() throws {
        let times = [Self.seconds(1999, 12, 31, hour: 23), Self.seconds(2000, 1, 1), Self.seconds(2000, 1, 31, hour: 23),
                     Self.seconds(2000, 3, 15), Self.seconds(2000, 3, 1)]
        let s = try TimeSeries(times: Column(name: "timestamp", integers: times), unit: .month)
        #expect(s.labels == ["1999-12", "2000-01", "2000-02", "2000-03"])
        #expect(s.counts == [1, 2, 0, 2])
        let years = try TimeSeries(times: Column(name: "timestamp", integers: times), unit: .year)
        #expect(years.labels == ["1999", "2000"] && years.counts == [1, 4])
    }

    @Test func civilDatesMatchFoundation() {
        for day in stride(from: 0, to: 47_000, by: 97) {
            let date = Date(timeIntervalSince1970: Double(day) * 86_400)
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            let c = calendar.dateComponents([.year, .month, .day], from: date)
            let mine = TimeSeries.civil(day)
            #expect(mine.year == c.year && mine.month == c.month && mine.day == c.day)
        }
    }

    @Test func meansPerBucketAverageTheValues() throws {
        let times = [Self.seconds(2001, 5, 1), Self.seconds(2001, 9, 1), Self.seconds(2003, 1, 1)]
        let s = try TimeSeries(times: Column(name: "t", integers: times), unit: .year,
                               values: Column(name: "rating", decimals: [2, 5, 4]))
        #expect(s.counts == [2, 0, 1])
        #expect(s.means[0] == 3.5 && s.means[1].isNaN && s.means[2] == 4)
    }

    @Test func valuesThatAreNotTimestampsAreRefused() {
        #expect(throws: RecLabError.self) { try TimeSeries(times: Column(name: "rating", decimals: [0.5, 5]), unit: .month) }
        #expect(throws: RecLabError.self) { try TimeSeries(times: Column(name: "t", integers: [-5, 1_000_000_000]), unit: .day) }
        #expect(throws: RecLabError.self) { try TimeSeries(times: Column(name: "t", integers: [9_000_000_000]), unit: .year) }
    }
}
