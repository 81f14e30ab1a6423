import Foundation
import Testing
@testable import RecLab

@Suite struct ImplicitMFTests {
    /// 20 users and 20 movies: users 1–10 rate mostly movies 10–100,
    /// users 11–20 mostly 110–200, with a few crossings and varied ratings
    /// (which `implicit` must ignore).
    static func matrix() throws -> RatingMatrix {
        var u: [Int64] = [], i: [Int64] = [], r: [Double] = []
        var g = SeededGenerator(seed: 9)
        for user in 1 ... 20 {
            for item in 1 ... 20 {
                let sameGroup = (user <= 10) == (item <= 10)
                guard g.uniform() < (sameGroup ? 0.6 : 0.05) else { continue }
                u.append(Int64(user))
                i.append(Int64(item * 10))
                r.append(Double(1 + g.next(below: 9)) / 2)
            }
        }
        return try RatingMatrix.build(from: Table(columns: [
            Column(name: "userId", integers: u), Column(name: "movieId", integers: i), Column(name: "rating", decimals: r),
        ]))
    }

    static let parameters = ImplicitMF.Parameters(features: 4, iterations: 6, regularization: 0.1, weight: 40, seed: 7)

    /// Row `r` of `rows` (k numbers each).
    static func row(_ rows: [Double], _ r: Int, _ k: Int) -> [Double] { Array(rows[r * k ..< (r + 1) * k]) }

    /// A and b of one row's system, summed naively: A = OᵀO + reg·I +
    /// w Σ o_j o_jᵀ, b = (1 + w) Σ o_j over the rated columns j.
    static func system(rated: [Int], other: [Double], otherCount: Int, k: Int, reg: Double,
                       weight: Double) -> (a: [Double], b: [Double]) {
        var a = [Double](repeating: 0, count: k * k), b = [Double](repeating: 0, count: k)
        for j in 0 ..< otherCount {
            let o = row(other, j, k)
            for f in 0 ..< k { for h in 0 ..< k { a[f * k + h] += o[f] * o[h] } }
        }
        for f in 0 ..< k { a[f * k + f] += reg }
        for j in rated {
            let o = row(other, j, k)
            for f in 0 ..< k {
                b[f] += (1 + weight) * o[f]
                for h in 0 ..< k { a[f * k + h] += weight * o[f] * o[h] }
            }
        }
        return (a, b)
    }

    @Test func everyMovieRowSolvesItsNormalEquationsForTheFinalUserVectors() throws {
        // Each iteration ends with the movies' half-sweep, so the movie
        // rows are exact solutions against the final user vectors.
        let matrix = try Self.matrix()
        let model = try ImplicitMF.train(matrix, parameters: Self.parameters)
        let k = model.factors
        for i in 0 ..< matrix.itemCount {
            let rated = matrix.entries(ofItem: i).map { Int(matrix.itemUsers[$0]) }
            let (a, b) = Self.system(rated: rated, other: model.users, otherCount: matrix.userCount, k: k,
                                     reg: 0.1, weight: 40)
            let x = model.itemRow(i)
            let norm = b.reduce(0) { $0 + $1 * $1 }.squareRoot()
            #expect(norm > 0)
            var residual = 0.0
            for f in 0 ..< k {
                let ax = (0 ..< k).reduce(0.0) { $0 + a[f * k + $1] * x[$1] }
                residual += (ax - b[f]) * (ax - b[f])
            }
            #expect(residual.squareRoot() <= 1e-9 * norm, "movie index \(i): residual \(residual.squareRoot())")
        }
    }

