extension ImplicitMF: FactorExplaining {
    /// LensKit calls the vectors' numbers features.
    public var vectorEntryName: String { "feature" }

    /// One exact solve with the movie vectors fixed, rating values ignored.
    public var foldInMethod: String {
        "one weighted least-squares solve, as training solves a user; which movies were rated counts, not the ratings"
    }
}
