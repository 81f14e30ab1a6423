import RecLab

extension Algorithm {
    /// Steck's embarrassingly shallow autoencoder (``EASE``): movie-to-movie
    /// weights in closed form, for top-N lists.
    static let ease = Algorithm(
        name: "ease",
        summary: "movie-to-movie weights in closed form, for top-N lists (Steck's EASE)", model: EASE.self,
        settings: [
            Setting(key: "reg", kind: .number(0...1e9), defaultValue: 300,
                    meaning: "ridge penalty on the weights (above 0; larger favours popular movies less)"),
            Setting(key: "min_ratings", kind: .whole(1...1_000_000_000), defaultValue: 5,
                    meaning: "fewest ratings a movie needs to be kept (the weights are kept × kept)"),
        ],
        headline: ["reg"],
        scoreMeaning: "scores are sums of learned weights from the movies a person rated, not ratings",
        train: { matrix, values, cancel in
            try EASE.train(matrix, parameters: EASE.Parameters(regularization: values.number("reg"),
                                                                minRatings: values.whole("min_ratings")),
                           cancel: cancel)
        })
}
