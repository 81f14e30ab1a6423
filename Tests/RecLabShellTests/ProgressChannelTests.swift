import Foundation
import Synchronization
import Testing
@testable import RecLabShell

/// Every long operation reports through one channel (the cancellation's
/// reports, the session's relay, ``Session/progress``), so every cell that
/// runs long shows a bar: `train lowrank` and `evaluate` too, which ran
/// with a blank screen.
@Suite struct ProgressChannelTests {
    let h = SessionHarness()
    let recorded = Recorded()

    /// The bar's events, from any thread.
    final class Recorded: Sendable {
        let list = Mutex<[CommandProgress]>([])
        func add(_ event: CommandProgress) { list.withLock { $0.append(event) } }
    }


    init() {
        h.run("load movielens small")
        h.session.progress = { [recorded] event in recorded.add(event) }
        (h.session.relay.delay, h.session.relay.interval) = (0, 0)
    }

    var labels: [String] {
        recorded.list.withLock { list in
            list.compactMap { if case .running(let label, _, _) = $0 { label } else { nil } }
        }
    }

    @Test func trainLowrankAndEvaluateShowABar() {
        h.run("few = filter ratings userId <= 100")
        h.run("train lowrank features=3 iters=15 on few")
        #expect(labels.contains { $0.hasPrefix("lowrank iteration 1 of at most 15, cost ") }, "\(labels)")
        #expect(recorded.list.withLock { $0.last } == .finished)
        recorded.list.withLock { $0 = [] }
        h.run("train, test = split ratings 80%")
        h.run("b = train bias on train")
        h.run("evaluate b on test")
        #expect(labels.contains("scoring held-out ratings"), "\(labels)")
        let fractions = recorded.list.withLock { list in
            list.compactMap { if case .running("scoring held-out ratings", let f, _) = $0 { f } else { nil } }
        }
        #expect(fractions.last == 1 && zip(fractions, fractions.dropFirst()).allSatisfy { $0 <= $1 })
    }

    @Test func alsReportsItsSweepsAsOneStage() {
        h.run("few = filter ratings userId <= 60")
        h.run("train als features=3 iters=2 samples=3 burn=1 on few")
        let als = labels.filter { $0.hasPrefix("als ") }
        #expect(als.first == "als sweep 1 of 6" && als.last == "als sweep 6 of 6", "\(als)")
    }

    @Test func aBarNeverSharesALineWithOutput() {
        h.run("few = filter ratings userId <= 60")
        let order = Mutex<[String]>([])
        h.session.progress = { event in order.withLock { $0.append(event == .finished ? "erase" : "bar") } }
        h.session.output = { _ in order.withLock { $0.append("print") } }
        h.run("train mf factors=4 epochs=2 on few")
        let seen = order.withLock { $0 }
        // Every print comes when no bar is drawn: after an erase, or before any bar.
        var barShown = false
        for event in seen {
            switch event {
            case "bar": barShown = true
            case "erase": barShown = false
            default: #expect(!barShown, "\(seen)")
            }
        }
        #expect(seen.contains("bar") && seen.contains("print"))
    }
}
