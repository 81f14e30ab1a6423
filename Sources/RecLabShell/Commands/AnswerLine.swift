import RecLab

/// The line under a model's answer (`recommend`, `predict`, `similar`):
/// which model answered, with its main settings, and how to read the
/// numbers. Without it the last-trained model answers silently, and a
/// student compares lists from two models without knowing it.
enum AnswerLine {
    /// `by userknn (nbrs=15, min_nbrs=3) for jabril; scores are …`, or
    /// `by knn30, userknn (nbrs=30, min_nbrs=3), for user 42; …` when the
    /// model has a name of its own.
    static func scores(_ trained: TrainedModel, for audience: Audience) -> String {
        let meaning = Algorithm.of(trained.model)?.scoreMeaning ?? "higher scores rank first"
        return "by \(model(trained)) for \(audience.label); \(meaning)"
    }

    /// `predict`'s second line: what the model is and how to read its score.
    static func prediction(_ trained: TrainedModel) -> String {
        let meaning = Algorithm.of(trained.model)?.scoreMeaning ?? "higher scores rank first"
        let described = described(trained)
        let subject = trained.name == trained.model.algorithm ? described : "\(trained.name) is \(described)"
        return "\(subject); \(meaning)"
    }

    /// `similar`'s line: the model, and what the similarity (or, with
    /// `metric l1`, the difference) measures.
    static func similarity(_ trained: TrainedModel, metric: SimilarityMetric?) -> String {
        let meaning: String
        if metric == .l1 {
            meaning = "difference is the sum of absolute differences of the movie vectors: lower is closer"
        } else {
            let space = trained.model as? any MovieSpaceModel
            meaning = "\(space?.similarityColumn ?? "similarity") is " + (space?.similarityMeaning ?? "the cosine of the movies")
        }
        return "by \(model(trained)) in its movie space; \(meaning)"
    }

    /// `userknn (nbrs=15, min_nbrs=3)`, or `knn30, userknn (…),` when the
    /// model's name is not its kind's.
    private static func model(_ trained: TrainedModel) -> String {
        let described = described(trained)
        return trained.name == trained.model.algorithm ? described : "\(trained.name), \(described),"
    }

    /// The kind and the settings worth reading: the kind's headline ones,
    /// and any other not at its default.
    static func described(_ trained: TrainedModel) -> String {
        let kind = trained.model.algorithm
        let counts = Algorithm.of(trained.model)?.trainingCounts ?? [:]
        let shown = shownSettings(trained.model)
        let settings = shown.filter { counts[$0.key] == nil }.map { "\($0.key)=\($0.value)" }
        let ran = trained.model.settings.compactMap { setting -> String? in
            guard let noun = counts[setting.key], let count = Int(setting.value) else { return nil }
            return NumberFormatting.counted(count, noun)
        }
        let parts = [settings.joined(separator: ", "), ran.joined(separator: ", ")].filter { !$0.isEmpty }
        return parts.isEmpty ? kind : "\(kind) (\(parts.joined(separator: "; ")))"
    }

    /// The model's settings in its own order, without those at their
    /// default unless the kind names them as headline settings.
    static func shownSettings(_ model: any Recommender) -> [(key: String, value: String)] {
        guard let algorithm = Algorithm.of(model) else { return model.settings }
        let defaults = Dictionary(algorithm.settings.map { ($0.key, ModelTraining.describe($0.defaultValue, $0.kind)) },
                                  uniquingKeysWith: { first, _ in first })
        return model.settings.filter { setting in
            algorithm.headline.contains(setting.key) || !sameValue(setting.value, defaults[setting.key])
        }
    }

    /// Whether a setting's text is its default's: as numbers when both
    /// are (`0.10` is `0.1`), else as text (`on`).
    private static func sameValue(_ value: String, _ defaultValue: String?) -> Bool {
        guard let defaultValue else { return false }
        if let a = Double(value.replacingOccurrences(of: "%", with: "")),
           let b = Double(defaultValue.replacingOccurrences(of: "%", with: "")) {
            return a == b
        }
        return value == defaultValue
    }
}