    @Test func everyUserRowSolvesItsNormalEquationsForTheMovieVectorsItWasSolvedAgainst() throws {
        // The last user half-sweep of n iterations sees the movie vectors
        // after n − 1, which are those of the same seed trained n − 1 times.
        let matrix = try Self.matrix()
        var earlier = Self.parameters
        earlier.iterations -= 1
        let model = try ImplicitMF.train(matrix, parameters: Self.parameters)
        let before = try ImplicitMF.train(matrix, parameters: earlier)
        let k = model.factors
        #expect(before.items != model.items)
        for u in 0 ..< matrix.userCount {
            let rated = matrix.entries(ofUser: u).map { Int(matrix.userItems[$0]) }
            let (a, b) = Self.system(rated: rated, other: before.items, otherCount: matrix.itemCount, k: k,
                                     reg: 0.1, weight: 40)
            let x = model.userRow(u)
            let norm = b.reduce(0) { $0 + $1 * $1 }.squareRoot()
            var residual = 0.0
            for f in 0 ..< k {
                let ax = (0 ..< k).reduce(0.0) { $0 + a[f * k + $1] * x[$1] }
                residual += (ax - b[f]) * (ax - b[f])
            }
            #expect(norm > 0 && residual.squareRoot() <= 1e-9 * norm, "user index \(u): residual \(residual.squareRoot())")
        }
    }

