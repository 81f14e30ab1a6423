import Testing
@testable import RecLab

/// A small example worked by hand. With a = 1/√2, the normalised item
/// vectors over users 1, 2, 3 are
/// A (10) = (a, −a, ·), μ 3;  B (20) = (a, −a, ·), μ 4;
/// C (30) = (−a, a, ·), μ 3;  D (40) = (a, ·, −a), μ 4;
/// E (50) has one rating (user 4), so the zero vector and no neighbours.
/// sim(A, B) = 2a², sim(A, D) = sim(B, D) = a² (computed alike, so exactly
/// equal); every pair with C is negative, so dropped. LensKit's ItemItem
/// on the same ratings gives the same rows (D: B, then A) and scores.
@Suite struct ItemKNNTests {
    static func matrix() throws -> RatingMatrix {
        let rows: [(Int64, Int64, Double)] = [
            (1, 10, 4), (1, 20, 5), (1, 30, 2), (1, 40, 5),
            (2, 10, 2), (2, 20, 3), (2, 30, 4),
            (3, 40, 3),
            (4, 50, 5),
        ]
        let table = try Table(columns: [
            Column(name: "userId", integers: rows.map(\.0)), Column(name: "movieId", integers: rows.map(\.1)),
            Column(name: "rating", decimals: rows.map(\.2)),
        ])
        return try RatingMatrix.build(from: table)
    }

    static func model(_ parameters: ItemKNN.Parameters = .init()) throws -> ItemKNN {
        try ItemKNN.train(matrix(), parameters: parameters)
    }

    /// Rates A 5 (c = 2) and B 4 (c = 0); movie 99 is unknown and dropped.
    static let person: [(item: Int64, rating: Double)] = [(10, 5), (20, 4), (99, 1)]

    static let half = (1 / 2.0.squareRoot()) * (1 / 2.0.squareRoot())

