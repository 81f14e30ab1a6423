extension BPRModel: FactorExplaining {
    /// Rendle et al. call the vectors' numbers factors.
    public var vectorEntryName: String { "factor" }

    /// Training's gradient steps on the person's vector alone.
    public var foldInMethod: String {
        "\(parameters.epochs) gradient steps per rated movie on rated-versus-unrated pairs, as in training"
    }
}
