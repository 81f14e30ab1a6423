import RecLab

extension Algorithm {
    /// fast.ai's `collab_learner` (EmbeddingDotBias), with its table of
    /// losses printed as each epoch ends.
    ///
    /// The shell only checks that each value is a number of the right
    /// form; ``MatrixFactorization/Parameters/validate()`` decides what is
    /// allowed (factors from 1 to 1024, lr above 0, valid below 100%, …) and
    /// its error names the key. `epochs` is bounded here because the
    /// schedule is built per step.
    static let mf = Algorithm(
        name: "mf", summary: "matrix factorisation: user and movie vectors and biases (fast.ai collab_learner)",
        settings: [
            Setting(key: "factors", kind: .whole(-anyWhole ... anyWhole), defaultValue: 50,
                    meaning: "numbers in each user's and movie's vector"),
            Setting(key: "epochs", kind: .whole(0 ... 10_000), defaultValue: 5, meaning: "passes over the ratings (one cycle)"),
            Setting(key: "lr", kind: .number(-.infinity ... .infinity), defaultValue: 0.005, meaning: "peak learning rate"),
            Setting(key: "wd", kind: .number(-.infinity ... .infinity), defaultValue: 0.1, meaning: "weight decay"),
            Setting(key: "valid", kind: .percent(-.infinity ... .infinity), defaultValue: 0.2,
                    meaning: "ratings held out to measure valid_loss"),
            Setting(key: "seed", kind: .whole(0 ... anyWhole), defaultValue: 42,
                    meaning: "seeds the split, the first vectors, the shuffles"),
            Setting(key: "bs", kind: .whole(-anyWhole ... anyWhole), defaultValue: 64, meaning: "ratings per optimiser step"),
            Setting(key: "people", kind: .onOff, defaultValue: 0,
                    meaning: "also train every person as a user (else they are folded in)"),
        ],
        train: { matrix, values, cancel in
            try MatrixFactorization.train(matrix, parameters: mfParameters(values), cancel: cancel)
        },
        live: { matrix, values, feedback in
            let parameters = mfParameters(values)
            return try MatrixFactorization.train(matrix, parameters: parameters, cancel: feedback.cancel,
                                                 observer: feedback.epochObserver(firstEpoch: 0, epochs: parameters.epochs))
        })

    /// The largest whole number a setting is read as (exact in a Double).
    private static let anyWhole = 1 << 53

    /// `train mf`'s settings as the engine's parameters.
    static func mfParameters(_ values: Values) -> MatrixFactorization.Parameters {
        MatrixFactorization.Parameters(
            factors: values.whole("factors"), epochs: values.whole("epochs"), learningRate: values.number("lr"),
            weightDecay: values.number("wd"), validFraction: values.number("valid"),
            seed: UInt64(max(0, values.whole("seed"))), batchSize: values.whole("bs"))
    }
}
