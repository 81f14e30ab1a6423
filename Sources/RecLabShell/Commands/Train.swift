import Foundation
import RecLab

extension Verbs {
    /// `[NAME =] train ALGO [key=value...] [on TABLE]`.
    ///
    /// Algorithms with a ``Algorithm/live`` trainer (`mf`) print fast.ai's
    /// table while they train, one row as each epoch ends, through the
    /// session's output (see ``Session/output``), and show a bar on the
    /// terminal; every check that can fail runs before the first row.
    static let train = Verb(
        name: "train", group: .models,
        summary: "train a model on the ratings: \(ModelTraining.algorithmList) (bare 'train X' names the model X)",
        forms: ["[NAME =] train ALGO [key=value...] [on TABLE]"],
        example: """
            train userknn nbrs=15 min_nbrs=3      # the lab's model, named 'userknn'
            knn30 = train userknn nbrs=30 on train_ratings
            train mf factors=50 epochs=5 lr=0.005 wd=0.1 valid=20% seed=42
            train mf people=on                    # the people are trained as users too
            """,
        notes: Algorithm.helpText + """


            mf prints fast.ai's table (epoch, train_loss, valid_loss, rmse, time) as each epoch
            ends; 'fit MODEL N' trains it N epochs more. Ctrl-C stops it at the end of a batch and
            keeps the epochs that finished (none finished: nothing is trained).
            """,
        fills: ["key=value": .algorithmSettings],
        gives: .model
    ) { call in
        let usage = call.usage
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
        let name = call.targets.first?.text ?? algorithm.name
        // Checked before training, so a model that prints while it trains
        // never prints for a cell that then fails.
        if call.session.workspace.tables[name] != nil {
            throw ShellError("'\(name)' is a table; give the model another name (m = train …)", at: call.targets.first)
        }
        let started = DispatchTime.now().uptimeNanoseconds
        // A model trained on this very table already holds its matrix:
        // share it (at 17.7M ratings, about 280 MB and half a second saved).
        let source = call.input == nil ? call.session.workspace.binding(of: tableName) : nil
        var matrix: RatingMatrix
        do throws(RecLabError) {
            if let source, let shared = call.session.workspace.sharedMatrix(for: source) {
                matrix = shared
            } else {
                matrix = try RatingMatrix.build(from: table, cancel: call.session.cancellation)
            }
        } catch where error.isCancellation {
            throw error
        } catch {
            throw ShellError("cannot train on '\(tableName)': \(error.message)", at: tableToken ?? call.arguments.verb)
        }
        guard matrix.ratingCount > 0 else {
            throw ShellError("'\(tableName)' has no ratings to train on", at: tableToken ?? call.arguments.verb)
        }
        var people: [String: Int64] = [:]
        if values.flag("people") {
            (matrix, people) = try PeopleAsUsers.append(call.session.people, to: matrix, cancel: call.session.cancellation,
                                                       at: call.arguments.verb)
        }
        let model: any Recommender
        if let live = algorithm.live {
            model = try live(matrix, values, TrainingFeedback(session: call.session))
        } else {
            model = try algorithm.train(matrix, values, call.session.cancellation)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        var trained = TrainedModel(name: name, model: model, table: tableName, seconds: seconds)
        trained.people = people
        trained.source = source
        let kind = trained.name == algorithm.name ? "" : "\(algorithm.name) "
        let data = people.isEmpty ? tableName : "\(tableName) and \(NumberFormatting.counted(people.count, "person", plural: "people"))"
        var text = "\(trained.name): \(kind)trained on \(data) "
            + "(\(NumberFormatting.counted(matrix.ratingCount, "rating")) by \(NumberFormatting.counted(matrix.userCount, "user")) "
            + "of \(NumberFormatting.counted(matrix.itemCount, "movie")))"
        if let continuable = model as? any ContinuableModel, continuable.stoppedEarly {
            text = ModelTraining.stoppedLine(name: trained.name, kept: continuable.epochsTrained,
                                             of: values.whole("epochs")) + "\n" + text
        }
        if let summary = (model as? any TrainingSummary)?.trainingSummary { text += "\n" + summary }
        return .model(trained, text)
    }
}

/// Reading `train`'s algorithm and `key=value` settings.
enum ModelTraining {
    /// `userknn, itemknn, bias, popular or mf`.
    static var algorithmList: String {
        let names = Algorithm.all.map(\.name)
        return names.count < 2 ? names.joined() : names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
    }

