import RecLab

/// One algorithm `train` knows: its settings, their defaults and limits, and
/// how to train it on a rating matrix.
struct Algorithm: Sendable {
    /// What a setting accepts.
    enum Kind: Sendable {
        /// A whole number in a range.
        case whole(ClosedRange<Int>)
        /// A number in a range.
        case number(ClosedRange<Double>)
        /// `on` or `off`.
        case onOff
        /// A percentage (`20%`) in a range of percents, kept as a fraction (0.2).
        case percent(ClosedRange<Double>)
    }

    /// One `key=value` setting.
    struct Setting: Sendable {
        var key: String
        var kind: Kind
        var defaultValue: Double
        var meaning: String
    }

    /// The settings given to `train`, with defaults filled in.
    struct Values: Sendable {
        var values: [String: Double]
        /// The keys the user typed; the rest hold defaults.
        var given: Set<String> = []
        func whole(_ key: String) -> Int { WholeNumber.exact(values[key] ?? 0, in: Int.min ... Int.max) ?? 0 }
        func number(_ key: String) -> Double { values[key] ?? 0 }
        func flag(_ key: String) -> Bool { (values[key] ?? 0) != 0 }
    }

    /// The name typed after `train`.
    var name: String
    /// One line for `help train`.
    var summary: String
    /// The engine type it trains: what its models can do follows from the
    /// protocols that type conforms to (``abilities``).
    var model: any Recommender.Type
    /// The settings, in the order they are listed.
    var settings: [Setting]
    /// The settings the line under a model's answers always shows
    /// (``AnswerLine``); the others are shown when not at their default.
    var headline: [String] = []
    /// Settings whose value on a trained model counts the training that
    /// ran rather than what was asked (lowrank's `iters` stops early once
    /// converged), with the noun that counts it. The answer line shows
    /// them as `576 iterations`, so they don't read like a setting.
    var trainingCounts: [String: String] = [:]
    /// How to read this kind's scores, for the line under its answers:
    /// `scores are predicted ratings and …`.
    var scoreMeaning: String = "higher scores rank first"
    /// Trains a model from the matrix and the settings.
    var train: @Sendable (RatingMatrix, Values, Cancellation) throws -> any Recommender
    /// Trains while showing how it goes (a bar, a line per epoch); used
    /// instead of ``train`` when set.
    var live: (@Sendable (RatingMatrix, Values, TrainingFeedback) throws -> any Recommender)? = nil

    /// What models of this kind do beyond `recommend`, for `help train`:
    /// how their scores read, and the verbs that take them, from the
    /// protocols ``model`` conforms to.
    var abilities: [String] {
        var out: [String]
        switch model.scoreScale {
        case .ratings: out = ["predict ratings", "evaluate (RMSE and top-N)"]
        case .counts, .ranking: out = ["rank movies", "evaluate top K"]
        }
        if model is any MovieSpaceModel.Type { out.append("similar") }
        if model is any MovieVectorModel.Type { out.append("pca") }
        if model is any ItemBiasModel.Type { out.append("bias") }
        if model is any ExplainableModel.Type { out.append("explain") }
        if model is any ContinuableModel.Type { out.append("fit") }
        if model is any CheckpointableModel.Type { out.append("save model") }
        return out
    }

    /// The defaults of every setting.
    var defaults: Values {
        Values(values: Dictionary(uniqueKeysWithValues: settings.map { ($0.key, $0.defaultValue) }))
    }
}

extension Algorithm {
    /// Every algorithm, in the order `help train` lists them.
    static let all: [Algorithm] = [userKNN, itemKNN, bias, popular, mf, als, lowRank, implicit, bpr, ease]

    /// The algorithm that trained `model`.
    static func of(_ model: any Recommender) -> Algorithm? {
        all.first { $0.name == model.algorithm }
    }

