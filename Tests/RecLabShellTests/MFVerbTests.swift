import Foundation
import Synchronization
import Testing
@testable import RecLabShell

/// `train mf`, `fit`, `save model` / `load model` and people with mf, end to
/// end. Debug builds train about a hundred times slower than release, so
/// most tests train small models on the ratings of users 1–60 (8,752).
@Suite struct MFVerbTests {
    let h: SessionHarness
    static let quick = "factors=8 epochs=2"

    init() throws {
        h = try SessionHarness.withMovieLens()
        h.run("few = filter ratings userId <= 60")
    }

    /// Every call to the session's output and progress channels, in order.
    final class Recorder: @unchecked Sendable {
        enum Event: Equatable {
            case output(String)
            case progress(CommandProgress)
        }

        private let lock = NSLock()
        private var recorded: [Event] = []
        var events: [Event] { lock.withLock { recorded } }

        func add(_ event: Event) { lock.withLock { recorded.append(event) } }

        /// The lines of text output, in order.
        var lines: [String] {
            events.flatMap { event -> [String] in
                guard case .output(let text) = event else { return [] }
                return text.split(separator: "\n").map(String.init)
            }
        }
    }

    /// `h`'s session writing to a recorder, with a progress channel (as on a
    /// terminal); `onProgress` runs on each progress event.
    func recording(onProgress: @escaping (CommandProgress) -> Void = { _ in }) -> Recorder {
        let recorder = Recorder()
        h.session.output = { recorder.add(.output($0)) }
        h.session.progress = { recorder.add(.progress($0)); onProgress($0) }
        // Every report drawn at once: the tests stop runs at chosen points.
        (h.session.relay.delay, h.session.relay.interval) = (0, 0)
        return recorder
    }

