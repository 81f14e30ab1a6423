import Foundation
import Testing
import RecLab
@testable import RecLabShell

/// An `mf` model of all of ml-latest-small, trained once for these tests
/// with the engine and shared by them (training it per test through the
/// shell would cost seconds each in a debug build). 20 factors and 3 epochs
/// keep it to a few seconds.
enum SmallMF {
    static let model: Result<MatrixFactorization, any Error> = Result {
        let h = try SessionHarness.withMovieLens()
        guard let ratings = h.session.workspace.tables["ratings"] else { throw RecLabError("no ratings") }
        return try MatrixFactorization.train(RatingMatrix.build(from: ratings),
                                             parameters: .init(factors: 20, epochs: 3, seed: 42))
    }

    /// A session with ml-latest-small loaded and the model bound as `mf`.
    static func session() throws -> (SessionHarness, MatrixFactorization) {
        let h = try SessionHarness.withMovieLens()
        let model = try model.get()
        h.session.workspace.bind(TrainedModel(name: "mf", model: model, table: "ratings", seconds: 0))
        return (h, model)
    }
}

/// The cells of a rendered table's rows, trimmed, and its header's names.
func tableRows(_ text: String) -> [[String]] {
    text.split(separator: "\n").filter { $0.hasPrefix("│") }.dropFirst().map { line in
        line.split(separator: "│").map { $0.trimmingCharacters(in: .whitespaces) }
    }
}

func tableHeader(_ text: String) -> [String] {
    guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("│") }) else { return [] }
    return line.split(separator: "│").map { $0.trimmingCharacters(in: .whitespaces) }
}

/// `similar`, `bias` and `pca` end to end on ml-latest-small.
@Suite struct MovieSpaceVerbTests {
    static let maryPoppins: Int64 = 1028