    /// The algorithms and their settings with defaults, for `help train`.
    static var helpText: String {
        var lines = ["algorithms and their settings (defaults shown):"]
        for algorithm in all {
            lines.append("  \(algorithm.name): \(algorithm.summary)")
            lines.append("    its models: " + algorithm.abilities.joined(separator: ", "))
            for setting in algorithm.settings {
                let pair = "\(setting.key)=\(ModelTraining.describe(setting.defaultValue, setting.kind))"
                lines.append("    " + pair.padding(toLength: max(pair.count, 16), withPad: " ", startingAt: 0) + "  " + setting.meaning)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// What kNN scores are: a mean plus weighted deviations, which can
    /// add up past the highest rating.
    static let predictedRatingsPastTheScale = "scores are predicted ratings and can pass the top of the rating scale"

    /// LensKit's `UserUser`, exactly (`USERKNN.md`).
    static let userKNN = Algorithm(
        name: "userknn", summary: "user-user collaborative filtering (LensKit UserUser)", model: UserKNN.self,
        settings: [
            Setting(key: "nbrs", kind: .whole(1...10_000), defaultValue: 15, meaning: "most neighbours per movie"),
            Setting(key: "min_nbrs", kind: .whole(1...10_000), defaultValue: 3, meaning: "fewer neighbours: no score"),
            Setting(key: "min_sim", kind: .number(-1...1), defaultValue: 0, meaning: "least similarity of a neighbour"),
            Setting(key: "center", kind: .onOff, defaultValue: 1, meaning: "mean-centre ratings"),
        ],
        headline: ["nbrs", "min_nbrs"],
        scoreMeaning: Algorithm.predictedRatingsPastTheScale
    ) { matrix, values, _ in
        try UserKNN.train(matrix, parameters: UserKNN.Parameters(
            neighbours: values.whole("nbrs"), minNeighbours: values.whole("min_nbrs"),
            minSimilarity: values.number("min_sim"), center: values.flag("center")))
    }

    /// LensKit's `ItemItem`: item-mean-centred cosine between movies.
    static let itemKNN = Algorithm(
        name: "itemknn", summary: "item-item collaborative filtering (LensKit ItemItem)", model: ItemKNN.self,
        settings: [
            Setting(key: "nbrs", kind: .whole(1...10_000), defaultValue: 20, meaning: "most rated neighbours per movie"),
            Setting(key: "min_nbrs", kind: .whole(1...10_000), defaultValue: 1, meaning: "fewer neighbours: no score"),
            Setting(key: "min_sim", kind: .number(-1...1), defaultValue: 1e-6, meaning: "least similarity kept"),
            Setting(key: "center", kind: .onOff, defaultValue: 1, meaning: "centre ratings on movie means"),
        ],
        headline: ["nbrs", "min_nbrs"],
        scoreMeaning: Algorithm.predictedRatingsPastTheScale
    ) { matrix, values, cancel in
        try ItemKNN.train(matrix, parameters: ItemKNN.Parameters(
            neighbours: values.whole("nbrs"), minNeighbours: values.whole("min_nbrs"),
            minSimilarity: values.number("min_sim"), center: values.flag("center")), cancel: cancel)
    }

    /// LensKit's `Bias`: global mean plus damped movie and user biases.
    static let bias = Algorithm(
        name: "bias", summary: "global mean + movie bias + user bias, damped (LensKit Bias)", model: BiasModel.self,
        settings: [
            Setting(key: "damping", kind: .number(0...1_000_000), defaultValue: 5,
                    meaning: "mean ratings assumed per movie and user (shrinks thin biases)"),
        ],
        headline: ["damping"],
        scoreMeaning: "scores are predicted ratings: the mean rating plus the movie's and the person's bias"
    ) { matrix, values, _ in
        try BiasModel.train(matrix, parameters: BiasModel.Parameters(damping: values.number("damping")))
    }

    /// LensKit's `Popular`: the most-rated movies.
    static let popular = Algorithm(
        name: "popular", summary: "the most-rated movies (score: number of ratings)", model: PopularModel.self, settings: [],
        scoreMeaning: "scores are numbers of ratings: everyone gets the same list, less what they rated"
    ) { matrix, _, _ in
        PopularModel.train(matrix)
    }
}