    static var row: Regex<(Substring, Substring, Substring, Substring, Substring, Substring)> { #/^(\d+) +(\d+\.\d{6}) +(\d+\.\d{6}) +(\d+\.\d{6}) +(\d\d:\d\d)$/# }

    @Test func trainPrintsFastAisTableAsEachEpochEnds() throws {
        let session = h.session
        let recorder = Recorder()
        var modelBoundAtRow: [Bool] = []
        session.output = { text in
            if text.first?.isNumber == true { modelBoundAtRow.append(session.workspace.models["mf"] != nil) }
            recorder.add(.output(text))
        }
        try #require(session.execute("train mf factors=8 epochs=3 on few") == nil)
        let lines = recorder.lines
        #expect(lines.count == 5)
        #expect(lines.first == "epoch  train_loss  valid_loss  rmse      time")
        #expect(lines.last == "mf: trained on few (8,752 ratings by 60 users of 3,068 movies)")
        // The rows came one by one while training ran: no model yet.
        #expect(modelBoundAtRow == [false, false, false])
        let model = try #require(session.workspace.models["mf"]?.model as? MatrixFactorization)
        #expect(Array(lines[1 ... 3]) == model.history.map(EpochTable.row))
        for (k, line) in lines[1 ... 3].enumerated() {
            let match = try #require(line.wholeMatch(of: Self.row), "\(line)")
            #expect(Int(match.1) == k && Double(match.3).map { abs($0 - model.history[k].validLoss) < 1e-6 } == true)
        }
        try #require(session.execute("models") == nil)
        #expect(recorder.lines.contains { $0.hasPrefix("│ mf * │ mf        │ factors=8 epochs=3 lr=0.005 wd=0.1 valid=20% seed=42 bs=64 │ few ") })
    }

    @Test func theBarIsDrawnOnlyThroughTheProgressChannelAndErasedBeforeEachRow() throws {
        let recorder = recording()
        try #require(h.session.execute("train mf \(Self.quick) on few") == nil)
        let events = recorder.events
        // Output is only the table and the summary: no bar in it.
        #expect(recorder.lines.count == 4 && !recorder.lines.joined().contains("|"))
        var label = "", last = -1.0
        for (k, event) in events.enumerated() {
            switch event {
            case .progress(.running(let l, let fraction, _)):
                if l != label { (label, last) = (l, -1) }
                #expect(fraction >= last && fraction <= 1)
                last = fraction
            case .progress(.finished):
                break
            case .output(let text):
                // Every line printed while training follows an erased bar.
                if text.first?.isNumber == true || text.hasPrefix("epoch") {
                    #expect(events[..<k].last(where: { if case .progress = $0 { true } else { false } }) == .progress(.finished))
                }
            }
        }
        var labels: [String] = []
        for case .progress(.running(let l, _, _)) in events where !labels.contains(l) { labels.append(l) }
        // Each epoch is a stage, beside the stages before training (every
        // operation reports through the same channel).
        #expect(labels.filter { $0.hasPrefix("epoch") } == ["epoch 0 (1 of 2)", "epoch 1 (2 of 2)"])
        #expect(Set(labels).isSuperset(of: ["indexing the ratings", "preparing mf"]))
        #expect(events.last == .output("mf: trained on few (8,752 ratings by 60 users of 3,068 movies)\n"))
    }

    @Test func fitGoesOnNumberingAndANamedFitLeavesTheOriginal() throws {
        h.run("train mf \(Self.quick) on few")
        let more = h.run("fit mf 2").split(separator: "\n").map(String.init)
        #expect(more.count == 4 && more[0].hasPrefix("epoch"))
        #expect(more[1].hasPrefix("2 ") && more[2].hasPrefix("3 "))
        #expect(more[3] == "mf: 2 more epochs (4 in all)")
        #expect(h.run("longer = fit mf 1").hasSuffix("longer: 1 more epoch (5 in all)\n"))
        let ws = h.session.workspace
        #expect((ws.models["mf"]?.model as? MatrixFactorization)?.epochsTrained == 4)
        #expect((ws.models["longer"]?.model as? MatrixFactorization)?.epochsTrained == 5)
        #expect(ws.lastModel == "longer")
        // Fitting equals what the engine does in one go from the same model.
        let engine = try (ws.models["mf"]?.model as? MatrixFactorization)?.fit(epochs: 1)
        #expect(engine?.itemVectors == (ws.models["longer"]?.model as? MatrixFactorization)?.itemVectors)
    }

    @Test func validZeroTrainsOnEveryRatingWithNoValidLoss() {
        let text = h.run("train mf \(Self.quick) valid=0% on few")
        #expect(text.contains("\n0      ") && text.contains("#na#        #na#      00:0"), "\(text)")
        #expect(h.run("models").contains("valid=0%"))
    }

    @Test func ctrlCAfterAnEpochKeepsTheEpochsThatFinished() throws {
        let session = h.session
        _ = recording { progress in
            if case .running(let label, let fraction, _) = progress, label.hasPrefix("epoch 1 "), fraction > 0.3 {
                session.cancellation.cancel()
            }
        }
        try #require(session.execute("train mf factors=8 epochs=4 on few") == nil)
        let model = try #require(session.workspace.models["mf"]?.model as? MatrixFactorization)
        #expect(model.epochsTrained == 1 && model.stoppedEarly)
        // The same as training one epoch of a four-epoch schedule and stopping.
        let stop = Cancellation()
        let direct = try MatrixFactorization.train(model.matrix, parameters: .init(factors: 8, epochs: 4), cancel: stop,
                                                   observer: .init(epoch: { _ in stop.cancel() }))
        #expect(direct.itemVectors == model.itemVectors)

        // fit: stopped in its second epoch keeps the first.
        let recorder = recording { progress in
            if case .running(let label, let fraction, _) = progress, label.hasPrefix("epoch 2 "), fraction > 0.3 {
                session.cancellation.cancel()
            }
        }
        try #require(session.execute("fit mf 3") == nil)
        #expect(recorder.lines.suffix(2) == ["stopped by Ctrl-C after 1 of 3 epochs; mf keeps that epoch", "mf: 1 more epoch (2 in all)"])
        #expect((session.workspace.models["mf"]?.model as? MatrixFactorization)?.epochsTrained == 2)
    }

    @Test func ctrlCBeforeAnyEpochEndsChangesNothing() throws {
        let session = h.session
        h.run("train mf \(Self.quick) on few")
        let before = try #require(session.workspace.models["mf"]?.model as? MatrixFactorization)
        let recorder = recording { progress in
            if case .running(_, let fraction, _) = progress, fraction > 0.2 { session.cancellation.cancel() }
        }
        #expect(session.execute("m2 = train mf \(Self.quick) on few")?.message == "cancelled (Ctrl-C); nothing changed")
        #expect(session.execute("fit mf 2")?.message == "cancelled (Ctrl-C); nothing changed")
        #expect(recorder.lines.isEmpty)
        #expect(session.workspace.modelNames == ["mf"])
        let after = try #require(session.workspace.models["mf"]?.model as? MatrixFactorization)
        #expect(after.epochsTrained == 2 && after.itemVectors == before.itemVectors)
        #expect(recorder.events.last == .progress(.finished))
    }

    @Test func aSavedModelLoadsBackAndFitsTheSame() throws {
        let folder = try TempFolder()
        let path = folder.path("mf.model")
        h.run("train mf \(Self.quick) on few")
        let saved = h.run("save model mf \(path)")
        #expect(saved.hasPrefix("saved mf (mf, 2 epochs) to \(path) (") && saved.hasSuffix(" KB)\n"), "\(saved)")
        #expect(h.run("load model \(path) as m2")
                == "m2: mf model loaded from \(path) (2 epochs; 8,752 ratings by 60 users of 3,068 movies)\n")
        #expect(h.run("recommend user 7 5 with m2 | head 5") == h.run("recommend user 7 5 with mf | head 5"))
        h.run("rate me 1 5")
        #expect(h.run("recommend me 5 with m2 | head 5") == h.run("recommend me 5 with mf | head 5"))
        let a = h.run("fit mf 1"), b = h.run("fit m2 1")
        #expect(a.replacingOccurrences(of: "mf:", with: "m2:") == b)
        #expect(h.run("recommend user 7 5 with m2 | head 5") == h.run("recommend user 7 5 with mf | head 5"))
        // Without 'as', the model takes the name it was saved under; 'NAME =' names it too.
        h.run("drop mf")
        #expect(h.run("load model \(path)").hasPrefix("mf: mf model loaded from"))
        #expect(h.run("m3 = load model \(path)").hasPrefix("m3: mf model loaded from"))
        #expect(h.session.workspace.modelNames == ["m2", "mf", "m3"])
    }

