import Foundation
import Testing
@testable import RecLab

/// Damaged files of every kind but mf (``CheckpointTests`` has those): any
/// cut or flipped bit is refused, and damage behind a valid checksum is
/// refused field by field or read as a model, never a crash.
@Suite struct CheckpointDamageTests {
    /// The file's bytes without the checksum.
    static func body(_ model: any CheckpointableModel) -> [UInt8] {
        body(Checkpoint(model: model))
    }

    /// A checkpoint's bytes without the checksum.
    static func body(_ checkpoint: Checkpoint) -> [UInt8] {
        Array(checkpoint.encoded().dropLast(4))
    }

    /// `body` with a correct checksum after it.
    static func sealed(_ body: [UInt8]) -> [UInt8] {
        let crc = CRC32.checksum(body)
        return body + (0 ..< 4).map { UInt8(truncatingIfNeeded: crc >> (8 * $0)) }
    }

    /// Where the payload starts in a file with no info and no named users:
    /// header (20), the kind (4 + its length), two counts (8), the payload
    /// length (8).
    static func payload(_ kind: String) -> Int { 40 + kind.utf8.count }

    /// The error `body`, resealed with `bytes` written at `offset`, gives
    /// (or "loaded").
    static func refusal(_ body: [UInt8], at offset: Int, _ bytes: [UInt8]) -> String {
        var damaged = body
        damaged.replaceSubrange(offset ..< offset + bytes.count, with: bytes)
        do {
            _ = try CheckpointTests.load(sealed(damaged))
            return "loaded"
        } catch {
            return error.message
        }
    }

    static func le<T: FixedWidthInteger>(_ value: T) -> [UInt8] { withUnsafeBytes(of: value.littleEndian, Array.init) }
    static func le(_ value: Double) -> [UInt8] { le(value.bitPattern) }

