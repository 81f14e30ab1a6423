import RecLab

extension Algorithm {
    /// Bayesian personalised ranking by stochastic gradient steps (``BPRModel``).
    static let bpr = Algorithm(
        name: "bpr",
        summary: "Bayesian personalised ranking (Rendle et al.): rated movies scored above unrated ones, by SGD", model: BPRModel.self,
        settings: [
            Setting(key: "features", kind: .whole(1...1024), defaultValue: 64, meaning: "length of each user and movie vector"),
            Setting(key: "epochs", kind: .whole(1...10_000), defaultValue: 80, meaning: "passes, each as many triples as ratings"),
            Setting(key: "lr", kind: .number(0...10), defaultValue: 0.05, meaning: "learning rate (step size, above 0)"),
            Setting(key: "reg", kind: .number(0...1_000_000), defaultValue: 0.01,
                    meaning: "L2 penalty on vectors and movie biases (lr × reg below 1)"),
            Setting(key: "seed", kind: .whole(0...9_007_199_254_740_991), defaultValue: 42,
                    meaning: "seeds the starting vectors and the triples"),
        ],
        headline: ["features", "epochs"],
        scoreMeaning: "scores rank movies (movie bias + user·movie product); they are not ratings"
    ) { matrix, values, cancel in
        try BPRModel.train(matrix, parameters: BPRModel.Parameters(
            features: values.whole("features"), epochs: values.whole("epochs"), learningRate: values.number("lr"),
            regularization: values.number("reg"), seed: UInt64(values.whole("seed"))), cancel: cancel)
    }
}
