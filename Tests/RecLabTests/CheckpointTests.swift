import Foundation
import Testing
@testable import RecLab

/// Model files: an mf model saved and loaded is the same model (it fits on
/// to the same bits), and every damaged file is one clear error.
@Suite struct CheckpointTests {
    /// A sparse matrix with gaps in both id ranges, so ids and indices differ.
    static func matrix() throws -> RatingMatrix {
        let dense = try MatrixFactorizationTests.lowRank(users: 70, items: 50, density: 0.6, seed: 11)
        var (users, items, ratings) = dense.triplets
        users = users.map { $0 * 3 + 100 }
        items = items.map { $0 * 7 }
        // Half-star ratings, as people give them.
        ratings = ratings.map { min(5, max(0.5, ($0 * 2).rounded() / 2)) }
        return try RatingMatrix.build(users: users, items: items, ratings: ratings)
    }

    static let parameters = MatrixFactorization.Parameters(factors: 6, epochs: 3, learningRate: 0.02, weightDecay: 0.05,
                                                           validFraction: 0.2, seed: 9, batchSize: 16)

    /// Everything of a model that must survive a file, as bits.
    struct Fingerprint: Equatable, CustomStringConvertible {
        var facts: [String]
        var users: [UInt32]
        var items: [UInt32]

        /// Short, so a failure does not print every row.
        var description: String { "\(facts.first ?? "") … \(facts.suffix(2)) rows \(users.prefix(3)) \(items.prefix(3))" }
    }

    static func fingerprint(_ model: MatrixFactorization) -> Fingerprint {
        let rows = model.state.exportRows(factors: model.factors)
        func bits(_ side: MFCanonicalRows.Side) -> [UInt32] {
            side.params.map(\.bitPattern) + side.m.map(\.bitPattern) + side.v.map(\.bitPattern)
        }
        let history = model.history.map { "\($0.epoch) \($0.trainLoss.bitPattern) \($0.validLoss.bitPattern)" }
        return Fingerprint(
            facts: ["\(model.parameters)", "\(model.low) \(model.high) \(model.state.step) \(model.state.strata.grid)",
                    "\(model.matrix.userIds) \(model.matrix.itemIds) \(model.matrix.userItems) \(model.matrix.userRatings)",
                    "\(model.state.valid.map(\.rating)) \(model.state.train.map(\.item)) \(model.state.strata.blocks)"] + history,
            users: bits(rows.users), items: bits(rows.items))
    }

