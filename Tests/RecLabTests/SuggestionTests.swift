import Testing
@testable import RecLab

@Suite struct SuggestionTests {
    /// The full Levenshtein-with-swaps table, as the banded one must agree.
    static func reference(_ a: [Character], _ b: [Character]) -> Int {
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in stride(from: 1, through: a.count, by: 1) {
            for j in stride(from: 1, through: b.count, by: 1) {
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }

    @Test func theBandedDistanceAgreesWithTheFullTable() {
        var generator = SystemRandomNumberGenerator()
        let letters: [Character] = ["a", "b", "c", "é"]
        for _ in 0 ..< 3000 {
            let a = (0 ..< Int.random(in: 0...8, using: &generator)).map { _ in letters.randomElement(using: &generator)! }
            let b = (0 ..< Int.random(in: 0...8, using: &generator)).map { _ in letters.randomElement(using: &generator)! }
            let full = Self.reference(a, b)
            for limit in 0...4 {
                let banded = Suggestion.distance(a, b, atMost: limit)
                #expect(banded == (full <= limit ? full : nil), "\(String(a)) \(String(b)) limit \(limit): \(String(describing: banded)) vs \(full)")
            }
        }
    }

    @Test func typosAndPrefixesAreSuggested() {
        #expect(Suggestion.nearest(to: "ratng", in: ["userId", "rating"]) == "rating")
        #expect(Suggestion.nearest(to: "rtaing", in: ["userId", "rating"]) == "rating")
        #expect(Suggestion.nearest(to: "RATING", in: ["rating"]) == "rating")
        #expect(Suggestion.nearest(to: "rat", in: ["userId", "ratings_count", "rating"]) == "rating")
        #expect(Suggestion.nearest(to: "zzz", in: ["userId", "rating"]) == nil)
        #expect(Suggestion.nearest(to: "", in: ["a"]) == "a")
        #expect(Suggestion.nearest(to: "", in: ["abc"]) == nil)
    }

    /// A column name of a million characters (found by the fuzzer: an
    /// unknown column took seconds per suggestion, its cost the product of
    /// the two lengths).
    @Test func aHugeCandidateCostsOnePassAtMost() {
        let huge = String(repeating: "é", count: 1_000_000)
        #expect(Suggestion.nearest(to: "titl", in: [huge, "title"]) == "title")
        #expect(Suggestion.nearest(to: huge + "x", in: [huge]) == huge)
        #expect(Suggestion.nearest(to: huge, in: ["title"]) == nil)
    }
}
