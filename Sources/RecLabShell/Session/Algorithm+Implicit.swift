import RecLab

extension Algorithm {
    /// Implicit-feedback matrix factorisation (LensKit's ImplicitMF with
    /// exact solves, ``ImplicitMF``): which movies were rated, not how.
    static let implicit = Algorithm(
        name: "implicit",
        summary: "implicit-feedback matrix factorisation by alternating least squares (LensKit ImplicitMF): "
            + "who rated what, not the ratings",
        model: ImplicitMF.self,
        settings: [
            Setting(key: "features", kind: .whole(1...1024), defaultValue: 50, meaning: "length of each user and movie vector"),
            Setting(key: "iters", kind: .whole(1...10_000), defaultValue: 20, meaning: "iterations (users, then movies)"),
            Setting(key: "reg", kind: .number(0...1_000_000), defaultValue: 0.1, meaning: "ridge penalty of every solve (above 0)"),
            Setting(key: "weight", kind: .number(0...1_000_000), defaultValue: 40,
                    meaning: "extra confidence of a rated pair (1 + weight against 1 for unrated)"),
            Setting(key: "seed", kind: .whole(0...9_007_199_254_740_991), defaultValue: 42, meaning: "seeds the starting vectors"),
        ],
        headline: ["features", "weight"],
        scoreMeaning: "scores rank movies (user·movie product of who-rated-what vectors); they are not ratings"
    ) { matrix, values, cancel in
        try ImplicitMF.train(matrix, parameters: ImplicitMF.Parameters(
            features: values.whole("features"), iterations: values.whole("iters"), regularization: values.number("reg"),
            weight: values.number("weight"), seed: UInt64(values.whole("seed"))), cancel: cancel)
    }
}
