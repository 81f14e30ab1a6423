import Foundation
import RecLab

/// `save model` / `load model` of an mf model (figures in README.md):
/// the ml-latest-small model trained once with the defaults, written to
/// and read from a file in `$TMPDIR` (the write ends with an fsync).
enum CheckpointBenchmarks {
    static let file = FileManager.default.temporaryDirectory.appendingPathComponent("reclab-bench-mf.model").path

    static var phases: [Phase] {
        [
            Phase(name: "mf checkpoint encode", size: "small") {
                let model = try MFInputs.small.get()
                return { _ = Checkpoint(model: model).encoded() }
            },
            Phase(name: "mf save model", size: "small") {
                let model = try MFInputs.small.get()
                return {
                    let bytes = try Checkpoint(model: model, info: ["name": "mf"]).write(to: file)
                    if bytes != lastSize { print("  \(file): \(bytes) bytes"); lastSize = bytes }
                }
            },
            Phase(name: "mf load model", size: "small") {
                let model = try MFInputs.small.get()
                try Checkpoint(model: model, info: ["name": "mf"]).write(to: file)
                return {
                    let loaded = try Checkpoint.read(from: file)
                    precondition(loaded.model.matrix.ratingCount == model.matrix.ratingCount)
                }
            },
        ]
    }

    /// The size last printed, so each size is printed once.
    nonisolated(unsafe) static var lastSize = 0
}
