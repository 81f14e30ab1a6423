import Foundation
import Synchronization
import Testing
@testable import RecLab

/// What long operations report through ``Cancellation/report(_:fraction:detail:)``.
@Suite struct ProgressReportTests {
    /// Collects reports from any thread.
    final class Reports: Sendable {
        let list = Mutex<[(String, Double)]>([])
        func add(_ report: ProgressReport) { list.withLock { $0.append((report.stage, report.fraction)) } }
        var all: [(String, Double)] { list.withLock { $0 } }
    }

    @Test func readingACSVReportsItsBytesUpToTheWhole() throws {
        // 11 MB in several chunks: each chunk reports every 8 MB and at its end.
        var text = "userId,movieId,rating,timestamp\n"
        for i in 0 ..< 400_000 { text += "\(i % 977),\(i % 313),\(Double(i % 10 + 1) / 2),\(1_000_000_000 + i)\n" }
        let path = TestFiles.write(text, name: "progress.csv")
        let reports = Reports()
        let cancel = Cancellation(progress: reports.add)
        let table = try CSVReader.read(MappedFile(path: path), options: .init(), cancel: cancel, parallelThreshold: 1 << 20)
        #expect(table.rowCount == 400_000)
        let seen = reports.all
        #expect(seen.count >= 3)
        #expect(seen.allSatisfy { $0.0 == "reading progress.csv" && $0.1 >= 0 && $0.1 <= 1 })
        #expect(seen.first?.1 == 0)
        #expect(seen.map(\.1).max() == 1)
    }

    @Test func nobodyListeningCostsNothing() throws {
        #expect(!Cancellation.never.wantsProgress)
        #expect(ProgressCounter.make("x", total: 10, cancel: .never) == nil)
        let reports = Reports()
        let counter = ProgressCounter.make("x", total: 10, cancel: Cancellation(progress: reports.add))
        counter?.add(4)
        counter?.add(20)
        #expect(reports.all.map(\.1) == [0, 0.4, 1])
    }
}
