/// A model with more to say after `train`'s "NAME: trained on …" line, such
/// as how its optimiser ended.
protocol TrainingSummary {
    /// The lines `train` prints after its first (no trailing newline).
    var trainingSummary: String { get }
}