    @Test func loadingAModelOfMoviesNotInMoviesWarns() throws {
        let folder = try TempFolder()
        let file = try folder.write("odd.csv", "userId,movieId,rating\n1,1,4\n1,999999,3\n2,1,5\n2,888888,2\n3,2,1\n")
        h.run("load \(file)")
        h.run("train mf factors=4 epochs=1 on odd")
        h.run("save model mf \(folder.path("odd.model"))")
        let text = h.run("load model \(folder.path("odd.model")) as odd_mf")
        #expect(text.hasPrefix("warning: 2 of the model's 4 movies are not in 'movies' (they show without a title)\nodd_mf: "), "\(text)")
    }

    @Test func peopleAreFoldedInAndNewRatingsCountWithoutRetraining() throws {
        for (movie, rating) in [("Toy Story (1995)", 5.0), ("Star Wars: Episode IV - A New Hope (1977)", 4.5),
                                ("Matrix, The (1999)", 4.5), ("Titanic (1997)", 1.5)] {
            h.run("rate me \"\(movie)\" \(rating)")
        }
        h.run("train mf \(Self.quick) on few")
        let first = rowsOf(h.run("recommend me 30"))
        #expect(first.count == 30)
        #expect(Set(first.map { $0[1] }).isDisjoint(with: ["1", "260", "2571", "1721"]))
        // exclude leaves out titles with those words and nothing else.
        let isExcluded = { (title: String) in title.contains("Star Wars") || title.contains("Lord of the Rings") }
        let all = rowsOf(h.run("recommend me 3000"))
        #expect(all.contains { isExcluded($0[2]) })
        let excluding = rowsOf(h.run(#"recommend me 30 exclude "Star Wars" "Lord of the Rings""#))
        #expect(excluding.map { $0[1] } == all.filter { !isExcluded($0[2]) }.prefix(30).map { $0[1] })
        // A new rating changes the list at once, and the movie leaves it.
        let top = try #require(first.first)
        h.run("rate me \(top[1]) 1")
        let second = rowsOf(h.run("recommend me 30"))
        #expect(!second.contains { $0[1] == top[1] } && second.map { $0[4] } != first.map { $0[4] })
    }

    @Test func peopleOnTrainsThePeopleAsUsersAfterTheDataUsers() throws {
        h.run("rate me 1 5")
        h.run("rate me 260 4.5")
        h.run("rate you 2571 4")
        let text = h.run("train mf \(Self.quick) people=on on few")
        #expect(text.hasSuffix("mf: trained on few and 2 people (8,755 ratings by 62 users of 3,068 movies)\n"), "\(text)")
        let trained = try #require(h.session.workspace.models["mf"])
        // After the largest data user (60), in name order.
        #expect(trained.people == ["me": 61, "you": 62])
        #expect(h.run("models").contains("│ few + me, you │"))
        // recommend me uses user 61's trained vector, not a fold-in.
        #expect(h.run("recommend me 10 | head 10") == h.run("recommend user 61 10 | head 10"))
        let mf = try #require(trained.model as? MatrixFactorization)
        let folded = mf.itemScores(ratings: [(item: 1, rating: 5), (item: 260, rating: 4.5)]).recommend(10).map(\.item)
        #expect(rowsOf(h.run("recommend me 10")).map { Int64($0[1]) } != folded)
        // A movie rated since training is left out too.
        let top = try #require(rowsOf(h.run("recommend me 1")).first?[1])
        h.run("rate me \(top) 2")
        #expect(!rowsOf(h.run("recommend me 10")).contains { $0[1] == top })
        // Saved and loaded, the model still knows who is who.
        let folder = try TempFolder()
        h.run("save model mf \(folder.path("people.model"))")
        h.run("load model \(folder.path("people.model")) as again")
        #expect(h.session.workspace.models["again"]?.people == ["me": 61, "you": 62])
        #expect(h.run("recommend you 5 with again | head 5") == h.run("recommend you 5 with mf | head 5"))
    }

    @Test func completionOfMFWords() {
        h.run("train mf factors=4 epochs=1 on few")
        h.run("train userknn on few")
        let completer = Completer(session: h.session)
        #expect(completer.complete(word: "", before: "fit ") == ["mf"])
        #expect(completer.complete(word: "", before: "fit mf ").isEmpty)
        #expect(completer.complete(word: "", before: "save model ") == ["mf", "userknn"])
        #expect(Set(completer.complete(word: "mo", before: "save ")) == ["model", "movies"])
        #expect(completer.complete(word: "mo", before: "load ").contains("model"))
        #expect(completer.complete(word: "va", before: "train mf factors=8 ") == ["valid="])
        #expect(completer.complete(word: "p", before: "train mf ") == ["people="])
        #expect(completer.complete(word: "m", before: "train ").contains("mf"))
    }

    /// The rows of a rendered table as their cells, trimmed.
    func rowsOf(_ text: String) -> [[String]] {
        text.split(separator: "\n").filter { $0.hasPrefix("│") }.dropFirst().map { line in
            line.split(separator: "│").map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }
}
