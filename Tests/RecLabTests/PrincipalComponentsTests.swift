import Foundation
import Testing
@testable import RecLab

/// PCA on points with known axes, the sign convention, variance shares,
/// the few-points (Gram) path, degenerate and bad input; and the Jacobi
/// eigen-solver under it.
@Suite struct PrincipalComponentsTests {
    /// Unit axes of a rotated frame in 3-D: u along (1, 2, 2)/3, v along (2, 1, −2)/3.
    static let u: [Double] = [1, 2, 2].map { $0 / 3 }
    static let v: [Double] = [2, 1, -2].map { $0 / 3 }

    /// Points c + a·u + b·v where the (a, b) pairs have mean 0, no
    /// covariance, var(a) = 36/7 and var(b) = 4/7 (sample variances, n − 1 = 7).
    static func plane(centre: [Double] = [5, -1, 2]) -> [[Double]] {
        let ab: [(Double, Double)] = [(3, 1), (3, -1), (-3, 1), (-3, -1), (0, 0), (0, 0), (0, 0), (0, 0)]
        return ab.map { a, b in (0 ..< 3).map { centre[$0] + a * u[$0] + b * v[$0] } }
    }

    func close(_ a: [Double], _ b: [Double], _ tolerance: Double = 1e-9) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) < tolerance }
    }

    @Test func findsTheKnownAxesTheirVariancesAndShares() throws {
        let pca = try PrincipalComponents(points: Self.plane())
        #expect(close(pca.mean, [5, -1, 2]))
        // Largest loading positive: u's is +2/3 (index 1, before the equal
        // index 2); v's |2/3| ties at indices 0 and 2, and the first wins.
        #expect(close(pca.loadings[0], Self.u))
        #expect(close(pca.loadings[1], Self.v))
        #expect(abs(pca.variances[0] - 36.0 / 7) < 1e-9 && abs(pca.variances[1] - 4.0 / 7) < 1e-9)
        #expect(abs(pca.totalVariance - 40.0 / 7) < 1e-9)
        #expect(close(pca.varianceShares, [0.9, 0.1]))
        #expect(close(pca.projections.map { $0[0] }, [3, 3, -3, -3, 0, 0, 0, 0]))
        #expect(close(pca.projections.map { $0[1] }, [1, -1, 1, -1, 0, 0, 0, 0]))
    }

    @Test func theSignDoesNotDependOnTheOrientationOfTheData() throws {
        let points = Self.plane(centre: [0, 0, 0])
        let flipped = points.map { $0.map { -$0 } }
        let a = try PrincipalComponents(points: points), b = try PrincipalComponents(points: flipped)
        for k in 0 ..< 2 {
            #expect(close(a.loadings[k], b.loadings[k]))
            let largest = a.loadings[k].max { abs($0) < abs($1) } ?? 0
            #expect(largest > 0)
        }
        #expect(close(a.projections.map { $0[0] }, b.projections.map { -$0[0] }))
    }

    @Test func fewerPointsThanDimensionsGoesThroughTheGramMatrix() throws {
        // 4 points in 6-D: the plane's points padded with zeros then rotated
        // by swapping coordinates; d = 6 > n = 4.
        let points: [[Double]] = [[3, 1, 0, 0, 0, 7], [3, -1, 0, 0, 0, 7], [-3, 1, 0, 0, 0, 7], [-3, -1, 0, 0, 0, 7]]
            .map { [$0[5], $0[1], 0, $0[0], 0, 0] }
        let pca = try PrincipalComponents(points: points, components: 3)
        #expect(close(pca.loadings[0], [0, 0, 0, 1, 0, 0]) && close(pca.loadings[1], [0, 1, 0, 0, 0, 0]))
        #expect(abs(pca.variances[0] - 12) < 1e-9 && abs(pca.variances[1] - 4.0 / 3) < 1e-9)
        // The third direction has no variance: any unit vector orthogonal to the others.
        #expect(pca.variances[2] == 0)
        #expect(abs(pca.loadings[2].reduce(0) { $0 + $1 * $1 } - 1) < 1e-12)
        #expect(abs(zip(pca.loadings[2], pca.loadings[0]).reduce(0) { $0 + $1.0 * $1.1 }) < 1e-12)
        #expect(pca.projections.allSatisfy { abs($0[2]) < 1e-12 })
        #expect(close(pca.projections.map { $0[0] }, [3, 3, -3, -3]))
    }

    @Test func twoPointsSpreadAlongTheirDifference() throws {
        let pca = try PrincipalComponents(points: [[1, 1, 1, 1, 1], [3, 1, 1, 1, 1]])
        #expect(close(pca.loadings[0], [1, 0, 0, 0, 0]) && abs(pca.variances[0] - 2) < 1e-12)
        #expect(close(pca.varianceShares, [1, 0]))
        #expect(close(pca.projections.map { $0[0] }, [-1, 1]))
    }

    @Test func equalPointsHaveNoVarianceAndDoNotBreak() throws {
        let pca = try PrincipalComponents(points: Array(repeating: [2, 2, 2], count: 5))
        #expect(pca.totalVariance == 0 && pca.variances == [0, 0] && pca.varianceShares == [0, 0])
        #expect(pca.projections.allSatisfy { $0 == [0, 0] })
    }

    @Test func badInputIsAnErrorNotACrash() {
        #expect(throws: RecLabError.self) { try PrincipalComponents(points: [[1, 2]]) }
        #expect(throws: RecLabError.self) { try PrincipalComponents(points: [[1, 2], [1]]) }
        #expect(throws: RecLabError.self) { try PrincipalComponents(points: [[1, 2], [.nan, 1]]) }
        #expect(throws: RecLabError.self) { try PrincipalComponents(points: [[1, 2], [3, 1]], components: 3) }
        #expect(throws: RecLabError.self) { try PrincipalComponents(points: [[1, 2], [3, 1]], components: 0) }
    }

    @Test func jacobiSolvesARandomSymmetricMatrix() throws {
        var generator = SeededGenerator(seed: 11)
        let m = 12
        var a = [[Double]](repeating: [Double](repeating: 0, count: m), count: m)
        for i in 0 ..< m {
            for j in i ..< m {
                let x = Double(generator.next() % 2001) / 1000 - 1
                a[i][j] = x
                a[j][i] = x
            }
        }
        let eigen = try SymmetricEigen(symmetric: a)
        #expect(zip(eigen.values, eigen.values.dropFirst()).allSatisfy { $0 >= $1 })
        for (value, vector) in zip(eigen.values, eigen.vectors) {
            let product = (0 ..< m).map { i in (0 ..< m).reduce(0) { $0 + a[i][$1] * vector[$1] } }
            #expect(close(product, vector.map { $0 * value }, 1e-10))
        }
        for p in 0 ..< m {
            for q in 0 ..< m {
                let dot = zip(eigen.vectors[p], eigen.vectors[q]).reduce(0) { $0 + $1.0 * $1.1 }
                let identity: Double = p == q ? 1 : 0
                #expect(abs(dot - identity) < 1e-10)
            }
        }
        // The trace is the sum of the eigenvalues.
        let trace: Double = (0 ..< m).reduce(0) { $0 + a[$1][$1] }
        #expect(abs(eigen.values.reduce(0, +) - trace) < 1e-10)
        #expect(throws: RecLabError.self) { try SymmetricEigen(symmetric: [[1, 2], [3]]) }
    }
}
