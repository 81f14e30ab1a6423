import Foundation
import Testing
@testable import RecLabShell

/// `save model` / `load model` end to end for every kind but mf
/// (``MFVerbTests`` has mf): trained small (debug builds are slow) on the
/// ratings of users 1–60, saved, dropped and loaded, the model recommends,
/// predicts and explains as before, and a lowrank model fits on the same.
@Suite struct ModelFileVerbTests {
    let h: SessionHarness
    let folder: TempFolder

    init() throws {
        h = try SessionHarness.withMovieLens()
        folder = try TempFolder()
        h.run("few = filter ratings userId <= 60")
        h.run("rate me \"Toy Story (1995)\" 5")
        h.run("rate me 260 4.5")
        h.run("rate me 2571 2")
    }

    /// What `model` answers: recommendations for a data user and for a
    /// person, predictions for both, and (where the kind explains) why.
    /// The model's name is left out, so two models' answers compare.
    func answers(_ model: String, explains: Bool, also extra: [String] = []) -> [String] {
        var cells = ["recommend user 7 8", "recommend me 8", "predict user 7 296", "predict me 1196"]
        if explains { cells += ["explain user 7 296", "explain me 1196"] }
        // The line naming the answering model differs by its name alone
        // (`by lowrank (…)` for the trained one, `by fresh, lowrank (…),` for
        // the loaded one): left out, the rest must be the same.
        return (cells + extra).map { cell in
            h.run("\(cell) with \(model)").replacingOccurrences(of: model, with: "MODEL")
                .split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("; scores are") }.joined(separator: "\n")
        }
    }

    /// Trains `train`, saves and drops the model, loads it back; returns
    /// what saving and loading printed, after checking that the loaded
    /// model answers as the trained one did and has the same settings.
    @discardableResult
    func roundTrip(_ train: String, name: String, explains: Bool = false, also extra: [String] = [],
                   sourceLocation: SourceLocation = #_sourceLocation) -> (saved: String, loaded: String) {
        let trained = h.run(train)
        #expect(trained.contains("\(name): trained on few"), "\(trained)", sourceLocation: sourceLocation)
        let before = answers(name, explains: explains, also: extra)
        #expect(!before.contains { $0.contains("error") }, "\(before)", sourceLocation: sourceLocation)
        let settings = h.session.workspace.models[name]?.settingsText
        let path = folder.path("\(name).model")
        let saved = h.run("save model \(name) \(path)")
        h.run("drop \(name)")
        #expect(h.session.workspace.models[name] == nil, sourceLocation: sourceLocation)
        let loaded = h.run("load model \(path)")
        #expect(h.session.workspace.models[name]?.settingsText == settings, sourceLocation: sourceLocation)
        #expect(h.session.workspace.models[name]?.table == "few", sourceLocation: sourceLocation)
        #expect(answers(name, explains: explains, also: extra) == before, sourceLocation: sourceLocation)
        return (saved, loaded)
    }

    @Test func biasSavesAndLoadsBack() {
        let (saved, loaded) = roundTrip("train bias damping=3 on few", name: "bias", explains: true)
        let path = folder.path("bias.model")
        #expect(saved.hasPrefix("saved bias (bias) to \(path) (") && saved.hasSuffix(" KB)\n"), "\(saved)")
        #expect(loaded == "bias: bias model loaded from \(path) (8,752 ratings by 60 users of 3,068 movies)\n")
    }

    @Test func popularSavesAndLoadsBack() {
        roundTrip("train popular on few", name: "popular", explains: true)
    }

    @Test func userKNNSavesAndLoadsBack() {
        roundTrip("train userknn nbrs=10 min_nbrs=2 on few", name: "userknn", explains: true)
    }

    @Test func itemKNNSavesAndLoadsBack() {
        roundTrip("train itemknn nbrs=12 center=off on few", name: "itemknn", explains: true, also: ["similar 1 5"])
    }

    @Test func alsSavesAndLoadsBack() {
        roundTrip("train als features=4 samples=6 burn=2 on few", name: "als", also: ["similar 1 5"])
        h.run("load model \(folder.path("als.model")) as again")
        for cell in ["bias MODEL top 5", "pca MODEL 20"] {
            let answer = { (model: String) in
                self.h.run(cell.replacingOccurrences(of: "MODEL", with: model)).replacingOccurrences(of: model, with: "MODEL")
            }
            #expect(answer("again") == answer("als"), "\(cell)")
        }
    }

    @Test func lowRankSavesLoadsAndFitsOnTheSame() {
        let (saved, loaded) = roundTrip("train lowrank features=4 iters=20 on few", name: "lowrank")
        let path = folder.path("lowrank.model")
        #expect(saved.hasPrefix("saved lowrank (lowrank, 20 iterations) to \(path) ("), "\(saved)")
        #expect(loaded == "lowrank: lowrank model loaded from \(path) (20 iterations; 8,752 ratings by 60 users of 3,068 movies)\n")
        // Trained again (the same seed gives the same model) and never
        // saved, it fits on to the same model as the loaded one.
        h.run("fresh = train lowrank features=4 iters=20 on few")
        let a = h.run("fit fresh 15"), b = h.run("fit lowrank 15")
        #expect(a.hasPrefix("fresh: 15 more iterations (35 in all)"), "\(a)")
        #expect(a.replacingOccurrences(of: "fresh:", with: "lowrank:") == b)
        #expect(answers("lowrank", explains: false) == answers("fresh", explains: false))
    }

    @Test func saveModelCompletesEveryKind() {
        h.run("train bias on few")
        h.run("train popular on few")
        let completer = Completer(session: h.session)
        #expect(completer.complete(word: "", before: "save model ") == ["bias", "popular"])
    }
}
