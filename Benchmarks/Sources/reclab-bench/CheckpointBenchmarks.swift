import Foundation
import RecLab

/// `save model` / `load model` (figures in README.md): the ml-latest-small
/// model of each kind, trained once with the defaults, written to and read
/// from a file in `$TMPDIR` (the write ends with an fsync).
enum CheckpointBenchmarks {
    static var phases: [Phase] {
        [
            Phase(name: "mf checkpoint encode", size: "small") {
                let model = try MFInputs.small.get()
                return { _ = Checkpoint(model: model).encoded() }
            },
        ]
            + fileKinds.flatMap { kind, model in [save(kind, model), load(kind, model)] }
            + [similaritiesFile]
    }

    /// Each kind's ml-latest-small model with the defaults, trained once.
    static let fileKinds: [(String, @Sendable () throws -> any CheckpointableModel)] = [
        ("mf", { try MFInputs.small.get() }),
        ("lowrank", { try LowRankInputs.small.get() }),
        ("als", { try CheckpointInputs.als.get() }),
        ("bias", { try CheckpointInputs.bias.get() }),
        ("popular", { PopularModel.train(try ModelInputs.inputs("small").matrix) }),
        ("userknn", { try ModelInputs.inputs("small").model }),
        ("itemknn", { try CheckpointInputs.itemKNN.get() }),
    ]

    /// `KIND save model`: encode, write beside the target, fsync, rename;
    /// prints the file's size once.
    static func save(_ kind: String, _ model: @escaping @Sendable () throws -> any CheckpointableModel) -> Phase {
        Phase(name: "\(kind) save model", size: "small") {
            let model = try model()
            let path = file(kind)
            return {
                let bytes = try Checkpoint(model: model, info: ["name": kind]).write(to: path)
                if lastSize[kind] != bytes { print("  \(path): \(bytes) bytes"); lastSize[kind] = bytes }
            }
        }
    }

    /// `KIND load model`: map, checks, CRC-32, rebuild the matrix, then the
    /// kind's own decoding (training again for bias, popular, userknn, itemknn).
    static func load(_ kind: String, _ model: @escaping @Sendable () throws -> any CheckpointableModel) -> Phase {
        Phase(name: "\(kind) load model", size: "small") {
            let model = try model()
            let path = file(kind)
            try Checkpoint(model: model, info: ["name": kind]).write(to: path)
            return {
                let loaded = try Checkpoint.read(from: path)
                precondition(loaded.model.matrix.ratingCount == model.matrix.ratingCount)
            }
        }
    }

    /// The design `itemknn` did not take, for comparison: its similarity
    /// rows stored beside the ratings (offsets, movie indices, similarities,
    /// checksummed). The phase writes that file once, then times what a
    /// load would do at the least: read it, check the CRC-32, copy the
    /// arrays out, rebuild the matrix and range-check every neighbour index
    /// (a real decoder would also have to check the rows' order and their
    /// symmetry, which scoring relies on).
    static var similaritiesFile: Phase {
        Phase(name: "itemknn similarities file", size: "small") {
            let model = try CheckpointInputs.itemKNN.get()
            let path = file("itemknn-similarities")
            if !FileManager.default.fileExists(atPath: path) {
                var writer = CheckpointWriter(capacity: 12 * model.similarityCount + model.checkpointSize)
                writer.write(model.matrix)
                writer.write(contentsOf: model.neighbourOffsets)
                writer.write(contentsOf: model.neighbourItems)
                writer.write(contentsOf: model.neighbourSimilarities)
                writer.appendChecksum()
                try Data(writer.bytes).write(to: URL(fileURLWithPath: path))
                print("  \(path): \(writer.bytes.count) bytes")
            }
            let (items, similarities) = (model.matrix.itemCount, model.similarityCount)
            return {
                let data = try Data(contentsOf: URL(fileURLWithPath: path))
                try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
                    let stored = bytes.load(fromByteOffset: bytes.count - 4, as: UInt32.self)
                    let body = UnsafeRawBufferPointer(rebasing: bytes[0 ..< bytes.count - 4])
                    precondition(CRC32.checksum(body) == stored)
                    var reader = CheckpointReader(bytes, range: 0 ..< bytes.count - 4)
                    let matrix = try reader.readRatingMatrix(cancel: .never)
                    let offsets = try reader.readArray(Int.self, count: items + 1, "offsets")
                    let neighbours = try reader.readArray(Int32.self, count: similarities, "neighbours")
                    let values = try reader.readDoubles(count: similarities, "similarities")
                    precondition(neighbours.allSatisfy { $0 >= 0 && Int($0) < matrix.itemCount })
                    precondition(offsets.last == values.count)
                }
            }
        }
    }

    static func file(_ kind: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("reclab-bench-\(kind).model").path
    }

    /// The size last printed per kind, so each size is printed once.
    nonisolated(unsafe) static var lastSize: [String: Int] = [:]
}

/// The models of the kinds no other benchmark trains, trained once.
enum CheckpointInputs {
    static let als = Result { try ALSModel.train(ModelInputs.inputs("small").matrix) }
    static let bias = Result { try BiasModel.train(ModelInputs.inputs("small").matrix) }
    static let itemKNN = Result { try ItemKNN.train(ModelInputs.inputs("small").matrix) }
}
