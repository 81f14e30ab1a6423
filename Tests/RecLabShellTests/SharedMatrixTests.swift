import Foundation
import Testing
import RecLab
@testable import RecLabShell

/// Models trained on the same binding of a table share one rating matrix;
/// a table bound again, or people trained as users, get their own.
@Suite struct SharedMatrixTests {
    /// Where a model's by-user items are stored: equal for shared matrices.
    private func storage(_ h: SessionHarness, _ model: String) -> UnsafeRawPointer? {
        h.session.workspace.models[model]?.model.matrix.userItems.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
    }

    @Test func sameBindingSharesAndScoresAlike() throws {
        let h = try SessionHarness.withMovieLens()
        h.run("few = filter ratings userId <= 200")
        h.run("alone = train userknn on few")
        let alone = h.run("recommend user 7 5 with alone | head 5")
        h.run("b = train bias on few")
        h.run("k = train userknn on few")
        #expect(storage(h, "b") != nil && storage(h, "b") == storage(h, "alone") && storage(h, "k") == storage(h, "alone"))
        // Shared, the matrix gives what a matrix of its own gave.
        #expect(h.run("recommend user 7 5 with k | head 5") == alone)
        #expect(h.session.workspace.models["k"]?.source == h.session.workspace.binding(of: "few"))
    }

    @Test func anotherBindingOrPeopleGetTheirOwn() throws {
        let h = try SessionHarness.withMovieLens()
        h.run("few = filter ratings userId <= 200")
        h.run("a = train bias on few")
        h.run("few = filter ratings userId <= 100")
        h.run("b = train bias on few")
        #expect(storage(h, "a") != storage(h, "b"))
        #expect(h.session.workspace.models["b"]?.model.matrix.userCount == 100)
        h.run("rate ann 1 5")
        h.run("p = train mf epochs=1 people=on on few")
        h.run("c = train bias on few")
        #expect(storage(h, "c") == storage(h, "b") && storage(h, "p") != storage(h, "b"))
        // A piped table is never taken for a bound one.
        h.run("d = filter ratings userId <= 100 | train bias")
        #expect(storage(h, "d") != storage(h, "b") && h.session.workspace.models["d"]?.source == nil)
    }
}

/// Dropping a table lets its memory go: `_` no longer holds it.
@Suite struct DropReleasesTests {
    @Test func droppingTheLastResultClearsUnderscore() throws {
        let h = try SessionHarness.withMovieLens()
        h.run("t = filter ratings rating >= 4")
        #expect(h.session.workspace.last?.rowCount == h.session.workspace.tables["t"]?.rowCount)
        h.run("drop t")
        #expect(h.session.workspace.last == nil)
        #expect(h.run("head _ 1").contains("error"))
    }

    @Test func anotherTableStaysUnderscore() throws {
        let h = try SessionHarness.withMovieLens()
        h.run("t = filter ratings rating >= 4")
        h.run("u = filter ratings rating <= 1")
        h.run("v = filter ratings rating <= 1")
        h.run("drop t")
        #expect(h.session.workspace.last?.rowCount == h.session.workspace.tables["u"]?.rowCount)
        // An equal table in other buffers is another table: `_` (v) stays.
        h.run("drop u")
        #expect(h.session.workspace.last != nil)
        #expect(Workspace.sameStorage(try #require(h.session.workspace.last), try #require(h.session.workspace.tables["v"])))
    }
}