    @Test func randomCutsAndBitFlipsAreAlwaysRefused() throws {
        var generator = SeededGenerator(seed: 404)
        for model in try CheckpointKindsTests.models(try CheckpointTests.matrix()) {
            let bytes = Checkpoint(model: model, info: ["name": "m"]).encoded()
            for _ in 0 ..< 20 {
                let cut = generator.next(below: bytes.count)
                #expect(throws: RecLabError.self, "\(model.algorithm) cut at \(cut)") {
                    try CheckpointTests.load(Array(bytes.prefix(cut)))
                }
            }
            for _ in 0 ..< 30 {
                var damaged = bytes
                let bit = generator.next(below: bytes.count * 8)
                damaged[bit / 8] ^= UInt8(1 << (bit % 8))
                #expect(throws: RecLabError.self, "\(model.algorithm) bit \(bit)") { try CheckpointTests.load(damaged) }
            }
        }
    }

    /// Bytes changed at random behind a valid checksum, mostly among the
    /// settings and counts before the big arrays: refused or loaded, and
    /// a loaded model still scores without crashing.
    @Test func randomDamageBehindAValidChecksumNeverCrashes() throws {
        var generator = SeededGenerator(seed: 505)
        var refused = 0
        for model in try CheckpointKindsTests.models(try CheckpointTests.matrix()) {
            let bytes = Self.body(model)
            let start = Self.payload(model.algorithm)
            for trial in 0 ..< 120 {
                var damaged = bytes
                let at = trial % 4 == 0 ? 20 + generator.next(below: bytes.count - 20)
                    : start + generator.next(below: min(200, bytes.count - start))
                damaged[at] ^= UInt8(truncatingIfNeeded: generator.next() | 1)
                guard let loaded = try? CheckpointTests.load(Self.sealed(damaged)).model else {
                    refused += 1
                    continue
                }
                let m = loaded.matrix
                _ = loaded.itemScores(ratings: [(item: m.itemIds[0], rating: 4)])
                _ = try? loaded.itemScores(user: m.userIds[m.userCount - 1])
            }
        }
        // Most of the bytes hit are settings, counts and ids, which are
        // checked; some are ratings or learned numbers, which load (so the
        // scoring of a loaded damaged model ran too).
        let trials = try CheckpointKindsTests.models(try CheckpointTests.matrix()).count * 120
        #expect(refused > trials / 2 && refused < trials)
    }

    @Test func neighbourSettingsAreCheckedOneByOne() throws {
        let matrix = try CheckpointTests.matrix()
        for model: any CheckpointableModel in [try UserKNN.train(matrix, parameters: .init(neighbours: 9)),
                                                try ItemKNN.train(matrix, parameters: .init(neighbours: 9))] {
            let (bytes, at) = (Self.body(model), Self.payload(model.algorithm))
            #expect(Self.refusal(bytes, at: at, Self.le(Int64(0))) == "the file is damaged (nbrs is 0)")
            // Scoring reserves room for nbrs neighbours: a huge count is refused, not allocated.
            #expect(Self.refusal(bytes, at: at, Self.le(Int64(1) << 31)) == "the file is damaged (nbrs is 2147483648)")
            #expect(Self.refusal(bytes, at: at, Self.le(Int64(10_000))) == "loaded")
            #expect(Self.refusal(bytes, at: at + 8, Self.le(Int64(10))) == "the file is damaged (min_nbrs is 10)")
            #expect(Self.refusal(bytes, at: at + 16, Self.le(Double.nan)) == "the file is damaged (min_sim is nan)")
            #expect(Self.refusal(bytes, at: at + 24, [2]) == "the file is damaged (center is 2)")
            // The ratings follow: counts are checked before anything is allocated.
            #expect(Self.refusal(bytes, at: at + 25, Self.le(Int64.max))
                    == "the file is damaged (the user count is \(Int64.max))")
            #expect(Self.refusal(bytes, at: at + 25, Self.le(Int64(1) << 30))
                    == "the file is damaged (the user ids runs past the end)")
            #expect(Self.refusal(bytes, at: at + 41, Self.le(Int64(matrix.ratingCount + 1)))
                    == "the file is damaged (the ratings runs past the end)")
            #expect(Self.refusal(bytes, at: at + 24, [1]) == "loaded")
        }
    }

    @Test func biasAndFactorSettingsAreChecked() throws {
        let matrix = try CheckpointTests.matrix()
        let bias = Self.body(try BiasModel.train(matrix)), b = Self.payload("bias")
        #expect(Self.refusal(bias, at: b, Self.le(-1.0)) == "the file is damaged (user_damping is -1.0)")
        #expect(Self.refusal(bias, at: b + 8, Self.le(Double.infinity)) == "the file is damaged (item_damping is inf)")

        let lowRank = Self.body(try LowRank.train(matrix, parameters: .init(features: 3, iterations: 5)))
        let l = Self.payload("lowrank")
        #expect(Self.refusal(lowRank, at: l, Self.le(Int64(0))) == "the file is damaged (features is 0)")
        #expect(Self.refusal(lowRank, at: l + 8, Self.le(-1.0)) == "the file is damaged (reg must be 0 or more (got -1.0))")
        #expect(Self.refusal(lowRank, at: l + 32, [7]) == "the file is damaged (normalize is 7)")
        // The optimiser's name, "lbfgs", after its 4-byte length.
        #expect(Self.refusal(lowRank, at: l + 37, Array("x".utf8)) == "the file is damaged (the optimiser 'xbfgs')")
        // One more feature: the vectors no longer fit in what is left.
        #expect(Self.refusal(lowRank, at: l, Self.le(Int64(4))) == "the file is damaged (the vectors runs past the end)")

        let alsModel = try ALSModel.train(matrix, parameters: .init(features: 2, iterations: 1, samples: 2, burnIn: 1))
        let als = Self.body(alsModel)
        let a = Self.payload("als")
        #expect(Self.refusal(als, at: a + 32, Self.le(Int64(-1))) == "the file is damaged (samples is -1)")
        #expect(Self.refusal(als, at: a + 8, Self.le(0.0)) == "the file is damaged (reg must be a number above 0 (got 0.0))")
        // Low (after eight settings, the mean and the RMSE) above high.
        #expect(Self.refusal(als, at: a + 80, Self.le(9.0)) == "the file is damaged (the rating range 9.0…\(alsModel.high))")
        // nu = 0 leaves the movie scales over: bytes after the model.
        #expect(Self.refusal(als, at: a + 48, Self.le(0.0)).hasSuffix("bytes left after the model)"))
        // samples = 0 (least squares) leaves the prior over likewise.
        #expect(Self.refusal(als, at: a + 32, Self.le(Int64(0))).hasSuffix("bytes left after the model)"))
    }

    /// The process's peak resident memory so far, in bytes.
    static func peakMemory() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss * 1024
    }

    /// One byte of mf's `grid` changed (the checksum fixed up) made the
    /// decoder allocate grid² blocks: 22 GB, then the out-of-memory killer.
    @Test func mfsGridIsBoundedByWhatTheDataCouldNeed() throws {
        let model = try MatrixFactorization.train(try CheckpointTests.matrix(), parameters: CheckpointTests.parameters)
        let bytes = Self.body(model)
        // Seven settings and the prediction range come before the grid.
        let at = Self.payload("mf") + 72
        #expect(Array(bytes[at ..< at + 8]) == Self.le(Int64(model.state.strata.grid)))
        for grid in [0x4141, 0xFF01, 65] {
            #expect(Self.refusal(bytes, at: at, Self.le(Int64(grid))) == "the file is damaged (grid is \(grid))")
        }
        #expect(Self.refusal(bytes, at: at, Self.le(Int64(64))) == "loaded")
    }

    /// Every count or length of every kind's file (each 8- or 4-byte
    /// window of the header, the settings and the counts before the big
    /// arrays that holds a plausible size) set to a huge value, or one of
    /// its bytes changed, behind a valid checksum: refused or loaded, never
    /// a large allocation. (The shell shows any refusal on one line:
    /// ``ErrorText``.)
    @Test func hugeSizesAnywhereAreRefusedBeforeAnythingIsAllocated() throws {
        let matrix = try CheckpointTests.matrix()
        var models: [any CheckpointableModel] = [try MatrixFactorization.train(matrix, parameters: CheckpointTests.parameters)]
        for model in try CheckpointKindsTests.models(matrix) where !models.contains(where: { $0.algorithm == model.algorithm }) {
            models.append(model)
        }
        #expect(models.count == Checkpoint.kinds.count)
        let before = Self.peakMemory()
        var tried = 0, refused = 0
        for model in models {
            let bytes = Self.body(Checkpoint(model: model, info: ["name": "m"]))
            for offset in 20 ..< min(bytes.count - 8, Self.payload(model.algorithm) + 340) {
                let long = bytes[offset ..< offset + 8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
                let short = UInt32(truncatingIfNeeded: long)
                var values: [[UInt8]] = []
                if (1 ... 1 << 31).contains(long) {
                    values += [Self.le(Int64.max), Self.le(Int64(1) << 31 - 1), Self.le(long + 0x4100)]
                }
                if (1 ... 1 << 20).contains(short) {
                    values += [Self.le(UInt32.max), Self.le(short + 0x4100)]
                }
                for value in values {
                    tried += 1
                    if Self.refusal(bytes, at: offset, value) != "loaded" { refused += 1 }
                }
            }
        }
        #expect(tried > 100 && refused > tried / 2, "\(refused) of \(tried) refused")
        print("checkpoint sizes: \(refused) of \(tried) refused")
        // Other suites run beside this one; a grid² or count-sized
        // allocation would be gigabytes.
        #expect(Self.peakMemory() - before < 1 << 30, "peak memory grew by \((Self.peakMemory() - before) >> 20) MB")
    }

    @Test func anUnknownKindNamesEveryKindThisBuildLoads() throws {
        let bytes = Self.body(PopularModel.train(try CheckpointTests.matrix()))
        #expect(Self.refusal(bytes, at: 24, Array("x".utf8))
                == "the file holds a 'xopular' model, which this reclab cannot load "
                + "(it loads: mf, lowrank, als, bias, popular, userknn, itemknn, implicit, bpr, ease)")
    }
}
