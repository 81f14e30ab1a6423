import Foundation
import RecLab

/// Benchmark phases of `lowrank` (the tutorial's low-rank factorisation;
/// figures in README.md). Size `tutorial` is the LinkedIn Learning
/// tutorial's 680 ratings (`linkedin-recs/`), `small` ml-latest-small.
///
/// `lowrank accuracy` is not a speed phase: it trains on a random 70% (split
/// seed 7) with the defaults, or the settings in `$RECLAB_LOWRANK` (e.g.
/// `method=lbfgs iters=3000 reg=1`), and prints iterations, cost, training
/// and testing RMSE.
enum LowRankBenchmarks {
    static var phases: [Phase] {
        [
            Phase(name: "lowrank train", size: "tutorial") {
                let matrix = try LowRankInputs.tutorial.get().matrix
                let parameters = try settings()
                return { report(try LowRank.train(matrix, parameters: parameters)) }
            },
            Phase(name: "lowrank train", size: "small") {
                let matrix = try ModelInputs.inputs("small").matrix
                let parameters = try settings()
                return { report(try LowRank.train(matrix, parameters: parameters)) }
            },
            Phase(name: "lowrank fold-in (100)", size: "small") {
                let inputs = try ModelInputs.inputs("small")
                let model = try LowRankInputs.small.get()
                let person = inputs.person
                return {
                    let top = model.itemScores(ratings: person).recommend(10)
                    precondition(top.count == 10, "recommended \(top.count)")
                }
            },
            Phase(name: "lowrank similar l1", size: "small") {
                let model = try LowRankInputs.small.get()
                return { _ = try model.similarItems(to: 1, count: 10, metric: .l1) }
            },
            accuracy(size: "tutorial") { try LowRankInputs.tutorial.get().table },
            accuracy(size: "small") { try ModelInputs.inputs("small").table },
        ]
    }

    private static func accuracy(size: String, table: @escaping () throws -> Table) -> Phase {
        Phase(name: "lowrank accuracy", size: size, isReport: true) {
            let (train, test) = try table().split(fraction: 0.7, seed: 7)
            let parameters = try settings()
            return {
                let model = try LowRank.train(RatingMatrix.build(from: train), parameters: parameters)
                report(model)
                let users = try test.requireColumn(test.columnNames[0]), items = try test.requireColumn(test.columnNames[1])
                let ratings = try test.requireColumn(test.columnNames[2])
                var squares = 0.0, n = 0
                for row in 0 ..< test.rowCount {
                    guard let u = users.integer(at: row), let i = items.integer(at: row),
                          let r = ratings.number(at: row), let p = model.predict(user: u, item: i) else { continue }
                    squares += (p - r) * (p - r)
                    n += 1
                }
                print(String(format: "  testing RMSE %.4f over %d of %d rows", (squares / Double(n)).squareRoot(), n, test.rowCount))
            }
        }
    }

    private static func report(_ model: LowRank) {
        let r = model.report
        print(String(format: "  %@: %d iterations, %d evaluations, cost %.6f, training RMSE %.6f, |g|max %.2e",
                     r.stop.rawValue, r.iterations, r.evaluations, r.cost, r.trainingRMSE, r.gradientNorm))
    }

    /// `$RECLAB_LOWRANK` as parameters (`key=value` words).
    static func settings() throws -> LowRank.Parameters {
        var p = LowRank.Parameters()
        for word in (ProcessInfo.processInfo.environment["RECLAB_LOWRANK"] ?? "").split(separator: " ") {
            let parts = word.split(separator: "=").map(String.init)
            guard parts.count == 2 else { throw RecLabError("bad setting \(word)") }
            if parts[0] == "method" {
                guard let method = LowRank.Method(rawValue: parts[1]) else { throw RecLabError("bad method \(parts[1])") }
                p.method = method
                continue
            }
            guard let value = Double(parts[1]) else { throw RecLabError("bad setting \(word)") }
            switch parts[0] {
            case "features": p.features = Int(value)
            case "reg": p.regularization = value
            case "iters": p.iterations = Int(value)
            case "seed": p.seed = UInt64(value)
            case "normalize": p.normalize = value != 0
            case "gtol": p.gradientTolerance = value
            case "ftol": p.costTolerance = value
            default: throw RecLabError("unknown setting \(parts[0])")
            }
        }
        return p
    }
}

/// The tutorial's ratings, and a `lowrank` model of ml-latest-small trained once.
enum LowRankInputs {
    static let tutorial = Result { () throws -> (table: Table, matrix: RatingMatrix) in
        let table = try CSVReader.read(path: BenchData.shared.appendingPathComponent("linkedin-recs/movie_ratings_data_set.csv").path)
        return (table, try RatingMatrix.build(from: table))
    }
    static let small = Result { try LowRank.train(ModelInputs.inputs("small").matrix) }
}
