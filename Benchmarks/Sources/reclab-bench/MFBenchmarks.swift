import Foundation
import RecLab

/// Benchmark phases of matrix factorisation (`mf`; figures in README.md).
///
/// `mf accuracy` is not a speed phase: it trains with the defaults (or the
/// settings in `$RECLAB_MF`, e.g. `factors=100 epochs=8`) on a random 80% of
/// ml-latest-small (split seed 7) and prints the RMSE on the other 20%.
enum MFBenchmarks {
    static var phases: [Phase] {
        [
            Phase(name: "mf train", size: "small") {
                let matrix = try ModelInputs.inputs("small").matrix
                return { _ = try MatrixFactorization.train(matrix) }
            },
            Phase(name: "mf epoch", size: "33m") {
                let matrix = try ModelInputs.inputs("33m").matrix
                return {
                    let model = try MatrixFactorization.train(matrix, parameters: .init(epochs: 1))
                    print("  epoch seconds \(model.history.map(\.seconds)), rmse \(model.history.map(\.rmse))")
                }
            },
            Phase(name: "mf fold-in (100)", size: "small") {
                let inputs = try ModelInputs.inputs("small")
                let model = try MFInputs.small.get()
                let person = inputs.person
                return {
                    let top = model.itemScores(ratings: person).recommend(10)
                    precondition(top.count == 10, "recommended \(top.count)")
                }
            },
            Phase(name: "mf similar", size: "small") {
                let model = try MFInputs.small.get()
                return { _ = try model.similarItems(to: 1, count: 10) }
            },
            Phase(name: "mf accuracy", size: "small") {
                let table = try ModelInputs.inputs("small").table
                let (train, test) = try table.split(fraction: 0.8, seed: 7)
                let parameters = try settings()
                return {
                    let matrix = try RatingMatrix.build(from: train)
                    let start = Date()
                    let model = try MatrixFactorization.train(matrix, parameters: parameters)
                    let seconds = Date().timeIntervalSince(start)
                    let users = try test.requireColumn("userId"), items = try test.requireColumn("movieId")
                    let ratings = try test.requireColumn("rating")
                    var squares = 0.0, n = 0
                    for row in 0 ..< test.rowCount {
                        guard let u = users.integer(at: row), let i = items.integer(at: row),
                              let r = ratings.number(at: row), let p = model.predict(user: u, item: i) else { continue }
                        squares += (p - r) * (p - r)
                        n += 1
                    }
                    for e in model.history {
                        print(String(format: "  %d  %.4f  %.4f  %.4f  %.3fs", e.epoch, e.trainLoss, e.validLoss, e.rmse, e.seconds))
                    }
                    print(String(format: "  test RMSE %.4f over %d of %d rows, train %.3f s", (squares / Double(n)).squareRoot(),
                                 n, test.rowCount, seconds))
                }
            },
        ]
    }

    /// `$RECLAB_MF` as parameters (`key=value` words).
    static func settings() throws -> MatrixFactorization.Parameters {
        var p = MatrixFactorization.Parameters()
        for word in (ProcessInfo.processInfo.environment["RECLAB_MF"] ?? "").split(separator: " ") {
            let parts = word.split(separator: "=").map(String.init)
            guard parts.count == 2, let value = Double(parts[1]) else { throw RecLabError("bad setting \(word)") }
            switch parts[0] {
            case "factors": p.factors = Int(value)
            case "epochs": p.epochs = Int(value)
            case "lr": p.learningRate = value
            case "wd": p.weightDecay = value
            case "valid": p.validFraction = value
            case "seed": p.seed = UInt64(value)
            case "bs": p.batchSize = Int(value)
            default: throw RecLabError("unknown setting \(parts[0])")
            }
        }
        return p
    }
}

/// An `mf` model of ml-latest-small trained once with the defaults.
enum MFInputs {
    static let small = Result { try MatrixFactorization.train(ModelInputs.inputs("small").matrix) }
}
