import Foundation
import Testing
@testable import RecLabShell

/// Reading results: how to see every row, and a table replaced by a load
/// or a binding said to be replaced.
@Suite struct ResultReadingTests {
    let h = SessionHarness()

    init() { h.run("load movielens small") }

    @Test func theTruncationLineSaysHowToSeeEveryRow() {
        let out = h.run("stats ratings by movieId")
        #expect(out.hasSuffix("… 9,704 more rows (set rows all)\n"), "\(out.suffix(80))")
    }

    @Test func setRowsAllShowsEveryRow() {
        h.run("set rows all")
        let out = h.run("stats ratings by movieId")
        #expect(!out.contains("more rows"))
        #expect(out.split(separator: "\n").filter { $0.hasPrefix("│") }.count == 9_724 + 1)
        #expect(h.run("set").hasPrefix("rows       all\n"))
        h.refuses("set rows many", blaming: "many") { $0.hasPrefix("expected rows (a number), found 'many'; usage: set rows N|all") }
    }

    @Test func aReplacedTableIsSaidToBeReplaced() {
        #expect(h.run("t = head ratings 5") == "t: 5 rows × 4 columns\n")
        #expect(h.run("t = head ratings 3") == "t: 3 rows × 4 columns (replaced 5 rows)\n")
        let again = h.run("load movielens small")
        #expect(again.hasPrefix("ratings: 100,836 rows × 4 columns (replaced 100,836 rows)\n"), "\(again)")
    }

    @Test func recommendSaysWhichModelAnsweredAndHowToReadItsScores() {
        h.run("rate jabril 1 5")
        h.run("rate jabril 260 4.5")
        h.run("train userknn")
        let out = h.run("recommend jabril 3")
        #expect(out.hasSuffix("by userknn (nbrs=15, min_nbrs=3) for jabril; "
                              + "scores are predicted ratings and can pass the top of the rating scale\n"), "\(out)")
        h.run("knn30 = train userknn nbrs=30 min_sim=0.1")
        h.run("train bias")
        let named = h.run("recommend user 42 3 with knn30")
        #expect(named.hasSuffix("by knn30, userknn (nbrs=30, min_nbrs=3, min_sim=0.1), for user 42; "
                                + "scores are predicted ratings and can pass the top of the rating scale\n"), "\(named)")
        // The last trained model answers, and says so.
        #expect(h.run("recommend jabril 2").hasSuffix("by bias (damping=5) for jabril; "
                                                     + "scores are predicted ratings: the mean rating plus the movie's and the person's bias\n"))
        // In a pipe or a binding, the result is the table alone.
        #expect(h.run("top5 = recommend jabril 5") == "top5: 5 rows × 5 columns\n")
        #expect(!h.run("recommend jabril 5 | head 2").contains("by bias"))
    }

    @Test func predictAndSimilarSayItToo() {
        h.run("rate jabril 1 5")
        h.run("m = train mf epochs=1 factors=4")
        let predicted = h.run("predict jabril 260")
        let lines = predicted.split(separator: "\n")
        #expect(lines.count == 2 && lines[0].hasPrefix("m predicts "), "\(predicted)")
        #expect(lines.last == "m is mf (factors=4, epochs=1); scores are predicted ratings, squeezed by a sigmoid into the model's range")
        let similar = h.run("similar 1 3")
        #expect(similar.hasSuffix("by m, mf (factors=4, epochs=1), in its movie space; "
                                  + "similarity is the cosine of the movie vectors: 1 points the same way\n"), "\(similar)")
        #expect(h.run("similar 1 3 metric l1").hasSuffix("difference is the sum of absolute differences of the movie vectors: lower is closer\n"))
        h.run("train popular")
        #expect(h.run("recommend jabril 2").hasSuffix("by popular for jabril; scores are numbers of ratings: "
                                                     + "everyone gets the same list, less what they rated\n"))
    }

    @Test func lowrankSaysHowManyIterationsRanApartFromItsSettings() {
        h.run("train lowrank features=3 iters=4")
        let out = h.run("similar 1 2")
        #expect(out.contains("by lowrank (features=3, reg=0.1; 4 iterations) in its movie space"), "\(out)")
    }
}