    func close(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) < 1e-12 } ?? false }

    @Test func meansAndNeighbourRows() throws {
        let m = try Self.model()
        #expect(m.itemMeans == [3, 4, 3, 4, 5])
        #expect(m.similarityCount == 6)
        let a = try #require(m.similarItems(to: 10, count: 5))
        #expect(a.map(\.item) == [20, 40] && close(a[0].score, 2 * Self.half) && close(a[1].score, Self.half))
        #expect(m.similarItems(to: 30, count: 5)?.isEmpty == true)
        #expect(m.similarItems(to: 50, count: 5)?.isEmpty == true)
        #expect(m.similarItems(to: 77, count: 5) == nil)
        #expect(m.similarity(between: 30, and: 10) == nil && close(m.similarity(between: 40, and: 20), Self.half))
    }

    @Test func exactTiesComeOutInLensKitsHeapOrder() throws {
        // Row D holds A and B at exactly equal similarity; inserted A then B,
        // the heap sort puts B first (a sort by id would put A first).
        let m = try Self.model()
        let d = try #require(m.similarItems(to: 40, count: 5))
        #expect(d.map(\.item) == [20, 10])
        #expect(d[0].score == d[1].score)
    }

    @Test func scoreIsTheWeightedAverageOfCentredRatings() throws {
        let s = try Self.model().itemScores(ratings: Self.person)
        #expect(s.ratingCount == 3 && s.knownCount == 2 && s.candidateCount == 3)
        // D: μ 4 + (0·a² + 2·a²) / (a² + a²) = 5.
        #expect(s.score(ofItem: 40) == 5)
        #expect(s.score(ofItem: 30) == nil && s.score(ofItem: 50) == nil && s.score(ofItem: 10) == nil)
        #expect(s.scoredCount == 1 && s.problem == nil)
        #expect(s.recommend(5).map(\.item) == [40])
    }

    @Test func neighbourCapTakesTheFirstRatedInRowOrder() throws {
        // With one neighbour, D uses B (first in its row): 4 + 0 = 4, where
        // A first would give 6.
        let s = try Self.model(.init(neighbours: 1)).itemScores(ratings: Self.person)
        #expect(s.score(ofItem: 40) == 4)
    }

    @Test func singleNeighbourIsTheCentredRatingItself() throws {
        // User 3 rated only D (3, so c = −1): A and B each have D alone.
        let s = try Self.model().itemScores(user: 3)
        #expect(s.score(ofItem: 10) == 2 && s.score(ofItem: 20) == 3)
        #expect(s.score(ofItem: 40) == nil && s.scoredCount == 2 && s.candidateCount == 4)
        #expect(throws: RecLabError.self) { try Self.model().itemScores(user: 99) }
    }

    @Test func minNeighboursCutsAndSaysWhy() throws {
        let m = try Self.model(.init(neighbours: 3, minNeighbours: 3))
        let s = m.itemScores(ratings: Self.person)
        #expect(s.scoredCount == 0)
        #expect(s.problem?.hasPrefix("no movie you have not rated has at least 3 of your rated movies") == true)
        let e = try #require(m.explain(ratings: Self.person, item: 40))
        #expect(e.score == nil && e.reason == .tooFewNeighbours(found: 2, needed: 3))
        #expect(e.reason?.description == "only 2 rated movies are neighbours; min_nbrs is 3")
    }

    @Test func explanationShowsTheArithmetic() throws {
        let m = try Self.model()
        let e = try #require(m.explain(ratings: Self.person, item: 40))
        #expect(e.neighbours.map(\.item) == [20, 10])
        #expect(e.neighbours.map(\.rating) == [4, 5] && e.neighbours.map(\.centredRating) == [0, 2])
        #expect(e.neighbourCount == 2 && e.ratedNeighbourCount == 2 && e.maxNeighbours == 20 && e.minNeighbours == 1)
        #expect(e.itemMean == 4 && close(e.weightedSum, 2 * Self.half) && close(e.similaritySum, 2 * Self.half))
        #expect(e.score == 5 && e.reason == nil)

        let none = try #require(m.explain(ratings: Self.person, item: 30))
        #expect(none.score == nil && none.reason == .tooFewNeighbours(found: 0, needed: 1) && none.neighbourCount == 0)
        #expect(none.reason?.description == "none of the rated movies is a neighbour of it")
        #expect(m.explain(ratings: Self.person, item: 10)?.reason == .ratedByPerson)
        #expect(m.explain(ratings: Self.person, item: 99) == nil)
        #expect(try m.explain(user: 3, item: 10)?.score == 2)
    }

    @Test func problemsWhenNothingIsKnown() throws {
        let m = try Self.model()
        #expect(m.itemScores(ratings: []).problem == "no ratings given; rate some movies first")
        #expect(m.itemScores(ratings: [(99, 4), (98, 2)]).problem
                == "none of your 2 rated movies is in the training ratings")
        // A later rating of the same movie overwrites the earlier one.
        let twice = m.itemScores(ratings: [(10, 1), (20, 4), (10, 5)])
        #expect(twice.ratingCount == 2 && twice.score(ofItem: 40) == 5)
    }

    @Test func withoutCentringScoresAreWeightedAveragesOfRawRatings() throws {
        let m = try Self.model(.init(center: false))
        #expect(m.itemMeans == [0, 0, 0, 0, 0])
        let e = try #require(m.explain(ratings: Self.person, item: 30))
        let score = try #require(e.score)
        #expect(e.itemMean == 0 && e.neighbours.map(\.centredRating) == e.neighbours.map(\.rating))
        #expect(close(score, e.weightedSum / e.similaritySum))
        // LensKit's ItemItem(20, center=False) on the same data.
        #expect(abs(score - 4.486718223898903) < 1e-12)
        #expect(abs((m.itemScores(ratings: Self.person).score(ofItem: 40) ?? 0) - 4.51054108144973) < 1e-12)
        #expect(m.settings.map(\.value) == ["20", "1", "1e-06", "off"])
    }

    @Test func parametersAreChecked() throws {
        #expect(throws: RecLabError.self) { try Self.model(.init(neighbours: 0)) }
        #expect(throws: RecLabError.self) { try Self.model(.init(minNeighbours: 0)) }
        #expect(throws: RecLabError.self) { try Self.model(.init(minSimilarity: .nan)) }
        do {
            _ = try Self.model(.init(neighbours: 2, minNeighbours: 3))
            Issue.record("min_nbrs above nbrs was accepted")
        } catch {
            #expect((error as? RecLabError)?.subject == "min_nbrs")
        }
        #expect(try Self.model().settings.map(\.key) == ["nbrs", "min_nbrs", "min_sim", "center"])
        #expect(ItemKNN.algorithm == "itemknn")
    }

    @Test func cancelledTrainingThrowsCancelled() throws {
        let token = Cancellation()
        token.cancel()
        #expect(throws: RecLabError.cancelled) { try ItemKNN.train(Self.matrix(), cancel: token) }
    }

    @Test func tooManySimilaritiesForMemoryIsAnErrorNotACrash() throws {
        // The example keeps 6 similarities, 72 bytes.
        let matrix = try Self.matrix()
        #expect(try ItemKNN.train(matrix, parameters: .init(), memoryLimit: 72, cancel: .never).similarityCount == 6)
        do {
            _ = try ItemKNN.train(matrix, parameters: .init(), memoryLimit: 71, cancel: .never)
            Issue.record("a model over the memory limit was built")
        } catch {
            #expect(error.subject == "min_sim")
            #expect(error.message.hasPrefix("itemknn would keep 6 similarities (0.0 GB), more than half"))
        }
    }

    @Test func heapSortKeepsLensKitsOrderForTies() {
        // Inserted in this order, LensKit's kvp_minheap_insert and
        // kvp_minheap_sort (run on the same input) yield 0.9 (item 1), then
        // the three 0.5s as items 2, 0, 4, then 0.1 (item 3).
        let heap = SimilarityHeap(capacity: 5)
        for (item, s) in [(0, 0.5), (1, 0.9), (2, 0.5), (3, 0.1), (4, 0.5)] {
            heap.insert(item: Int32(item), similarity: s)
        }
        heap.sortDescending()
        var items: [Int32] = [], values: [Double] = []
        heap.append(to: &items, &values)
        #expect(values == [0.9, 0.5, 0.5, 0.5, 0.1])
        #expect(items == [1, 2, 0, 4, 3])
    }
}
