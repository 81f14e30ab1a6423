import RecLab

/// A model in the workspace: what was trained, on what, and how long it took.
public struct TrainedModel: Sendable {
    /// The name it is bound to (`knn = train userknn` → `knn`).
    public var name: String
    /// The trained model.
    public var model: any Recommender
    /// The table it was trained on.
    public var table: String
    /// Which binding of ``table`` it was trained on (`nil`: a piped table,
    /// or a model loaded from a file).
    public var source: TableBinding?
    /// Wall time of training, matrix building included, in seconds.
    public var seconds: Double
    /// The people trained as users of the model (`train … people=on`): each
    /// one's user id in the model's ratings.
    public var people: [String: Int64] = [:]

    /// A model bound to `name`.
    public init(name: String, model: any Recommender, table: String, seconds: Double) {
        self.name = name
        self.model = model
        self.table = table
        self.seconds = seconds
    }

    /// `nbrs=15 min_nbrs=3 …`, as `train` accepts it.
    public var settingsText: String {
        model.settings.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }
}
