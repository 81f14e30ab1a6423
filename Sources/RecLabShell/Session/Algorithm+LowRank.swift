import RecLab

extension Algorithm {
    /// The LinkedIn Learning tutorial's plain low-rank factorisation R ≈ U·Mᵀ.
    static let lowRank = Algorithm(
        name: "lowrank", summary: "plain low-rank factorisation R ≈ U·Mᵀ, full-batch L-BFGS or CG (the LinkedIn tutorial)", model: LowRank.self,
        settings: [
            Setting(key: "features", kind: .whole(1...1024), defaultValue: 15, meaning: "numbers per user and movie vector"),
            Setting(key: "reg", kind: .number(0...1_000_000), defaultValue: 0.1, meaning: "weight of the squared-size penalty"),
            Setting(key: "iters", kind: .whole(1...1_000_000), defaultValue: 1000,
                    meaning: "most optimiser iterations (stops sooner once converged)"),
            Setting(key: "seed", kind: .whole(0...9_007_199_254_740_991), defaultValue: 42, meaning: "seeds the starting vectors"),
            Setting(key: "normalize", kind: .onOff, defaultValue: 0,
                    meaning: "factor ratings minus each movie's mean (the tutorial's lesson on new users)"),
            Setting(key: "cg", kind: .onOff, defaultValue: 0, meaning: "conjugate gradient like the tutorial's fmin_cg, not L-BFGS"),
        ],
        headline: ["features", "reg"],
        trainingCounts: ["iters": "iteration"],
        scoreMeaning: "scores are the filled-in matrix U·Mᵀ: predicted ratings, with no bound"
    ) { matrix, values, cancel in
        try LowRank.train(matrix, parameters: LowRank.Parameters(
            features: values.whole("features"), regularization: values.number("reg"), iterations: values.whole("iters"),
            seed: UInt64(values.whole("seed")), normalize: values.flag("normalize"),
            method: values.flag("cg") ? .conjugateGradient : .lbfgs), cancel: cancel)
    }
}

extension LowRank: TrainingSummary {
    /// How the optimiser ended: iterations, final cost and training RMSE.
    var trainingSummary: String {
        let r = report
        let method = parameters.method == .lbfgs ? "L-BFGS" : "conjugate gradient"
        let result = "cost \(r.cost.formatted(fractionDigits: 4)), training RMSE \(r.trainingRMSE.formatted(fractionDigits: 4))"
        let iterations = NumberFormatting.counted(r.iterations, "iteration")
        switch r.stop {
        case .gradientTolerance, .costTolerance:
            return "\(method) converged in \(iterations): \(result)"
        case .iterationLimit:
            return "\(method) stopped at the limit of \(iterations) before converging: \(result) (fit MODEL N goes on from here)"
        case .lineSearchFailed:
            return "\(method) stopped after \(iterations): no step lowered the cost further "
                + "(largest gradient component \(r.gradientNorm.formatted(maxFractionDigits: 6))): \(result)"
        }
    }
}
