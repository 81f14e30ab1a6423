/// How the shell prints tables (`set mode`, like sqlite3's `.mode`).
public enum TableMode: String, CaseIterable, Sendable {
    /// Unicode box tables fitted to the terminal (the default).
    case box
    /// Comma-separated values, as `save` writes them.
    case csv
    /// Tab-separated values.
    case tsv
    /// A GitHub-Markdown table, to paste into notes.
    case markdown
    /// One JSON object per row, in an array.
    case json
}
