import Foundation
import RecLab
import Testing
@testable import RecLabShell

/// What every model kind must do, as LensKit's `ScorerTests` asks of every
/// scorer: each kind in ``Algorithm/all`` runs the same checks, so a new
/// kind is held to them by being listed.
@Suite(.serialized) struct ModelKindConformanceTests {
    /// Settings that keep the iterative kinds quick in a debug build.
    static let quick: [String: String] = [
        "mf": "epochs=2 factors=8", "als": "iters=2 features=8", "lowrank": "iters=20 features=4",
        "implicit": "iters=2 features=8", "bpr": "epochs=2 features=8",
    ]
    /// The kinds whose scores for a new person with a data user's ratings
    /// are that user's scores. The factor models fold a person in by one
    /// least-squares step instead of the vector they trained; userknn
    /// finds the user themself among a person's neighbours; bias damps a
    /// data user's b_u but not a new person's, as LensKit's `Bias` does.
    static let personIsUser: Set<String> = ["itemknn", "popular", "ease"]

    static let kinds = Algorithm.all.map(\.name)

    let h = SessionHarness()

    init() {
        h.run("load movielens small")
        h.run("t = filter ratings userId <= 40")
    }

    func trained(_ kind: String, _ settings: String) throws -> any Recommender {
        let out = h.run("m = train \(kind) \(settings) on t")
        #expect(!out.hasPrefix("error"), "\(out)")
        return try #require(h.session.workspace.models["m"]?.model)
    }

    @Test(arguments: kinds)
    func settingsRoundTrip(_ kind: String) throws {
        let first = try trained(kind, Self.quick[kind] ?? "")
        let typed = first.settings.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let second = try trained(kind, typed)
        #expect(second.settings.map { "\($0.key)=\($0.value)" } == first.settings.map { "\($0.key)=\($0.value)" }, "\(typed)")
        #expect(Algorithm.of(first)?.name == kind)
    }

    @Test(arguments: kinds)
    func checkpointRoundTripKeepsEveryScore(_ kind: String) throws {
        let model = try trained(kind, Self.quick[kind] ?? "")
        let saveable = try #require(model as? any CheckpointableModel, "\(kind) cannot be saved")
        #expect(type(of: saveable).checkpointKind == kind)
        let bytes = Checkpoint(model: saveable).encoded()
        let back = try bytes.withUnsafeBytes { try Checkpoint.decode($0) }.model
        #expect(back.algorithm == kind)
        #expect(back.settings.map { "\($0.key)=\($0.value)" } == model.settings.map { "\($0.key)=\($0.value)" })
        for user in model.matrix.userIds.prefix(5) {
            let a = try model.itemScores(user: user), b = try back.itemScores(user: user)
            for item in model.matrix.itemIds {
                let x = a.score(ofItem: item), y = b.score(ofItem: item)
                #expect(x == y || (x?.isNaN == true && y?.isNaN == true), "\(kind): user \(user), movie \(item)")
            }
        }
    }

    @Test(arguments: kinds)
    func aPersonWithAUsersRatingsGetsTheirScores(_ kind: String) throws {
        let model = try trained(kind, Self.quick[kind] ?? "")
        let matrix = model.matrix
        var differing = 0
        for u in 0..<min(5, matrix.userCount) {
            let ratings = matrix.entries(ofUser: u).map { (item: matrix.itemIds[Int(matrix.userItems[$0])], rating: matrix.userRatings[$0]) }
            let asUser = try model.itemScores(user: matrix.userIds[u]), asPerson = model.itemScores(ratings: ratings)
            for item in matrix.itemIds {
                let x = asUser.score(ofItem: item), y = asPerson.score(ofItem: item)
                let same = x == y || (x?.isNaN == true && y?.isNaN == true)
                    || (x.map { a in y.map { abs(a - $0) <= 1e-9 * max(1, abs(a)) } ?? false } ?? false)
                if !same { differing += 1 }
            }
            // Whatever the kind, what the person rated is never a candidate.
            #expect(ratings.allSatisfy { asPerson.isRated($0.item) })
        }
        if Self.personIsUser.contains(kind) {
            #expect(differing == 0, "\(kind): \(differing) scores differ between a user and a person with their ratings")
        }
    }

    /// Where a kind scores (user, movie) pairs without scoring every movie
    /// (evaluation's fast paths), each pair's score is the one in the
    /// user's full scores.
    @Test(arguments: kinds)
    func pairScoresAreTheFullScores(_ kind: String) throws {
        let model = try trained(kind, Self.quick[kind] ?? "")
        let matrix = model.matrix
        var compared = 0
        for u in stride(from: 0, to: matrix.userCount, by: 7) {
            let user = matrix.userIds[u]
            let full = try model.itemScores(user: user)
            let items = Array(stride(from: 0, to: matrix.itemCount, by: 11))
            if let pairs = model as? any PairPredictor {
                for i in items where !full.rated[i] {
                    let a = try #require(pairs.predict(user: user, item: matrix.itemIds[i]))
                    let b = full.values[i]
                    #expect(abs(a - b) <= 1e-6 * max(1, abs(b)), "\(kind) user \(user) movie \(matrix.itemIds[i]): \(a) vs \(b)")
                    compared += 1
                }
            }
            if let scorer = model as? any UserItemScorer {
                let values = try scorer.scores(user: user, items: items)
                for (k, i) in items.enumerated() {
                    let (a, b) = (values[k], full.values[i])
                    #expect(a == b || (a.isNaN && b.isNaN), "\(kind) user \(user) movie \(matrix.itemIds[i]): \(a) vs \(b)")
                    compared += 1
                }
            }
        }
        if model is any PairPredictor || model is any UserItemScorer { #expect(compared > 0) }
    }

    /// The descriptor's engine type is the type `train` makes, so what
    /// `help train` says a kind's models do is what they do.
    @Test(arguments: kinds)
    func trainMakesTheDescribedType(_ kind: String) throws {
        let model = try trained(kind, Self.quick[kind] ?? "")
        let algorithm = try #require(Algorithm.all.first { $0.name == kind })
        #expect(ObjectIdentifier(type(of: model)) == ObjectIdentifier(algorithm.model))
        #expect(Algorithm.of(model)?.name == kind)
        #expect(algorithm.abilities.contains("similar") == (model is any MovieSpaceModel))
        #expect(algorithm.abilities.contains("save model") == (model is any CheckpointableModel))
        #expect(algorithm.abilities.contains("predict ratings") == model.scoresAreRatings)
    }

    @Test func everyKindIsSaveableAndEveryCheckpointKindIsTrainable() {
        #expect(Set(Checkpoint.kinds.map { $0.checkpointKind }) == Set(Self.kinds))
    }
}
