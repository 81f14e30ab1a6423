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
        name: "mf", summary: "matrix factorisation: user and movie vectors and biases (fast.ai collab_learner)", model: MatrixFactorization.self,
        settings: [
            Setting(key: "factors", kind: .whole(-anyWhole ... anyWhole), defaultValue: 50,
                    meaning: "numbers in each user's and movie's vector"),
            Setting(key: "epochs", kind: .whole(1 ... 10_000), defaultValue: 5, meaning: "passes over the ratings (one cycle)"),
            Setting(key: "lr", kind: .number(-.infinity ... .infinity), defaultValue: 0.005, meaning: "peak learning rate (0.01 above 2M ratings)"),
            Setting(key: "wd", kind: .number(-.infinity ... .infinity), defaultValue: 0.1, meaning: "weight decay"),
            Setting(key: "valid", kind: .percent(-.infinity ... .infinity), defaultValue: 0.2,
                    meaning: "ratings held out to measure valid_loss"),
            Setting(key: "seed", kind: .whole(0 ... anyWhole), defaultValue: 42,
                    meaning: "seeds the split, the first vectors, the shuffles"),
            Setting(key: "bs", kind: .whole(-anyWhole ... anyWhole), defaultValue: 64, meaning: "ratings per optimiser step (1024 above 2M ratings)"),
            Setting(key: "people", kind: .onOff, defaultValue: 0,
                    meaning: "also train every person as a user (else they are folded in)"),
        ],
        headline: ["factors", "epochs"],
        scoreMeaning: "scores are predicted ratings, squeezed by a sigmoid into the model's range",
        train: { matrix, values, cancel in
            try MatrixFactorization.train(matrix, parameters: mfParameters(values, ratings: matrix.ratingCount).parameters,
                                          cancel: cancel)
        },
        live: { matrix, values, feedback in
            let (parameters, note) = mfParameters(values, ratings: matrix.ratingCount)
            if let note { feedback.line(note) }
            return try MatrixFactorization.train(matrix, parameters: parameters, cancel: feedback.cancel,
                                                 observer: feedback.epochObserver(firstEpoch: 0, epochs: parameters.epochs))
        })

    /// The largest whole number a setting is read as (exact in a Double).
    private static let anyWhole = WholeNumber.largestExact

    /// Above this many ratings, `bs` and `lr` that were not typed default
    /// to ``largeBatch`` and ``largeLearningRate``.
    ///
    /// fast.ai's weight decay shrinks every vector at every optimiser step.
    /// With 64 ratings a step, 17.7M ratings make 220,000 steps an epoch,
    /// which shrinks the vectors of everyone rated rarely to nothing: on the
    /// 33.8M synthetic set's curated 17.7M, valid rmse stayed at the
    /// biases' 1.04 and every movie's nearest neighbours had similarity 1.
    /// 1,024 ratings a step at twice the learning rate reached 0.80.
    static let largeData = 2_000_000
    /// `bs` above ``largeData`` ratings.
    static let largeBatch = 1024
    /// `lr` above ``largeData`` ratings.
    static let largeLearningRate = 0.01

    /// `train mf`'s settings as the engine's parameters for a matrix of
    /// `ratings` ratings, and a line saying so when the size changed a
    /// default.
    static func mfParameters(_ values: Values, ratings: Int) -> (parameters: MatrixFactorization.Parameters, note: String?) {
        var values = values
        var changed: [String] = []
        if ratings > largeData {
            for (key, value) in [("bs", Double(largeBatch)), ("lr", largeLearningRate)] where !values.given.contains(key) {
                values.values[key] = value
                changed.append("\(key)=\(value.formatted(fractionDigits: key == "lr" ? 3 : 0))")
            }
        }
        let parameters = MatrixFactorization.Parameters(
            factors: values.whole("factors"), epochs: values.whole("epochs"), learningRate: values.number("lr"),
            weightDecay: values.number("wd"), validFraction: values.number("valid"),
            seed: UInt64(max(0, values.whole("seed"))), batchSize: values.whole("bs"))
        guard !changed.isEmpty else { return (parameters, nil) }
        let note = "\(changed.joined(separator: " ")) for \(NumberFormatting.counted(ratings, "rating")) (fast.ai's bs=64 lr=0.005 "
            + "take so many steps that weight decay wears rarely rated vectors away; type bs= or lr= to choose)"
        return (parameters, note)
    }
}
