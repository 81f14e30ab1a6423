import Foundation
import RecLab

extension Verbs {
    /// `crossfold ALGO [key=value...] on TABLE [folds N] [top K] [seed S]`.
    static let crossfold = Verb(
        name: "crossfold", group: .models,
        summary: "cross-validate an algorithm's top-K lists: k folds over the users, each trained and judged, mean ± std",
        forms: ["crossfold ALGO [key=value...] on TABLE [folds N] [top K] [seed S]"],
        example: """
            crossfold popular on ratings                 # 5 folds, top 10
            crossfold userknn nbrs=30 on ratings folds 3 top 20 seed 7
            """,
        notes: """
            The users of TABLE are dealt at random into N folds (default 5); in fold f each of its
            users' ratings are held out at 20% (round(20% × n), halves to even) and the model is
            trained on every other rating, then judged by its top-K lists on what was held out
            (help evaluate): LensKit's partition_users with SampleFrac(0.2). Each user is tested
            once. The table gives each metric's mean over the folds and its standard deviation
            (n − 1), then each fold's value.
            """,
        fills: ["key=value": .algorithmSettings],
        gives: .table
    ) { call in
        let usage = call.usage
        let algorithm = try ModelTraining.algorithm(&call.arguments, usage: usage)
        let values = try ModelTraining.settings(&call.arguments, for: algorithm, usage: usage)
        guard call.arguments.take("on") else {
            throw ShellError("expected 'on TABLE', the ratings to cross-validate on; usage: \(usage)",
                             at: call.arguments.peek ?? call.arguments.endToken)
        }
        let tableToken = try call.arguments.expectName("a table of ratings", usage: usage)
        var folds = 5, k = 10
        var seed = call.session.settings.seed
        while let word = call.arguments.peek {
            if call.arguments.take("folds") {
                folds = try call.arguments.expectInteger("the number of folds", in: 2...100, usage: usage)
            } else if call.arguments.take("top") {
                k = try call.arguments.expectInteger("the length of the lists", in: 1...10_000, usage: usage)
            } else if call.arguments.take("seed") {
                seed = UInt64(try call.arguments.expectInteger("the seed", in: 0...WholeNumber.largestExact, usage: usage))
            } else {
                throw ShellError("unexpected '\(word.text)'; usage: \(usage)", at: word)
            }
        }
        guard let table = call.session.workspace.table(tableToken.text) else { throw call.session.unknownTable(tableToken) }
        let cancel = call.session.cancellation
        let userColumn = RatingMatrix.columnNames.user.first { table.column(named: $0) != nil } ?? "userId"
        let splits: [(train: Table, test: Table)]
        do throws(RecLabError) {
            splits = try table.crossfold(folds, by: userColumn, holdOut: 0.2, seed: seed, cancel: cancel)
        } catch where error.isCancellation {
            throw error
        } catch {
            throw ShellError("cannot cross-validate on '\(tableToken.text)': \(error.message)", at: tableToken)
        }
        var scores: [[Double]] = []  // [fold][metric]
        for split in splits {
            let matrix = try RatingMatrix.build(from: split.train, cancel: cancel)
            let model = try algorithm.train(matrix, values, cancel)
            let evaluation = try TopNEvaluation.evaluate(model, on: try HeldOutRatings(table: split.test), k: k, binary: false,
                                                         cancel: cancel)
            scores.append(evaluation.means)
        }
        let names = rankingMetrics.map { $0.name }
        let means = names.indices.map { m in scores.reduce(0) { $0 + $1[m] } / Double(scores.count) }
        let deviations = names.indices.map { m in
            (scores.reduce(0) { $0 + ($1[m] - means[m]) * ($1[m] - means[m]) } / Double(scores.count - 1)).squareRoot()
        }
        var columns = [
            Column(name: "metric", texts: names.map { "\($0)@\(k)" }),
            Column(name: "mean", decimals: means, fractionDigits: 4),
            Column(name: "std", decimals: deviations, fractionDigits: 4),
        ]
        for fold in scores.indices {
            columns.append(Column(name: "fold\(fold + 1)", decimals: names.indices.map { scores[fold][$0] }, fractionDigits: 4))
        }
        let result = try Table(columns: columns)
        let note = "\(algorithm.name) over \(folds) folds of the users of '\(tableToken.text)' (seed \(seed)), each user's 20% held out once"
        return .report([.table(result, rows: result.rowCount), .text(note)])
    }
}