    @Test func alsHasAMovieSpaceAndBiasesToo() throws {
        let h = try SessionHarness.withMovieLens()
        #expect(h.run("train als features=8 iters=2 samples=0").hasPrefix("als: trained on ratings"))
        let similar = tableRows(h.run(#"similar "Mary Poppins (1964)" 5"#))
        #expect(similar.count == 5 && !similar.contains { $0[1] == "1028" }, "\(similar)")
        let top = tableRows(h.run("bias als top 3 min 20")), bottom = tableRows(h.run("bias als bottom 3 min 20"))
        #expect(top.count == 3 && bottom.count == 3)
        let (best, worst) = (top.compactMap { Double($0[6]) }, bottom.compactMap { Double($0[6]) })
        #expect(best.count == 3 && worst.count == 3 && best.allSatisfy { b in worst.allSatisfy { $0 < b } }, "\(top) \(bottom)")
        #expect(tableRows(h.run("p = pca als 10; head p 20")).count == 10)
    }

    @Test func similarToMaryPoppinsOnATrainedMF() throws {
        let (h, model) = try SmallMF.session()
        let out = h.run(#"similar "Mary Poppins (1964)""#)
        #expect(tableHeader(out) == ["rank", "movieId", "title", "genres", "count", "similarity"])
        let rows = tableRows(out)
        #expect(rows.count == 10 && rows.map { $0[0] } == (1 ... 10).map(String.init))
        // The engine ranks the movie itself first (similarity 1); the verb leaves it out.
        let engine = try model.similarItems(to: Self.maryPoppins, count: 11)
        #expect(engine.first?.item == Self.maryPoppins)
        #expect(rows.map { $0[1] } == engine.dropFirst().map { String($0.item) })
        let similarities = rows.compactMap { Double($0[5]) }
        #expect(similarities.count == 10 && zip(similarities, similarities.dropFirst()).allSatisfy { $0 >= $1 })
        // Counts are the movies' ratings in the training data.
        for row in rows {
            let id = try #require(Int64(row[1]))
            #expect(row[4] == String(model.matrix.entries(ofItem: model.matrix.itemIndex(of: id) ?? -1).count))
        }
        // The model learned something: family films and musicals sit near Mary Poppins.
        let neighbours = tableRows(h.run(#"similar "Mary Poppins (1964)" 10 min 50"#))
        #expect(neighbours.contains { $0[3].contains("Children") || $0[3].contains("Musical") }, "\(neighbours)")
        // The same through `with` and by movieId.
        #expect(tableRows(h.run("similar 1028 with mf")) == rows)
    }

    @Test func minCountLeavesOutRarelyRatedMovies() throws {
        let (h, _) = try SmallMF.session()
        let unfiltered = tableRows(h.run("similar 1028 300"))
        let filtered = tableRows(h.run("similar 1028 10 min 50"))
        #expect(filtered.count == 10 && !filtered.contains { $0[1] == "1028" })
        #expect(filtered.allSatisfy { (Int($0[4]) ?? 0) >= 50 })
        // What min 50 leaves is the plain list without the rarely rated movies.
        let expected = unfiltered.filter { (Int($0[4]) ?? 0) >= 50 }.prefix(10)
        #expect(filtered.map { $0[1] } == expected.map { $0[1] })
        // No movie is rated 1,000 times: nothing is left but the movie asked about, which is never listed.
        #expect(h.run("similar 3 5 min 1000").hasPrefix("(mf keeps no movie similar to Grumpier Old Men (1995) with 1000 ratings or more)"))
    }

    @Test func l1RanksBySummedDifference() throws {
        let (h, model) = try SmallMF.session()
        let out = h.run("similar 1028 5 metric l1")
        #expect(tableHeader(out).last == "difference")
        let rows = tableRows(out)
        let differences = rows.compactMap { Double($0[5]) }
        #expect(!rows.contains { $0[1] == "1028" } && differences.count == 5)
        #expect(zip(differences, differences.dropFirst()).allSatisfy { $0 <= $1 })
        // The first is the nearest other movie by a direct sum of |differences|.
        let query = try #require(model.itemVector(of: Self.maryPoppins))
        let distances = model.matrix.itemIds.map { id in
            (id, zip(model.itemVector(of: id) ?? [], query).reduce(0.0) { $0 + Double(abs($1.0 - $1.1)) })
        }.filter { $0.0 != Self.maryPoppins }
        let nearest = try #require(distances.min { $0.1 < $1.1 })
        #expect(rows[0][1] == String(nearest.0))
        #expect(abs(differences[0] - nearest.1) < 1e-3)
    }

    @Test func itemknnListsItsKeptNeighboursAndIsTheDefaultWhenTrainedLast() throws {
        let (h, _) = try SmallMF.session()
        h.run("train itemknn")
        h.run("train bias")  // last, but with no movie space: similar skips it
        let rows = tableRows(h.run(#"similar "Mary Poppins (1964)" 5"#))
        let knn = try #require(h.session.workspace.models["itemknn"]?.model as? ItemKNN)
        let kept = try #require(knn.similarItems(to: Self.maryPoppins, count: 5))
        #expect(rows.map { $0[1] } == kept.map { String($0.item) })
        #expect(!rows.contains { $0[1] == "1028" })
        #expect(rows.map { $0[5] } == kept.map { $0.score.formatted(fractionDigits: 4) })
        let popular = tableRows(h.run(#"similar "Mary Poppins (1964)" 5 min 50 with itemknn"#))
        #expect(popular.count == 5 && popular.allSatisfy { (Int($0[4]) ?? 0) >= 50 })
        // With mf named, the vectors answer instead.
        let byVectors = try #require(h.session.workspace.models["mf"]?.model as? MatrixFactorization)
        #expect(tableRows(h.run("similar 1028 3 with mf")).map { $0[1] }
                == (try byVectors.similarItems(to: Self.maryPoppins, count: 4)).dropFirst().map { String($0.item) })
    }

    @Test func biasTopAndBottomOnABiasModel() throws {
        let h = try SessionHarness.withMovieLens()
        h.run("b = train bias damping=5")
        let model = try #require(h.session.workspace.models["b"]?.model as? BiasModel)
        let out = h.run("bias b")
        #expect(tableHeader(out) == ["rank", "movieId", "title", "genres", "year", "count", "bias"])
        let top = tableRows(out)
        #expect(top.map { $0[1] } == model.itemsByBias(10).map { String($0.item) })
        #expect(top[0][1] == "318" && top[0][4] == "1994" && top[0][5] == "317")
        let bottom = tableRows(h.run("bias b bottom 5"))
        #expect(bottom.map { $0[1] } == model.itemsByBias(5, lowest: true).map { String($0.item) })
        let biases = bottom.compactMap { Double($0[6]) }
        #expect(biases.count == 5 && zip(biases, biases.dropFirst()).allSatisfy { $0 <= $1 } && biases[0] < 0)
        // min 50: the full ranking without the rarely rated movies.
        let all = tableRows(h.run("bias b top 300"))
        let floored = tableRows(h.run("bias b top 10 min 50"))
        #expect(floored.map { $0[1] } == all.filter { (Int($0[5]) ?? 0) >= 50 }.prefix(10).map { $0[1] })
        #expect(tableRows(h.run("bias b min 50 bottom 3")).allSatisfy { (Int($0[5]) ?? 0) >= 50 })
    }

    @Test func biasOnMFIsItsItemBiases() throws {
        let (h, model) = try SmallMF.session()
        let rows = tableRows(h.run("bias mf top 5"))
        let biases = model.itemBiases
        let order = biases.indices.sorted { biases[$0] > biases[$1] }
        #expect(rows.map { $0[1] } == order.prefix(5).map { String(model.matrix.itemIds[$0]) })
        #expect(rows.map { $0[6] } == order.prefix(5).map { biases[$0].formatted(fractionDigits: 4) })
        let lowest = tableRows(h.run("bias mf bottom 1"))
        #expect(lowest.first?[1] == order.last.map { String(model.matrix.itemIds[$0]) })
    }

    @Test func pcaPrintsTheTableTheShareOfVarianceAndAPlotThatFits() throws {
        let (h, model) = try SmallMF.session()
        h.run("set width 80")
        let out = h.run("pca mf 50")
        let points = model.matrix.mostRatedItems(50).map { model.itemVector(index: $0).map(Double.init) }
        let shares = try PrincipalComponents(points: points).varianceShares.map { ($0 * 100).formatted(fractionDigits: 1) }
        #expect(out.hasPrefix("mf: the 20-factor vectors of the 50 most-rated movies, centred\n"
                              + "pc1 explains \(shares[0])% of their variance, pc2 \(shares[1])%\n"), "\(out.prefix(200))")
        #expect(tableHeader(out) == ["rank", "movieId", "title", "count", "pc1", "pc2"])
        #expect(tableRows(out).first?.prefix(4) == ["1", "356", "Forrest Gump (1994)", "329"])
        #expect(out.contains("… 30 more rows (set rows all)"))
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { $0.displayWidth <= 80 }, "\(lines.filter { $0.displayWidth > 80 })")
        #expect(out.contains("\npc2\n") && out.hasSuffix("pc1\n"))
        #expect(out.unicodeScalars.contains { (0x2801 ... 0x28FF).contains($0.value) })
    }

    @Test func twoMoviesSpanOneComponentAndTheOtherIsZero() throws {
        let (h, _) = try SmallMF.session()
        h.run("set width 80")
        let out = h.run("pca mf 2")
        #expect(out.contains("pc2 0.0%"), "\(out)")
        // pc2 is 0 exactly: its axis is drawn around 0, not over rounding noise.
        #expect(out.contains(" 0.0 ┤") && !out.contains("0.0000000") && !out.contains("e-1"), "\(out)")
        #expect(out.contains("Forrest Gump") && out.contains("Shawshank Redemption"))
    }

    @Test func boundPCAIsATableOfCentredCoordinates() throws {
        let (h, _) = try SmallMF.session()
        #expect(h.run("p = pca mf 200") == "p: 200 rows × 6 columns\n")
        let table = try #require(h.session.workspace.tables["p"])
        let pc1 = try #require(table.column(named: "pc1")), pc2 = try #require(table.column(named: "pc2"))
        let x = (0 ..< 200).compactMap { pc1.number(at: $0) }, y = (0 ..< 200).compactMap { pc2.number(at: $0) }
        #expect(abs(x.reduce(0, +) / 200) < 1e-9 && abs(y.reduce(0, +) / 200) < 1e-9)
        // pc1 spreads the movies at least as much as pc2.
        #expect(x.reduce(0) { $0 + $1 * $1 } >= y.reduce(0) { $0 + $1 * $1 })
        let counts = try #require(table.column(named: "count"))
        let c = (0 ..< 200).compactMap { counts.integer(at: $0) }
        #expect(zip(c, c.dropFirst()).allSatisfy { $0 >= $1 })
    }
}

/// Every bad input to `similar`, `bias` and `pca` gets one line, a caret
/// under the word at fault, and changes nothing.
@Suite struct BadMovieSpaceInputTests {
    @Test func withoutAModelThatHasWhatTheVerbNeeds() throws {
        let h = try SessionHarness.withMovieLens()
        h.refuses("similar 1", blaming: "similar",
                  with: "no model with movie space yet: similar works with mf, als, lowrank, implicit, bpr or itemknn models; train one first")
        h.run("train userknn")
        h.refuses("similar 1", blaming: "similar") { $0.hasPrefix("no model with movie space yet") }
        h.refuses("similar 1 with userknn", blaming: "userknn",
                  with: "'userknn' is a userknn model, which has no movie space; similar works with mf, als, lowrank, implicit, bpr or itemknn models")
        h.refuses("bias userknn", blaming: "userknn",
                  with: "'userknn' is a userknn model, which has no movie biases; bias works with mf, als, bpr or bias models")
        h.refuses("pca userknn", blaming: "userknn") { $0.hasPrefix("'userknn' is a userknn model, which has no movie vectors") }
        h.run("train popular")
        h.refuses("bias popular", blaming: "popular") { $0.contains("which has no movie biases") }
    }

    @Test func similarsWords() throws {
        let (h, _) = try SmallMF.session()
        h.run("train bias")
        h.refuses("similar", with: "expected a movie (a movieId or a title in quotes); usage: similar MOVIE [N] [with MODEL] [metric cosine|l1] [min N]")
        h.refuses(#"similar "Mary Popins""#, blaming: #""Mary Popins""#) { $0.hasPrefix("no movie titled 'Mary Popins'") }
        h.refuses(#"similar "star wars""#, blaming: #""star wars""#) { $0.hasPrefix("'star wars' matches 13 movies") }
        h.refuses("similar 1076", blaming: "1076",
                  with: "nobody in 'ratings' rated Innocents, The (1961), so mf has no place for it in its movie space")
        h.refuses("similar 1 0", blaming: "0", with: "the number of movies must be a whole number from 1 to 1000000")
        h.refuses("similar 1 -3", blaming: "-3", with: "the number of movies must be a whole number from 1 to 1000000")
        h.refuses("similar 1 with bias", blaming: "bias",
                  with: "'bias' is a bias model, which has no movie space; similar works with mf, als, lowrank, implicit, bpr or itemknn models (yours: mf)")
        h.refuses("similar 1 with mff", blaming: "mff", with: "unknown model 'mff'; did you mean 'mf'?")
        h.refuses("similar 1 with", with: "expected a model name; usage: similar MOVIE [N] [with MODEL] [metric cosine|l1] [min N]")
        h.refuses("similar 1 with mf with mf", blaming: "with", with: "'with' is given twice")
        h.refuses("similar 1 metric cosin", blaming: "cosin", with: "unknown metric 'cosin'; did you mean 'cosine'?")
        h.refuses("similar 1 metric") { $0.hasPrefix("expected a metric (cosine or l1)") }
        h.refuses("similar 1 min") { $0.hasPrefix("expected the least number of ratings after 'min'") }
        h.refuses("similar 1 min -1", blaming: "-1",
                  with: "the least number of ratings after 'min' must be a whole number from 0 to 2147483647")
        h.refuses("similar 1 min 5 min 6", blaming: "min", with: "'min' is given twice")
        h.refuses("similar 1 5 banana", blaming: "banana") { $0.hasPrefix("unexpected 'banana'") }
        h.run("train itemknn")
        h.refuses("similar 1 metric l1", blaming: "l1",
                  with: "'itemknn' is an itemknn model: it keeps similarities, not vectors, so it has no 'metric l1' (use an mf, als, lowrank, implicit or bpr model)")
        // A movie the itemknn model never saw: trained on ratings without it.
        h.run("few = filter ratings movieId != 1028")
        h.run("knn = train itemknn on few")
        h.refuses("similar 1028 with knn", blaming: "1028") { $0.hasPrefix("nobody in 'few' rated Mary Poppins (1964)") }
    }

    @Test func biasWords() throws {
        let (h, _) = try SmallMF.session()
        let usage = "bias MODEL [top|bottom] [N] [min N]"
        h.refuses("bias", with: "expected a model with movie biases (mf, als, bpr or bias); usage: \(usage)")
        h.refuses("bias nothing", blaming: "nothing", with: "unknown model 'nothing' (models: mf)")
        h.refuses("bias mf sideways", blaming: "sideways", with: "unexpected 'sideways'; usage: \(usage)")
        h.refuses("bias mf top bottom", blaming: "bottom", with: "'top' or 'bottom' is given twice")
        h.refuses("bias mf 0", blaming: "0", with: "the number of movies must be a whole number from 1 to 1000000")
        h.refuses("bias mf 5 6", blaming: "6", with: "the number of movies is given twice")
        h.refuses("bias mf 2.5", blaming: "2.5", with: "the number of movies must be a whole number from 1 to 1000000")
        h.refuses("bias mf min x", blaming: "x") { $0.hasPrefix("expected the least number of ratings after 'min'") }
        h.refuses("t = bias mf min 1000000", blaming: "t", with: "'bias' gives no table to bind to 't'")
    }

    @Test func pcaWords() throws {
        let (h, _) = try SmallMF.session()
        h.run("train itemknn")
        h.refuses("pca", with: "expected a model with movie vectors (mf, als, lowrank, implicit or bpr); usage: pca MODEL [N] [to PATH.svg]")
        h.refuses("pca itemknn", blaming: "itemknn",
                  with: "'itemknn' is an itemknn model, which has no movie vectors; pca works with mf, als, lowrank, implicit or bpr models (yours: mf)")
        h.refuses("pca mf 1", blaming: "1", with: "the number of movies must be a whole number from 2 to 1000000")
        h.refuses("pca mf 20000", blaming: "20000", with: "mf has vectors for 9,724 movies only; ask for 2 to 9724")
        h.refuses("pca mf 50 60", blaming: "60", with: "unexpected '60'; usage: pca MODEL [N] [to PATH.svg]")
        // Piped, pca passes its table alone: no notes, no dots.
        let piped = h.run("pca mf | head 3")
        #expect(piped.contains("pc1 │") && piped.split(separator: "\n").count == 7 && !piped.contains("explains"), "\(piped)")
    }
}
