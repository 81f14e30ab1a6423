import Foundation
import RecLab

/// Benchmark phases of `als` and `evaluate` (figures in README.md).
///
/// `accuracy` is not a speed phase: it splits ml-latest-small (`small`) or
/// ml-100k (`100k`) 80/20 at random (seed `$RECLAB_SPLIT_SEED`, default 42),
/// trains every rating model with its defaults on the 80% and prints RMSE,
/// MAE and coverage on all of the 20% (fallback included), with training
/// and evaluation time. `$RECLAB_ALS` overrides als settings
/// (`features=20 samples=0`), `$RECLAB_MODELS` picks models (`als bias`).
enum EvaluationBenchmarks {
    static var phases: [Phase] {
        [
            Phase(name: "als train", size: "small") {
                let train = try Split.small.get().train
                let parameters = try alsSettings()
                return { _ = try ALSModel.train(train, parameters: parameters) }
            },
            // LensKit's BiasedMF(50): 20 least-squares iterations, no sampling.
            Phase(name: "als train (BiasedMF 50)", size: "small") {
                let train = try Split.small.get().train
                return { _ = try ALSModel.train(train, parameters: .lensKit(features: 50)) }
            },
            // One least-squares iteration and one Bayesian sweep at scale.
            sweeps("10m"), sweeps("33m"),
            Phase(name: "evaluate als", size: "small") {
                let split = try Split.small.get()
                let model = try ALSModel.train(split.train, parameters: alsSettings())
                return { _ = try Evaluation.evaluate(model, on: split.test) }
            },
            Phase(name: "evaluate userknn", size: "small") {
                let split = try Split.small.get()
                let model = try UserKNN.train(split.train)
                return { _ = try Evaluation.evaluate(model, on: split.test) }
            },
            Phase(name: "evaluate itemknn", size: "small") {
                let split = try Split.small.get()
                let model = try ItemKNN.train(split.train, parameters: .init(neighbours: 20))
                return { _ = try Evaluation.evaluate(model, on: split.test) }
            },
            Phase(name: "accuracy", size: "small", isReport: true) { { try accuracy(Split.small.get()) } },
            Phase(name: "accuracy", size: "100k", isReport: true) { { try accuracy(Split.ml100k.get()) } },
        ]
    }

    /// `als 2 sweeps`: one least-squares iteration, then one Bayesian sweep.
    static func sweeps(_ size: String) -> Phase {
        Phase(name: "als 2 sweeps", size: size) {
            let matrix = try ModelInputs.inputs(size).matrix
            return {
                let start = Date()
                _ = try ALSModel.train(matrix, parameters: .init(iterations: 1, samples: 0))
                let leastSquares = Date().timeIntervalSince(start)
                _ = try ALSModel.train(matrix, parameters: .init(iterations: 0, samples: 1, burnIn: 0))
                print(String(format: "  least-squares iteration %.2f s, Bayesian sweep %.2f s (starting biases included)",
                             leastSquares, Date().timeIntervalSince(start) - leastSquares))
            }
        }
    }

    /// Every rating model with its defaults on one split: a table row each.
    static func accuracy(_ split: Split) throws {
        let wanted = ProcessInfo.processInfo.environment["RECLAB_MODELS"].map { $0.split(separator: " ").map(String.init) }
        let trainers: [(String, () throws -> any Recommender)] = [
            ("bias", { try BiasModel.train(split.train, parameters: .init(damping: 5)) }),
            ("userknn", { try UserKNN.train(split.train) }),
            ("itemknn", { try ItemKNN.train(split.train, parameters: .init(neighbours: 20)) }),
            ("mf", { try MatrixFactorization.train(split.train) }),
            ("als", { try ALSModel.train(split.train, parameters: alsSettings()) }),
        ]
        print("  \(split.name), seed \(split.seed): \(split.train.ratingCount) training ratings, \(split.test.count) test rows")
        print("  model     rmse_all  mae_all  coverage  rmse(model)  train s  eval s")
        for (name, train) in trainers where wanted?.contains(name) ?? true {
            let start = Date()
            let model = try train()
            let trained = Date()
            let report = try Evaluation.evaluate(model, on: split.test)
            let evaluated = Date()
            print(String(format: "  %@  %.4f    %.4f   %5.1f%%    %.4f       %6.3f   %6.3f", name.padding(toLength: 8, withPad: " ", startingAt: 0) as NSString,
                         report.all.rmse, report.all.mae, report.coverage * 100, report.model.rmse,
                         trained.timeIntervalSince(start), evaluated.timeIntervalSince(trained)))
        }
    }

    /// `$RECLAB_ALS` as parameters (`key=value` words) over the defaults.
    static func alsSettings() throws -> ALSModel.Parameters {
        var p = ALSModel.Parameters()
        for word in (ProcessInfo.processInfo.environment["RECLAB_ALS"] ?? "").split(separator: " ") {
            let parts = word.split(separator: "=").map(String.init)
            guard parts.count == 2, let value = Double(parts[1]) else { throw RecLabError("bad setting \(word)") }
            switch parts[0] {
            case "features": p.features = Int(value)
            case "reg": p.regularization = value
            case "iters": p.iterations = Int(value)
            case "damping": p.damping = value
            case "samples": p.samples = Int(value)
            case "burn": p.burnIn = Int(value)
            case "seed": p.seed = UInt64(value)
            case "nu": p.robustness = value
            default: throw RecLabError("unknown setting \(parts[0])")
            }
        }
        return p
    }
}

/// A random 80/20 split of a MovieLens release's ratings: the training
/// matrix and the held-out rows.
struct Split: Sendable {
    let name: String
    let seed: UInt64
    let train: RatingMatrix
    let test: HeldOutRatings

    static let small = Result { try Split(release: "small") }
    static let ml100k = Result { try Split(release: "100k") }

    init(release: String) throws {
        let seed = UInt64(ProcessInfo.processInfo.environment["RECLAB_SPLIT_SEED"] ?? "42") ?? 42
        let tables = try MovieLens.load(releaseNamed: release, searchFolders: [BenchData.shared])
        guard let ratings = tables.first(where: { $0.name == "ratings" })?.table else { throw RecLabError("no ratings") }
        let (train, test) = try ratings.split(fraction: 0.8, seed: seed)
        (name, self.seed) = (release, seed)
        self.train = try RatingMatrix.build(from: train)
        self.test = try HeldOutRatings(table: test)
    }
}
