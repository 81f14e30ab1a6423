import Foundation
import RecLab

/// Benchmark phases of matrix factorisation (`mf`; figures in README.md).
///
/// `mf accuracy` is not a speed phase: it trains with the defaults (or the
/// settings in `$RECLAB_MF`, e.g. `factors=100 epochs=8`) on a random 80% of
/// ml-latest-small or ml-100k (split seed 7, or `$RECLAB_SPLIT_SEED`) and prints the RMSE on all of
/// the other 20%: rows whose user or movie `mf` never saw in training are
/// predicted by LensKit's `Fallback(mf, Bias(damping=5))` rule, a
/// ``BiasModel`` trained on the same 80%.
enum MFBenchmarks {
    static var phases: [Phase] {
        [
            Phase(name: "mf train", size: "small") {
                let matrix = try ModelInputs.inputs("small").matrix
                return { _ = try MatrixFactorization.train(matrix) }
            },
        ] + ["small", "10m", "33m"].flatMap { size -> [Phase] in
            [
                Phase(name: "mf epoch", size: size) { try epoch(size) },
                // What the peers train on (compare.sh): every rating, none held out.
                Phase(name: "mf epoch (all ratings)", size: size) { try epoch(size, allRatings: true) },
            ]
        } + [
            Phase(name: "mf fold-in (100)", size: "small") {
                let (person, model) = (try ModelInputs.inputs("small").person, try MFInputs.small.get())
                return { _ = model.foldIn(ratings: person) }
            },
            Phase(name: "mf recommend (100)", size: "small") {
                let (person, model) = (try ModelInputs.inputs("small").person, try MFInputs.small.get())
                return {
                    let top = model.itemScores(ratings: person).recommend(10)
                    precondition(top.count == 10, "recommended \(top.count)")
                }
            },
            Phase(name: "mf similar", size: "small") {
                let model = try MFInputs.small.get()
                return { _ = try model.similarItems(to: 1, count: 10) }
            },
        ] + ["10m", "33m"].flatMap { size -> [Phase] in
            [
                Phase(name: "mf fold-in (100)", size: size) {
                    let (person, model) = (try ModelInputs.inputs(size).person, try MFInputs.oneEpoch(size))
                    return { _ = model.foldIn(ratings: person) }
                },
                Phase(name: "mf recommend (100)", size: size) {
                    let (person, model) = (try ModelInputs.inputs(size).person, try MFInputs.oneEpoch(size))
                    return {
                        let top = model.itemScores(ratings: person).recommend(10)
                        precondition(top.count == 10, "recommended \(top.count)")
                    }
                },
                Phase(name: "mf similar", size: size) {
                    let model = try MFInputs.oneEpoch(size)
                    let movie = model.matrix.itemIds[0]
                    return { _ = try model.similarItems(to: movie, count: 10) }
                },
                Phase(name: "mf similar min 50", size: size) {
                    let model = try MFInputs.oneEpoch(size)
                    let movie = model.matrix.itemIds[0]
                    return { _ = try model.similarItems(to: movie, count: 10, minCount: 50) }
                },
            ]
        } + [
            Phase(name: "mf accuracy", size: "small", isReport: true) { try accuracy("small") },
            Phase(name: "mf accuracy", size: "100k", isReport: true) { try accuracy("100k") },
        ]
    }

    /// One epoch with the defaults (or `$RECLAB_MF`; `allRatings` trains on
    /// every rating, `valid=0`), printing the epoch's wall-clock and the
    /// process's CPU seconds.
    static func epoch(_ size: String, allRatings: Bool = false) throws -> () throws -> Void {
        let matrix = try MFInputs.matrix(size)
        var parameters = try settings()
        if allRatings { parameters.validFraction = 0 }
        let epochs = ProcessInfo.processInfo.environment["RECLAB_MF"]?.contains("epochs") == true ? parameters.epochs : 1
        parameters.epochs = 0
        // The split, the initial rows and the blocks are made before the clock starts.
        let start = Date()
        let untrained = try MatrixFactorization.train(matrix, parameters: parameters)
        print(String(format: "  setup %.2f s", Date().timeIntervalSince(start)))
        return {
            let cpu = cpuSeconds()
            let model = try untrained.fit(epochs: epochs)
            print(String(format: "  epochs %@ s, rmse %@, cpu %.2f s", model.history.map { String(format: "%.2f", $0.seconds) }
                .joined(separator: " "), model.history.map { String(format: "%.4f", $0.rmse) }.joined(separator: " "),
                cpuSeconds() - cpu))
        }
    }

    /// User + system CPU seconds of the whole process so far.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    /// Trains `mf` (and the bias fallback) on 80% of a MovieLens set and
    /// prints the epochs and the test RMSE on the other 20%.
    static func accuracy(_ size: String) throws -> () throws -> Void {
        let table = size == "100k"
            ? try MovieLensFile.uData.load(path: BenchData.shared.appendingPathComponent("ml-100k/u.data").path)
            : try ModelInputs.inputs("small").table
        let splitSeed = ProcessInfo.processInfo.environment["RECLAB_SPLIT_SEED"].flatMap(UInt64.init) ?? 7
        let (train, test) = try table.split(fraction: 0.8, seed: splitSeed)
        let parameters = try settings()
        return {
            let matrix = try RatingMatrix.build(from: train)
            let start = Date()
            let model = try MatrixFactorization.train(matrix, parameters: parameters)
            let seconds = Date().timeIntervalSince(start)
            let fallback = try BiasModel.train(matrix, parameters: .init(damping: 5))
            let users = try test.requireColumn("userId"), items = try test.requireColumn("movieId")
            let ratings = try test.requireColumn("rating")
            var squares = 0.0, known = 0.0, n = 0, k = 0
            for row in 0 ..< test.rowCount {
                guard let u = users.integer(at: row), let i = items.integer(at: row), let r = ratings.number(at: row) else {
                    continue
                }
                let p: Double
                if let predicted = model.predict(user: u, item: i) {
                    p = predicted
                    known += (p - r) * (p - r)
                    k += 1
                } else {
                    p = fallback.globalMean + (fallback.itemBias(of: i) ?? 0) + (fallback.userBias(of: u) ?? 0)
                }
                squares += (p - r) * (p - r)
                n += 1
            }
            for e in model.history {
                print(String(format: "  %d  %.4f  %.4f  %.4f  %.3fs", e.epoch, e.trainLoss, e.validLoss, e.rmse, e.seconds))
            }
            print(String(format: "  test RMSE %.4f over all %d rows (%d by mf: %.4f; %d by the bias fallback), train %.3f s",
                         (squares / Double(n)).squareRoot(), n, k, (known / Double(k)).squareRoot(), n - k, seconds))
        }
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
    /// One epoch on a synthetic set (the vectors are what `similar` and fold-in read).
    private static let large = Result { try MatrixFactorization.train(ModelInputs.inputs("33m").matrix, parameters: .init(epochs: 1)) }
    private static let synthetic10m = Result {
        try MatrixFactorization.train(ModelInputs.inputs("10m").matrix, parameters: .init(epochs: 1))
    }

    /// The model of one epoch on `size` (`10m` or `33m`), trained on first use.
    static func oneEpoch(_ size: String) throws -> MatrixFactorization {
        try (size == "10m" ? synthetic10m : large).get()
    }

    /// The rating matrix of a size, shared with the other model phases.
    static func matrix(_ size: String) throws -> RatingMatrix { try ModelInputs.inputs(size).matrix }
}
