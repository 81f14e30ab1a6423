import Foundation
import RecLab

extension Algorithm {
    /// Biased matrix factorisation by alternating least squares (LensKit's
    /// BiasedMF), then averaged Bayesian draws (``ALSModel``).
    static let als = Algorithm(
        name: "als",
        summary: "matrix factorisation by alternating least squares (LensKit BiasedMF), then averaged Bayesian draws", model: ALSModel.self,
        settings: [
            Setting(key: "features", kind: .whole(1...1024), defaultValue: 10, meaning: "length of each user and movie vector"),
            Setting(key: "reg", kind: .number(0...1_000), defaultValue: 0.1,
                    meaning: "least-squares penalty per rating (above 0)"),
            Setting(key: "iters", kind: .whole(1...10_000), defaultValue: 3,
                    meaning: "least-squares iterations (users, then movies)"),
            Setting(key: "damping", kind: .number(0...1_000_000), defaultValue: 5, meaning: "damping of the starting biases"),
            Setting(key: "samples", kind: .whole(0...100_000), defaultValue: 150,
                    meaning: "Bayesian draws averaged (0: least squares only, far quicker on big data)"),
            Setting(key: "burn", kind: .whole(0...100_000), defaultValue: 10, meaning: "Bayesian draws dropped first"),
            Setting(key: "nu", kind: .number(0...1_000_000), defaultValue: 20,
                    meaning: "noise per user and movie, degrees of freedom (0: the same for all)"),
            Setting(key: "seed", kind: .whole(0...Int(Int32.max)), defaultValue: 42, meaning: "seeds the start and the draws"),
        ],
        headline: ["features", "iters"],
        scoreMeaning: "scores are predicted ratings: the mean, the biases and the user·movie product",
        train: { matrix, values, cancel in
            try ALSModel.train(matrix, parameters: alsParameters(values), cancel: cancel)
        })

    /// `train als`'s settings as the engine's parameters.
    static func alsParameters(_ values: Values) -> ALSModel.Parameters {
        ALSModel.Parameters(
            features: values.whole("features"), regularization: values.number("reg"), iterations: values.whole("iters"),
            damping: values.number("damping"), samples: values.whole("samples"), burnIn: values.whole("burn"),
            robustness: values.number("nu"), seed: UInt64(values.whole("seed")))
    }
}
