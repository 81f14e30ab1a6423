import RecLab

/// What Tab offers for a placeholder of a verb's forms where its name says
/// too little: `fit MODEL` takes only models that can go on training,
/// `hist COL` only numeric columns. A verb declares these beside its forms
/// (``Verb/fills``), so its grammar is still written once; every other
/// placeholder is filled by its name (``Completer``).
public enum PlaceholderFill: Sendable {
    /// The models for which `accepts` holds.
    case models(where: @Sendable (any Recommender) -> Bool)
    /// The columns of the tables named that hold numbers.
    case numericColumns
    /// The settings (`nbrs=`) of the algorithm named after the verb.
    case algorithmSettings
    /// The genres of the `movies` table.
    case genres
}
