import Foundation
import Testing
@testable import RecLab

/// Binning: every valid value lands in exactly one bin, the bin that holds
/// it; half stars and small integer ranges get one bin per value.
struct HistogramTests {
    @Test func halfStarRatingsGetOneBinPerHalfStar() throws {
        let ratings: [Double] = [0.5, 1, 1, 3.5, 4, 4, 4, 5]
        let h = try Histogram(column: Column(name: "rating", decimals: ratings))
        #expect(h.counts.count == 10)
        #expect(h.isDiscrete)
        #expect(h.counts == [1, 2, 0, 0, 0, 0, 1, 3, 0, 1])
        #expect(h.total == ratings.count)
    }

    /// Found by the fuzzer: a rating column in half steps holding one huge
    /// value asked for a bar per half step up to it (minutes, Ctrl-C ignored).
    @Test func halfStepsOverAHugeRangeGetEqualWidthBins() throws {
        for huge in [1e6, 4_294_967_296] {
            let h = try Histogram(column: Column(name: "rating", decimals: [0.5, 4, huge]))
            #expect(!h.isDiscrete && h.counts.count <= 40, "\(h.counts.count) bins")
            #expect(h.total == 3)
        }
    }

    @Test func smallIntegerRangeGetsOneBinPerValue() throws {
        let h = try Histogram(column: Column(name: "stars", integers: [1, 2, 2, 5, 5, 5]))
        #expect(h.isDiscrete)
        #expect(h.counts == [1, 2, 0, 0, 3])
        #expect(h.edges.first == 0.5 && h.edges.last == 5.5)
    }

    @Test func everyValueIsInTheBinThatHoldsIt() throws {
        var rng = SystemRandomNumberGenerator()
        let values = (0 ..< 5000).map { _ in Double.random(in: -37.2 ... 912.4, using: &rng) }
        for binning in [Histogram.Binning.automatic, .count(7), .count(1000), .count(1)] {
            let h = try Histogram(column: Column(name: "x", decimals: values), binning: binning)
            #expect(h.total == values.count)
            #expect(h.edges.count == h.counts.count + 1)
            #expect(h.edges.first! <= values.min()! && h.edges.last! >= values.max()!)
            var expected = Array(repeating: 0, count: h.counts.count)
            for v in values {
                let k = try #require(h.edges.indices.dropLast().last { h.edges[$0] <= v })
                expected[k] += 1
            }
            #expect(h.counts == expected, "\(binning)")
        }
    }

    @Test func missingAndNotFiniteValuesAreSkipped() throws {
        let column = Column(name: "x", decimals: [1.5, .nan, 2.25, .infinity, 7.75],
                            validity: Validity([true, true, true, true, false]))
        let h = try Histogram(column: column)
        #expect(h.total == 2)
        #expect(h.skipped == 3)
    }

    @Test func emptyAndConstantColumnsGiveOneBin() throws {
        let empty = try Histogram(column: Column(name: "x", decimals: []))
        #expect(empty.total == 0 && empty.counts.count == 1)
        let constant = try Histogram(column: Column(name: "x", decimals: [2.7, 2.7, 2.7]))
        #expect(constant.counts == [3])
    }

    @Test func textIsRefused() {
        #expect(throws: RecLabError.self) { try Histogram(column: Column(name: "t", texts: ["a", "b"])) }
    }

    @Test func sharedEdgesCoverBothColumns() throws {
        let a = Column(name: "mean", decimals: [1.2, 2.9, 3.3])
        let b = Column(name: "mean", decimals: [3.1, 4.8])
        let shared = try Histogram.sharedEdges([a, b])
        let ha = try Histogram(column: a, edges: shared.edges), hb = try Histogram(column: b, edges: shared.edges)
        #expect(ha.edges == hb.edges)
        #expect(ha.total == 3 && hb.total == 2)
    }

    @Test func largeColumnsSplitOverCoresCountTheSame() throws {
        let n = 300_000
        let values = (0 ..< n).map { Double(($0 * 7919) % 10 + 1) / 2 }  // 0.5 … 5
        let h = try Histogram(column: Column(name: "rating", decimals: values))
        #expect(h.counts == Array(repeating: n / 10, count: 10))
    }

    @Test func extremeValuesDoNotTrap() throws {
        let h = try Histogram(column: Column(name: "x", decimals: [-1e308, 1e308, 0, .greatestFiniteMagnitude]))
        #expect(h.total + h.skipped <= 4)
        #expect(h.edges.count == h.counts.count + 1)
        let tiny = try Histogram(column: Column(name: "x", decimals: [1e-300, 2e-300, 3e-300]), binning: .count(1000))
        #expect(tiny.total == 3)
    }
}
