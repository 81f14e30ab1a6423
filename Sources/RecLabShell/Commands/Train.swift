import Foundation
import RecLab

extension Verbs {
    /// `[NAME =] train ALGO [key=value...] [on TABLE]`.
    static let train = Verb(
        name: "train", group: .models,
        summary: "train a model on the ratings: userknn, itemknn, bias or popular (bare 'train X' names the model X)",
        forms: ["[NAME =] train ALGO [key=value...] [on TABLE]"],
        example: """
            train userknn nbrs=15 min_nbrs=3      # the lab's model, named 'userknn'
            knn30 = train userknn nbrs=30 on train_ratings
            """,
        notes: Algorithm.helpText
    ) { call in
        let usage = "[NAME =] train ALGO [key=value...] [on TABLE]"
        let algorithm = try ModelTraining.algorithm(&call.arguments, usage: usage)
        let values = try ModelTraining.settings(&call.arguments, for: algorithm, usage: usage)
        var tableName = "ratings"
        var tableToken: Token?
        if call.arguments.take("on") {
            let token = try call.arguments.expectName("a table of ratings", usage: usage)
            (tableName, tableToken) = (token.text, token)
        }
        try call.arguments.expectEnd(usage: usage)
        if call.input != nil { tableName = "(piped table)" }
        guard let table = call.input ?? call.session.workspace.table(tableName) else {
            if let tableToken { throw call.session.unknownTable(tableToken) }
            throw ShellError("no table 'ratings' to train on: load one (load movielens small) or say which (train \(algorithm.name) on TABLE)",
                             at: call.arguments.verb)
        }
        let started = DispatchTime.now().uptimeNanoseconds
        let matrix: RatingMatrix
        do throws(RecLabError) {
            matrix = try RatingMatrix.build(from: table, cancel: call.session.cancellation)
        } catch {
            throw ShellError("cannot train on '\(tableName)': \(error.message)", at: tableToken ?? call.arguments.verb)
        }
        guard matrix.ratingCount > 0 else {
            throw ShellError("'\(tableName)' has no ratings to train on", at: tableToken ?? call.arguments.verb)
        }
        let model = try algorithm.train(matrix, values, call.session.cancellation)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let name = algorithm.name
        let trained = TrainedModel(name: call.targets.first?.text ?? name, model: model, table: tableName, seconds: seconds)
        let kind = trained.name == algorithm.name ? "" : "\(algorithm.name) "
        let text = "\(trained.name): \(kind)trained on \(tableName) "
            + "(\(NumberFormatting.counted(matrix.ratingCount, "rating")) by \(NumberFormatting.counted(matrix.userCount, "user")) "
            + "of \(NumberFormatting.counted(matrix.itemCount, "movie")))"
            + ((model as? any TrainingSummary).map { "\n" + $0.trainingSummary } ?? "")
        return .model(trained, text)
    }
}

/// Reading `train`'s algorithm and `key=value` settings.
enum ModelTraining {
    /// The algorithm named next.
    static func algorithm(_ arguments: inout Arguments, usage: String) throws -> Algorithm {
        let names = Algorithm.all.map(\.name)
        guard let token = arguments.next(), let word = token.name else {
            throw ShellError("expected an algorithm (\(names.joined(separator: ", "))); usage: \(usage)",
                             at: arguments.peek ?? arguments.endToken)
        }
        let name = word.lowercased()
        if let algorithm = Algorithm.all.first(where: { $0.name == name }) { return algorithm }
        if Algorithm.planned.contains(name) {
            throw ShellError("'\(name)' is not built yet; available: \(names.joined(separator: ", "))", at: token)
        }
        throw ShellError(Suggestion.unknown("algorithm", word, among: names, plural: "algorithms"), at: token)
    }

    /// The `key=value` settings up to `on` or the end, checked against the
    /// algorithm's, with defaults for the rest.
    static func settings(_ arguments: inout Arguments, for algorithm: Algorithm, usage: String) throws -> Algorithm.Values {
        var values = algorithm.defaults
        var given: Set<String> = []
        let keys = algorithm.settings.map(\.key)
        while let key = arguments.peek, !key.isWord("on") {
            _ = arguments.next()
            guard key.kind == .word, let setting = algorithm.settings.first(where: { $0.key == key.text.lowercased() }) else {
                throw ShellError(Suggestion.unknown("\(algorithm.name) setting", key.text, among: keys, plural: "settings")
                                 + (key.kind == .word ? "" : "; settings are written key=value"), at: key)
            }
            guard arguments.takeSymbol("=") else {
                throw ShellError("expected '=' and a value after '\(key.text)' (like \(key.text)=\(describe(setting.defaultValue, setting.kind)))",
                                 at: arguments.peek ?? arguments.endToken)
            }
            guard let valueToken = arguments.next() else {
                throw ShellError("expected a value after '\(key.text)='", at: arguments.endToken)
            }
            guard given.insert(setting.key).inserted else {
                throw ShellError("'\(setting.key)' is given twice", at: key)
            }
            values.values[setting.key] = try value(of: valueToken, for: setting)
        }
        return values
    }

    /// A setting's value, checked against its kind.
    private static func value(of token: Token, for setting: Algorithm.Setting) throws -> Double {
        switch setting.kind {
        case .onOff:
            switch token.text.lowercased() {
            case "on", "true", "yes", "1": return 1
            case "off", "false", "no", "0": return 0
            default: throw ShellError("\(setting.key) is on or off, not '\(token.text)'", at: token)
            }
        case .whole(let range):
            guard let n = token.number, n.rounded() == n, n >= Double(range.lowerBound), n <= Double(range.upperBound) else {
                throw ShellError("\(setting.key) must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(token.text)'", at: token)
            }
            return n
        case .number(let range):
            guard let n = token.number, range.contains(n) else {
                throw ShellError("\(setting.key) must be a number from \(describe(range.lowerBound, .number(range))) "
                                 + "to \(describe(range.upperBound, .number(range))), not '\(token.text)'", at: token)
            }
            return n
        }
    }

    /// A value as a user would type it.
    static func describe(_ value: Double, _ kind: Algorithm.Kind) -> String {
        switch kind {
        case .onOff: return value != 0 ? "on" : "off"
        case .whole: return String(Int(value))
        case .number: return value == value.rounded() ? String(Int(value)) : value.formatted(maxFractionDigits: 6)
        }
    }
}