    /// What Ctrl-C during training leaves: `stopped by Ctrl-C after 2 of 5 epochs; mf keeps those 2 epochs`.
    static func stoppedLine(name: String, kept: Int, of requested: Int) -> String {
        "stopped by Ctrl-C after \(kept) of \(requested) epochs; \(name) keeps "
            + (kept == 1 ? "that epoch" : "those \(kept) epochs")
    }

    /// The algorithm named next.
    static func algorithm(_ arguments: inout Arguments, usage: String) throws -> Algorithm {
        let names = Algorithm.all.map(\.name)
        guard let token = arguments.next(), let word = token.name else {
            throw ShellError("expected an algorithm (\(names.joined(separator: ", "))); usage: \(usage)",
                             at: arguments.peek ?? arguments.endToken)
        }
        let name = word.lowercased()
        if let algorithm = Algorithm.all.first(where: { $0.name == name }) { return algorithm }
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
        values.given = given
        return values
    }

    /// A setting's value, checked against its kind.
    static func value(of token: Token, for setting: Algorithm.Setting) throws -> Double {
        switch setting.kind {
        case .onOff:
            switch token.text.lowercased() {
            case "on", "true", "yes", "1": return 1
            case "off", "false", "no", "0": return 0
            default: throw ShellError("\(setting.key) is on or off, not '\(token.text)'", at: token)
            }
        case .whole(let range):
            guard let n = token.number, let whole = WholeNumber.exact(n, in: range) else {
                throw ShellError("\(setting.key) must be a whole number\(bounds(range)), not '\(token.text)'", at: token)
            }
            return Double(whole)
        case .number(let range):
            guard let n = token.number, range.contains(n) else {
                throw ShellError("\(setting.key) must be a number\(bounds(range, setting.kind)), not '\(token.text)'", at: token)
            }
            return n
        case .percent(let range):
            guard case .percent(let p) = token.kind else {
                throw ShellError("\(setting.key) is a percentage like \(describe(setting.defaultValue, setting.kind)), "
                                 + "not '\(token.text)'", at: token)
            }
            guard range.contains(p) else {
                throw ShellError("\(setting.key) must be a percentage\(bounds(range, setting.kind)), not '\(token.text)'", at: token)
            }
            return p / 100
        }
    }

    /// A value as a user would type it.
    static func describe(_ value: Double, _ kind: Algorithm.Kind) -> String {
        switch kind {
        case .onOff: return value != 0 ? "on" : "off"
        case .whole: return WholeNumber.text(value)
        case .number: return value == value.rounded() ? WholeNumber.text(value) : value.formatted(maxFractionDigits: 6)
        case .percent: return describe(value * 100, .number(0 ... 100)) + "%"
        }
    }

    /// ` from 1 to 10000`; nothing for a range that only guards against
    /// absurd input (the engine then says what is allowed).
    private static func bounds(_ range: ClosedRange<Int>) -> String {
        range.upperBound >= Int(Int32.max) ? "" : " from \(range.lowerBound) to \(range.upperBound)"
    }

    /// ` from -1 to 1` (`from 0% to 100%` for a percentage); nothing for an unbounded range.
    private static func bounds(_ range: ClosedRange<Double>, _ kind: Algorithm.Kind) -> String {
        guard range.lowerBound.isFinite, range.upperBound.isFinite else { return "" }
        let unit = kind.isPercent ? "%" : ""
        return " from \(describe(range.lowerBound, .number(range)))\(unit) to \(describe(range.upperBound, .number(range)))\(unit)"
    }
}

extension Algorithm.Kind {
    /// Whether values are written as percentages.
    var isPercent: Bool {
        if case .percent = self { return true }
        return false
    }
}
