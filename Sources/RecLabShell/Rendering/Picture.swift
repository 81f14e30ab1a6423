/// A chart a verb drew: what the terminal shows, and the same chart as
/// SVG (always made, so a notebook can embed it even without `to`).
public struct Picture: Sendable {
    /// The chart for the terminal (and any notes below it).
    public var text: String
    /// The chart as a whole SVG document.
    public var svg: String
    /// What it shows, e.g. `ratings: rating`.
    public var title: String
}
