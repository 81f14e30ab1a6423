extension Verbs {
    /// Every verb, in the order `help` lists them within their groups.
    public static let all: [Verb] = [
        load, save, tables, drop, head, tail, describe, select, filter, sort, top, stats, join,
        sample, split, pivot,
        hist, plot, scatter,
        find, rate, unrate, ratings, people, blend, forget,
        train, fit, models, recommend, predict, explain, evaluate, compare, crossfold, tune,
        similar, bias, pca,
        run, history, set, help, quit,
        export,
    ]
}