    static func load(_ bytes: [UInt8]) throws(RecLabError) -> Checkpoint {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(RecLabError) -> Checkpoint in try Checkpoint.decode(buffer) }
        }
        return try result.get()
    }

    @Test func crc32MatchesTheStandardAndABytewiseReference() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
        func reference(_ bytes: [UInt8]) -> UInt32 {
            var c: UInt32 = 0xFFFF_FFFF
            for b in bytes {
                c ^= UInt32(b)
                for _ in 0 ..< 8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
            }
            return ~c
        }
        var generator = SeededGenerator(seed: 5)
        for length in [1, 7, 8, 9, 63, 64, 65, 1000] {
            let bytes = (0 ..< length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            #expect(CRC32.checksum(bytes) == reference(bytes), "length \(length)")
            // Continuing over a split gives the CRC of the whole.
            let cut = length / 3
            let first = CRC32.checksum(Array(bytes[..<cut]))
            let whole = bytes[cut...].withUnsafeBytes { CRC32.checksum($0, continuing: first) }
            #expect(whole == reference(bytes))
        }
    }

    @Test func aSavedModelFitsOnToTheSameBitsAsOneNeverSaved() throws {
        let matrix = try Self.matrix()
        // One block, and the 2 × 2 blocks training uses from a million ratings on.
        for grid in [1, 2] {
            let three = try MatrixFactorization.train(matrix, parameters: Self.parameters, grid: grid,
                                                      cancel: .never, observer: .init())
            let path = TestFiles.folder().appendingPathComponent("mf.model").path
            let written = try Checkpoint(model: three, info: ["name": "mf"], namedUsers: ["me": matrix.userIds[3]]).write(to: path)
            #expect(written == (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int))
            let checkpoint = try Checkpoint.read(from: path)
            let loaded = try #require(checkpoint.model as? MatrixFactorization)
            #expect(checkpoint.info == ["name": "mf"] && checkpoint.namedUsers == ["me": matrix.userIds[3]])
            #expect(Self.fingerprint(loaded) == Self.fingerprint(three))
            #expect(loaded.stoppedEarly == three.stoppedEarly && loaded.epochsTrained == 3)

            let inMemory = try three.fit(epochs: 2)
            let fromFile = try loaded.fit(epochs: 2)
            #expect(Self.fingerprint(fromFile) == Self.fingerprint(inMemory), "grid \(grid)")
            #expect(fromFile.history.map(\.epoch) == [0, 1, 2, 3, 4])
            // What recommend uses: fold-in scores and a data user's scores,
            // rated movies left out.
            let person = [(item: matrix.itemIds[0], rating: 4.5), (item: matrix.itemIds[5], rating: 1.0)]
            #expect(loaded.itemScores(ratings: person).values.map(\.bitPattern)
                    == three.itemScores(ratings: person).values.map(\.bitPattern))
            let user = matrix.userIds[10]
            let scores = try loaded.itemScores(user: user)
            #expect(scores.values.map(\.bitPattern) == (try three.itemScores(user: user)).values.map(\.bitPattern))
            for k in matrix.entries(ofUser: 10) { #expect(scores.values[Int(matrix.userItems[k])].isNaN) }
        }
    }

    @Test func aModelStoppedByCtrlCSavesAsStopped() throws {
        let cancel = Cancellation()
        let stopped = try MatrixFactorization.train(try Self.matrix(), parameters: Self.parameters, cancel: cancel,
                                                    observer: .init(epoch: { _ in cancel.cancel() }))
        #expect(stopped.stoppedEarly && stopped.epochsTrained == 1)
        let loaded = try #require(try Self.load(Checkpoint(model: stopped).encoded()).model as? MatrixFactorization)
        #expect(loaded.stoppedEarly && Self.fingerprint(loaded) == Self.fingerprint(stopped))
    }

    @Test func missingEmptyAndForeignFilesAreRefused() throws {
        let folder = TestFiles.folder()
        func refusal(_ path: String) -> String {
            do {
                _ = try Checkpoint.read(from: path)
                return "loaded"
            } catch {
                return error.description
            }
        }
        let missing = folder.appendingPathComponent("none.model").path
        #expect(refusal(missing) == "\(missing): no such file")
        #expect(refusal(folder.path) == "\(folder.path): is a directory, not a file")
        let empty = TestFiles.write([], name: "empty.model")
        #expect(refusal(empty) == "\(empty): empty file; not a reclab model")
        let csv = TestFiles.write("userId,movieId,rating\n1,2,3\n", name: "ratings.csv")
        #expect(refusal(csv) == "\(csv): not a reclab model file")
        let short = TestFiles.write(Array(Checkpoint.magic.prefix(5)), name: "short.model")
        #expect(refusal(short).hasPrefix("\(short): the file is truncated (5 bytes"))
    }

    @Test func truncatedDamagedAndOtherVersionsAreRefusedByName() throws {
        let model = try MatrixFactorization.train(try Self.matrix(), parameters: .init(factors: 4, epochs: 1, batchSize: 32))
        let bytes = Checkpoint(model: model).encoded()
        func refusal(_ bytes: [UInt8]) -> String {
            do {
                _ = try Self.load(bytes)
                return "loaded"
            } catch {
                return error.message
            }
        }
        #expect(refusal(bytes) == "loaded")
        #expect(refusal(Array(bytes.prefix(1000))) == "the file is truncated (1000 of \(bytes.count) bytes)")
        #expect(refusal(bytes + [0]) == "the file is damaged (\(bytes.count + 1) bytes where its header says \(bytes.count))")
        var flipped = bytes
        flipped[bytes.count / 2] ^= 0x10
        #expect(refusal(flipped) == "the file is damaged (checksum mismatch)")

        /// `bytes` with `change` made and the checksum made right again.
        func resealed(_ change: (inout [UInt8]) -> Void) -> [UInt8] {
            var copy = Array(bytes.dropLast(4))
            change(&copy)
            let crc = CRC32.checksum(copy)
            return copy + (0 ..< 4).map { UInt8(truncatingIfNeeded: crc >> (8 * $0)) }
        }
        #expect(refusal(resealed { $0[8] = 2 })
                == "model file format version 2; this reclab reads version 1 (the file is from a newer reclab)")
        #expect(refusal(resealed { $0[8] = 0 }) == "model file format version 0; this reclab reads version 1")
        // The kind is the first string of the body: "mf" at bytes 24–25.
        #expect(refusal(resealed { $0[24] = UInt8(ascii: "x") })
                == "the file holds a 'xf' model, which this reclab cannot load "
                + "(it loads: mf, lowrank, als, bias, popular, userknn, itemknn, implicit, bpr, ease)")
    }

    /// Random damage: a cut anywhere, or one flipped bit anywhere, is
    /// always refused (CRC-32 catches every single-bit error), never a crash.
    @Test func randomTruncationsAndBitFlipsAreAlwaysRefused() throws {
        let model = try MatrixFactorization.train(try Self.matrix(), parameters: .init(factors: 3, epochs: 1, batchSize: 32))
        let bytes = Checkpoint(model: model, info: ["name": "mf"]).encoded()
        var generator = SeededGenerator(seed: 2024)
        for _ in 0 ..< 40 {
            let cut = generator.next(below: bytes.count)
            #expect(throws: RecLabError.self) { try Self.load(Array(bytes.prefix(cut))) }
        }
        for _ in 0 ..< 60 {
            var damaged = bytes
            let bit = generator.next(below: bytes.count * 8)
            damaged[bit / 8] ^= UInt8(1 << (bit % 8))
            #expect(throws: RecLabError.self) { try Self.load(damaged) }
        }
    }

    /// Damage behind a correct checksum (a buggy writer, or a collision):
    /// every field is checked, so the body is refused or read, and the
    /// reader never crashes.
    @Test func damageBehindAValidChecksumIsCheckedFieldByField() throws {
        let model = try MatrixFactorization.train(try Self.matrix(), parameters: .init(factors: 3, epochs: 1, batchSize: 32))
        let bytes = Array(Checkpoint(model: model).encoded().dropLast(4))
        func sealed(_ body: [UInt8]) -> [UInt8] {
            let crc = CRC32.checksum(body)
            return body + (0 ..< 4).map { UInt8(truncatingIfNeeded: crc >> (8 * $0)) }
        }
        func refusal(at offset: Int, _ value: Int64) -> String {
            var damaged = bytes
            for k in 0 ..< 8 { damaged[offset + k] = UInt8(truncatingIfNeeded: value >> (8 * Int64(k))) }
            do {
                _ = try Self.load(sealed(damaged))
                return "loaded"
            } catch {
                return error.message
            }
        }
        // The payload starts after magic, version, length (20), "mf" (6),
        // two empty counts (8) and the payload length (8).
        let payload = 42
        #expect(refusal(at: payload, 0) == "the file is damaged (factors is 0)")
        // One more factor: the rows no longer fit in what is left.
        #expect(refusal(at: payload, 4).hasSuffix("runs past the end)"))
        #expect(refusal(at: payload + 8 * 9, 0) == "the file is damaged (grid is 0)")
        #expect(refusal(at: payload + 8 * 1, -1) == "the file is damaged (epochs is -1)")
        let matrix = model.matrix
        // Eleven 8-byte fields, a flag byte, the epochs and their count,
        // three counts, the ids, the per-user counts.
        let userItems = payload + 8 * 11 + 1 + 8 + 40 * model.history.count + 24 + 8 * (matrix.userCount + matrix.itemCount)
            + 4 * matrix.userCount
        var outOfRange = bytes
        outOfRange[userItems + 1] = 0x7F
        #expect(throws: CheckpointReader.damaged("a rated movie's index \(Int32(matrix.userItems[0]) | 0x7F00)")) {
            try Self.load(sealed(outOfRange))
        }
        var unordered = bytes
        unordered.swapAt(userItems, userItems + 4)
        #expect(throws: CheckpointReader.damaged("the ratings are not in order")) { try Self.load(sealed(unordered)) }

        var generator = SeededGenerator(seed: 77)
        for trial in 0 ..< 300 {
            var damaged = bytes
            // Mostly the small fields before the big arrays.
            let at = trial % 3 == 0 ? 20 + generator.next(below: damaged.count - 20) : 20 + generator.next(below: 160)
            damaged[at] ^= UInt8(truncatingIfNeeded: generator.next() | 1)
            _ = try? Self.load(sealed(damaged))
        }
    }

    @Test func tripletsRebuildTheSameMatrix() throws {
        let matrix = try Self.matrix()
        let (users, items, ratings) = matrix.triplets
        let rebuilt = try RatingMatrix.build(users: users, items: items, ratings: ratings)
        #expect(rebuilt.userIds == matrix.userIds && rebuilt.itemIds == matrix.itemIds)
        #expect(rebuilt.userOffsets == matrix.userOffsets && rebuilt.userItems == matrix.userItems)
        #expect(rebuilt.itemUsers == matrix.itemUsers && rebuilt.itemRatings == matrix.itemRatings)

        let more = try matrix.appending(users: [(id: 9_999, ratings: [(item: 7, rating: 4), (item: 14, rating: 2), (item: 7, rating: 5)])])
        #expect(more.userCount == matrix.userCount + 1 && more.ratingCount == matrix.ratingCount + 2)
        #expect(more.rating(user: 9_999, item: 7) == 5 && more.rating(user: 9_999, item: 14) == 2)
        #expect(throws: RecLabError.self) { try matrix.appending(users: [(id: matrix.userIds[0], ratings: [(item: 7, rating: 1)])]) }
    }
}
