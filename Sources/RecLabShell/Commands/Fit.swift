import Foundation
import RecLab

extension Verbs {
    /// `[NAME =] fit MODEL N`: train a model further: `mf` for N epochs,
    /// fast.ai's table going on from the epoch it had reached; `lowrank` for
    /// up to N more iterations of its optimiser.
    ///
    /// The model is replaced under its name (or bound to NAME, leaving the
    /// original as it was). Ctrl-C keeps the epochs that finished; before
    /// the first one finishes, it leaves the model unchanged.
    static let fit = Verb(
        name: "fit", group: .models,
        summary: "train an mf model for more epochs (a new one-cycle schedule), or a lowrank model for more iterations",
        forms: ["[NAME =] fit MODEL N"],
        example: """
            train mf epochs=3
            fit mf 2                  # epochs 3 and 4
            longer = fit mf 5         # a new model; mf stays as it was
            fit lowrank 500           # up to 500 more optimiser iterations
            """,
        notes: """
            Each fit runs its own one-cycle schedule over its epochs and keeps the optimiser's
            state, as fast.ai's fit_one_cycle does on a learner that trained before. Ctrl-C stops
            at the end of a batch and keeps the epochs that finished (none finished: no change).
            A lowrank model goes on from its vectors with a fresh optimiser memory, stopping early
            when it converges; Ctrl-C leaves it as it was.
            """,
        fills: ["MODEL": .models(where: { $0 is any ContinuableModel })],
        gives: .model
    ) { call in
        let usage = call.usage
        let modelToken = try call.arguments.expectName("a model name", usage: usage)
        let workspace = call.session.workspace
        guard let trained = workspace.models[modelToken.text] else {
            throw ShellError(workspace.unknownModelMessage(modelToken.text), at: modelToken)
        }
        guard let model = trained.model as? any ContinuableModel else {
            let fittable = workspace.modelNames.filter { workspace.models[$0]?.model is any ContinuableModel }
            throw ShellError("'\(trained.name)' is \(MovieSpace.kind(of: trained)), trained in one go; fit trains mf and lowrank models further"
                             + (fittable.isEmpty ? " (train mf or lowrank first)" : " (here: \(fittable.joined(separator: ", ")))"), at: modelToken)
        }
        let unit = type(of: model).fitUnit
        let epochs = try call.arguments.expectInteger("the number of \(unit)s", in: 1 ... 10_000, usage: usage)
        try call.arguments.expectEnd(usage: usage)
        let name = call.targets.first?.text ?? trained.name
        if workspace.tables[name] != nil {
            throw ShellError("'\(name)' is a table; give the model another name (m = fit …)", at: call.targets.first)
        }

        let started = DispatchTime.now().uptimeNanoseconds
        let feedback = TrainingFeedback(session: call.session)
        let next = try model.continued(epochs: epochs, feedback: feedback)
        var updated = trained
        updated.name = name
        updated.model = next
        updated.seconds += Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let done = next.epochsTrained - model.epochsTrained
        var text = "\(name): \(NumberFormatting.counted(done, "more \(unit)")) (\(next.epochsTrained) in all)"
        if let summary = (next as? any TrainingSummary)?.trainingSummary { text += "\n" + summary }
        if next.stoppedEarly {
            text = ModelTraining.stoppedLine(name: name, kept: done, of: epochs) + "\n" + text
        }
        return .model(updated, text)
    }
}