    @Test func foldingInAUsersMoviesSolvesTheUserSystemIgnoringValuesAndRepeats() throws {
        let matrix = try Self.matrix()
        let model = try ImplicitMF.train(matrix, parameters: Self.parameters)
        let k = model.factors
        for u in [0, 7, 19] {
            let entries = matrix.entries(ofUser: u)
            let rated = entries.map { Int(matrix.userItems[$0]) }
            let (a, b) = Self.system(rated: rated, other: model.items, otherCount: matrix.itemCount, k: k,
                                     reg: 0.1, weight: 40)
            let expected = try #require(Cholesky.solve(a, b))
            let ratings = entries.map { (item: matrix.itemIds[Int(matrix.userItems[$0])], rating: matrix.userRatings[$0]) }
            let folded = model.foldIn(ratings: ratings)
            for f in 0 ..< k { #expect(abs(folded[f] - expected[f]) <= 1e-9 * max(1, abs(expected[f]))) }
            // Other values, a repeated movie and an unknown one change nothing.
            let other = ratings.map { (item: $0.item, rating: 5.5 - $0.rating) } + [ratings[0], (item: 999_999, rating: 4)]
            #expect(model.foldIn(ratings: other) == folded)
        }
        #expect(model.foldIn(ratings: []) == [Double](repeating: 0, count: k))
    }

    @Test func theSameSeedGivesTheSameModelAndAnotherSeedAnother() throws {
        let matrix = try Self.matrix()
        let a = try ImplicitMF.train(matrix, parameters: Self.parameters)
        let b = try ImplicitMF.train(matrix, parameters: Self.parameters)
        #expect(a.users == b.users && a.items == b.items && a.gram == b.gram)
        var other = Self.parameters
        other.seed = 8
        let c = try ImplicitMF.train(matrix, parameters: other)
        #expect(c.items != a.items)
    }

    @Test func scoresAreDotProductsOfTheTrainedVectorsAndRatedMoviesAreNotScored() throws {
        let matrix = try Self.matrix()
        let model = try ImplicitMF.train(matrix, parameters: Self.parameters)
        for u in 0 ..< matrix.userCount {
            let scores = try model.itemScores(user: matrix.userIds[u])
            for i in 0 ..< matrix.itemCount {
                let rated = matrix.entries(ofUser: u).contains { Int(matrix.userItems[$0]) == i }
                if rated {
                    #expect(scores.values[i].isNaN)
                } else {
                    let dot = zip(model.userRow(u), model.itemRow(i)).reduce(0.0) { $0 + $1.0 * $1.1 }
                    #expect(scores.values[i] == dot)
                    #expect(model.score(user: matrix.userIds[u], item: matrix.itemIds[i]) == dot)
                }
            }
        }
    }

    @Test func trainingScoresTheOwnGroupsUnratedMoviesAboveTheOthers() throws {
        // Users 1–10 share movies 10–100, users 11–20 movies 110–200:
        // nearly every user's unrated movies of their own group should
        // score higher, on average, than those of the other group.
        let matrix = try Self.matrix()
        let model = try ImplicitMF.train(matrix, parameters: Self.parameters)
        var right = 0
        for user in Int64(1) ... 20 {
            let scores = try model.itemScores(user: user)
            var own: [Double] = [], other: [Double] = []
            for item in matrix.itemIds {
                guard let score = scores.score(ofItem: item) else { continue }
                if (user <= 10) == (item <= 100) { own.append(score) } else { other.append(score) }
            }
            let mean = { (xs: [Double]) in xs.reduce(0, +) / Double(max(1, xs.count)) }
            if !own.isEmpty, mean(own) > mean(other) { right += 1 }
        }
        #expect(right >= 18, "\(right) of 20 users")
    }

    @Test func aHalfSweepOnEveryCoreEqualsSolvingEachRowAloneBitForBit() throws {
        // Big enough for Parallel to split the rows over the cores; rows
        // short and long, so each worker's scratch memory goes from one
        // way of gathering to the other.
        var u: [Int64] = [], i: [Int64] = [], r: [Double] = []
        var g = SeededGenerator(seed: 21)
        for user in 1 ... 300 {
            let density = user % 3 == 0 ? 0.5 : 0.02
            for item in 1 ... 200 where g.uniform() < density {
                u.append(Int64(user))
                i.append(Int64(item))
                r.append(3)
            }
        }
        let matrix = try RatingMatrix.build(from: Table(columns: [
            Column(name: "userId", integers: u), Column(name: "movieId", integers: i), Column(name: "rating", decimals: r),
        ]))
        let k = 7
        let items = ImplicitMF.initialRows(count: matrix.itemCount, k: k, seed: 1).map { $0 * 1e4 }
        let side = ALSSide.users(matrix)
        var swept = ImplicitMF.initialRows(count: matrix.userCount, k: k, seed: 2)
        var alone = swept
        ImplicitMF.halfSweep(side, rows: &swept, other: items, otherCount: matrix.itemCount, k: k, reg: 0.1, weight: 40)
        let gram = ImplicitMF.gram(of: items, count: matrix.itemCount, k: k, regularization: 0.1)
        for row in 0 ..< matrix.userCount {
            let entries = matrix.entries(ofUser: row)
            let columns = Array(side.others[entries])
            let scratch = ALSScratch(m: k, longest: columns.count)
            defer { scratch.release() }
            columns.withUnsafeBufferPointer { o in
                gram.withUnsafeBufferPointer { gp in
                    items.withUnsafeBufferPointer { q in
                        alone.withUnsafeMutableBufferPointer { out in
                            guard let o = o.baseAddress, let gp = gp.baseAddress, let q = q.baseAddress,
                                  let out = out.baseAddress else { return }
                            ImplicitMF.solveRow(others: o, count: columns.count, gram: gp, other: q, k: k, weight: 40,
                                                scratch: scratch, out: out + row * k)
                        }
                    }
                }
            }
        }
        #expect(swept.map(\.bitPattern) == alone.map(\.bitPattern))
        #expect(Parallel.coreCount == 1 || Parallel.ranges(weightedBy: matrix.userOffsets, minimumWeight: 4096).count > 1)
    }

    @Test(arguments: [
        ("features", ImplicitMF.Parameters(features: 0)), ("features", ImplicitMF.Parameters(features: 1025)),
        ("iters", ImplicitMF.Parameters(iterations: 0)), ("reg", ImplicitMF.Parameters(regularization: 0)),
        ("reg", ImplicitMF.Parameters(regularization: .nan)), ("weight", ImplicitMF.Parameters(weight: -1)),
        ("weight", ImplicitMF.Parameters(weight: .infinity)),
    ])
    func settingsOutOfRangeAreRefusedByName(_ key: String, _ parameters: ImplicitMF.Parameters) throws {
        let matrix = try Self.matrix()
        do {
            _ = try ImplicitMF.train(matrix, parameters: parameters)
            Issue.record("\(parameters) was accepted")
        } catch {
            #expect(error.subject == key && error.message.hasPrefix(key), "\(error.message)")
        }
    }
}
