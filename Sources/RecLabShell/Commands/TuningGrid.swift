import RecLab

/// The settings `tune` varies: each key with the values to try, in the
/// order typed, and every combination of them.
struct TuningGrid {
    /// The most combinations one `tune` trains.
    static let maximumCombinations = 1_000

    /// The varied settings, in the order typed.
    var axes: [(setting: Algorithm.Setting, values: [Double])]

    /// Every combination, the last setting varying fastest, as values of
    /// ``axes`` by position.
    var combinations: [[Double]] {
        axes.reduce([[]]) { partial, axis in partial.flatMap { prefix in axis.values.map { prefix + [$0] } } }
    }

    /// The `key=v1,v2...` settings up to `on`, each value checked as
    /// `train` checks it.
    static func read(_ arguments: inout Arguments, for algorithm: Algorithm, usage: String) throws -> TuningGrid {
        var axes: [(setting: Algorithm.Setting, values: [Double])] = []
        let keys = algorithm.settings.map(\.key)
        while let key = arguments.peek, !key.isWord("on") {
            _ = arguments.next()
            guard key.kind == .word, let setting = algorithm.settings.first(where: { $0.key == key.text.lowercased() }) else {
                if keys.isEmpty {
                    throw ShellError("\(algorithm.name) has no settings to tune", at: key)
                }
                throw ShellError(Suggestion.unknown("\(algorithm.name) setting", key.text, among: keys, plural: "settings")
                                 + (key.kind == .word ? "" : "; settings are written key=v1,v2,v3"), at: key)
            }
            guard !axes.contains(where: { $0.setting.key == setting.key }) else {
                throw ShellError("'\(setting.key)' is given twice", at: key)
            }
            guard arguments.takeSymbol("=") else {
                throw ShellError("expected '=' and values after '\(key.text)' (like \(key.text)=v1,v2,v3)",
                                 at: arguments.peek ?? arguments.endToken)
            }
            var values: [Double] = []
            repeat {
                guard let token = arguments.next() else {
                    throw ShellError("expected a value after '\(key.text)='", at: arguments.endToken)
                }
                let value = try ModelTraining.value(of: token, for: setting)
                guard !values.contains(value) else {
                    throw ShellError("\(setting.key) lists \(token.text) twice", at: token)
                }
                values.append(value)
            } while arguments.takeSymbol(",")
            axes.append((setting, values))
        }
        guard !axes.isEmpty else {
            if keys.isEmpty { throw ShellError("\(algorithm.name) has no settings to tune", at: arguments.verb) }
            throw ShellError("expected settings to vary, like \(keys.first ?? "key")=v1,v2,v3; usage: \(usage)",
                             at: arguments.peek ?? arguments.endToken)
        }
        let count = axes.reduce(1) { $0 * $1.values.count }
        guard count <= maximumCombinations else {
            throw ShellError("that is \(count) combinations to train; tune takes at most \(maximumCombinations)",
                             at: arguments.peek ?? arguments.endToken)
        }
        return TuningGrid(axes: axes)
    }

    /// `reg=300, min_ratings=5`: one combination as typed.
    func describe(_ combination: [Double]) -> String {
        zip(axes, combination).map { "\($0.setting.key)=\(ModelTraining.describe($1, $0.setting.kind))" }
            .joined(separator: ", ")
    }
}
