import Foundation
import RecLab

/// `save model MODEL PATH` and `load model PATH [as NAME]`: a model in a
/// ``Checkpoint`` file, with its name, the table it was trained on and the
/// people trained as its users.
enum ModelFiles {
    /// Saves the model named by the next word to the path after it.
    static func save(_ call: inout Invocation, usage: String) throws -> Outcome {
        let modelToken = try call.arguments.expectName("a model name", usage: usage)
        let workspace = call.session.workspace
        guard let trained = workspace.models[modelToken.text] else {
            throw ShellError(workspace.unknownModelMessage(modelToken.text), at: modelToken)
        }
        let path = try call.arguments.expectName("a file path", usage: usage)
        try call.arguments.expectEnd(usage: usage)
        // Every kind `train` makes is in Checkpoint.kinds; this only guards a new one not yet added there.
        guard let model = trained.model as? any CheckpointableModel else {
            throw ShellError("'\(trained.name)' is \(MovieSpace.kind(of: trained)), which save model cannot save yet",
                             at: modelToken)
        }
        let checkpoint = Checkpoint(
            model: model,
            info: ["name": trained.name, "table": trained.table, "seconds": String(trained.seconds)],
            namedUsers: trained.people)
        let size: Int
        do throws(RecLabError) {
            size = try checkpoint.write(to: UserPath.expand(path.text))
        } catch {
            throw ShellError(RecLabError(error.message, file: path.text).description, at: path)
        }
        return .text("saved \(trained.name) (\(describe(trained.model))) to \(path.text) (\(NumberFormatting.byteSize(size)))")
    }

    /// Loads the model in the file named next, bound to `as NAME`, the
    /// cell's `NAME =`, or the name it was saved under.
    static func load(_ call: inout Invocation, usage: String) throws -> Outcome {
        let path = try call.arguments.expectName("a model file's path", usage: usage)
        var nameToken: Token?
        if call.arguments.take("as") {
            nameToken = try call.arguments.expectName("a name for the model", usage: usage)
        }
        try call.arguments.expectEnd(usage: usage)
        if let nameToken, let target = call.targets.first {
            throw ShellError("the model is named twice ('\(target.text) =' and 'as \(nameToken.text)'); keep one", at: nameToken)
        }
        let checkpoint: Checkpoint
        do throws(RecLabError) {
            checkpoint = try Checkpoint.read(from: call.session.resolve(path: path.text), cancel: call.session.cancellation)
        } catch where error.isCancellation {
            throw error
        } catch {
            throw ShellError(RecLabError(error.message, file: path.text).description, at: path)
        }
        let saved = checkpoint.info["name"].flatMap { isName($0) ? $0 : nil }
        let name = nameToken?.text ?? call.targets.first?.text ?? saved ?? TableName.forFile(path.text)
        var trained = TrainedModel(name: name, model: checkpoint.model, table: checkpoint.info["table"] ?? "(unknown)",
                                   seconds: checkpoint.info["seconds"].flatMap(Double.init) ?? 0)
        trained.people = checkpoint.namedUsers
        if call.session.workspace.tables[name] != nil {
            throw ShellError("'\(name)' is a table; give the model another name (load model \(path.text) as NAME)",
                             at: nameToken ?? call.targets.first ?? path)
        }
        let matrix = checkpoint.model.matrix
        var lines: [String] = []
        if let movies = call.session.workspace.tables["movies"], let lookup = try? MovieLookup(movies: movies) {
            let unknown = matrix.itemIds.reduce(0) { lookup.title(of: $1) == nil ? $0 + 1 : $0 }
            if unknown > 0 {
                lines.append("warning: \(NumberFormatting.grouped(unknown)) of the model's \(NumberFormatting.counted(matrix.itemCount, "movie")) "
                             + "are not in 'movies' (they show without a title)")
            }
        }
        let trainedFor = (checkpoint.model as? any ContinuableModel).map { trainedSteps($0) + "; " } ?? ""
        lines.append("\(name): \(checkpoint.model.algorithm) model loaded from \(path.text) (\(trainedFor)"
                     + "\(NumberFormatting.counted(matrix.ratingCount, "rating")) by \(NumberFormatting.counted(matrix.userCount, "user")) "
                     + "of \(NumberFormatting.counted(matrix.itemCount, "movie")))")
        return .model(trained, lines.joined(separator: "\n"))
    }

    /// `mf, 5 epochs`, `lowrank, 120 iterations`, `userknn`.
    private static func describe(_ model: any Recommender) -> String {
        guard let continuable = model as? any ContinuableModel else { return model.algorithm }
        return "\(model.algorithm), \(trainedSteps(continuable))"
    }

    /// `5 epochs`, `120 iterations`: what `fit` has counted so far.
    private static func trainedSteps(_ model: any ContinuableModel) -> String {
        NumberFormatting.counted(model.epochsTrained, type(of: model).fitUnit)
    }

    /// Whether `text` can be typed as a model name (letters, digits, `_`, not starting with a digit).
    private static func isName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, !("0" ... "9").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0" ... "9").contains($0) || $0 == "_" }
    }
}
