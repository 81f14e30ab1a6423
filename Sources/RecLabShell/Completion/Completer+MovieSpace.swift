extension Completer {
    /// Candidates for `similar`, `bias` and `pca`: the models that have what
    /// the verb needs (after `with`, or as `bias`/`pca`'s first word), the
    /// metrics after `metric`, and the verbs' keywords; `nil` for other verbs.
    func movieSpaceWords(verb: String, inCommand: [Token], prefix: String) -> [String]? {
        let last = inCommand.last
        let need: MovieSpace.Need
        let keywords: [String]
        switch verb {
        case "similar": (need, keywords) = (MovieSpace.space, ["with", "metric", "min"])
        case "bias": (need, keywords) = (MovieSpace.biases, ["top", "bottom", "min"])
        case "pca": (need, keywords) = (MovieSpace.vectors, [])
        default: return nil
        }
        let workspace = session.workspace
        let models = workspace.modelNames.filter { workspace.models[$0].map { need.accepts($0.model) } ?? false }
        let candidates: [String]
        if last?.isWord("with") == true || (verb != "similar" && inCommand.count == 1) {
            candidates = models
        } else if last?.isWord("metric") == true {
            candidates = SimilarityMetric.allCases.map(\.rawValue)
        } else if last?.isWord("min") == true || inCommand.count == 1 {
            candidates = []  // a number, or similar's movie (titles complete inside quotes)
        } else {
            candidates = keywords
        }
        return candidates.filter { $0.hasPrefix(prefix) }
    }
}
