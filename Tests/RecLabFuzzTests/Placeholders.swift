import Foundation
@testable import RecLabShell

/// Fills a form's placeholders (`TABLE`, `COL`, `N`, `key=value`, …) with
/// names from the ``FuzzContext``, ordinary values, or hostile text.
final class Placeholders {
    let context: FuzzContext
    /// The table this statement named, whose columns come next.
    private var table: String?

    init(context: FuzzContext) { self.context = context }

    /// A value for `placeholder` (as written in the form).
    func fill(_ placeholder: String, _ random: inout FuzzRandom) -> String {
        if random.chance(0.08) { return HostileText.any(&random) }
        let name = placeholder.split(separator: ".").first.map(String.init) ?? placeholder
        switch name.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) {
        case "TABLE", "LEFT", "RIGHT":
            let name = context.table(&random)
            table = table ?? name
            return name
        case "COL", "X", "Y": return context.column(&random, of: table)
        case "N", "S", "RATING": return number(&random)
        case "P%": return random.chance(0.7) ? "\(random.pick([0, 1, 10, 50, 80, 99, 100]))%" : random.pick(HostileText.numbers.filter { $0.hasSuffix("%") })
        case "MODEL":
            if !context.models.isEmpty && random.chance(0.75) { return random.pick(context.models) }
            return random.pick(Algorithm.all.map(\.name) + ["nomodel", "ratings"])
        case "ALGO": return random.chance(0.9) ? random.pick(Algorithm.all.map(\.name)) : random.pick(["knn", "MF", "svd", ""])
        case "key=value": return setting(&random)
        case "PERSON": return context.person(&random)
        case "WHO": return random.chance(0.3) ? "user \(number(&random))" : context.person(&random)
        case "MOVIE": return context.movie(&random)
        case "NAME", "A", "B":
            if random.chance(0.3) { return context.table(&random) }
            if random.chance(0.2), !context.models.isEmpty { return random.pick(context.models) }
            return random.pick(["x", "y", "t2", "result", "m", "Ünï", "_", "load", "a-b", "1x"])
        case "EXPR": return Expressions(context: context).generate(&random, depth: 0)
        case "VERB": return random.pick(Verbs.all.map(\.name) + ["nope", "HEAD"])
        case "PATH": return path(placeholder, &random)
        case "TERM", "G": return FuzzContext.quoted(random.pick(["Star", "Comedy", "Action", "", "(", "é", "Drama|Comedy"]))
        default: return random.pick(FuzzContext.missingNames)
        }
    }

    /// A number: mostly small, sometimes at an edge.
    func number(_ random: inout FuzzRandom) -> String {
        if random.chance(0.3) { return random.pick(HostileText.numbers) }
        return random.chance(0.8) ? String(random.below(12)) : String(Double(random.below(11)) / 2)
    }

    /// `key=value` for one of the algorithms' settings, in or out of range.
    func setting(_ random: inout FuzzRandom) -> String {
        let settings = Algorithm.all.flatMap(\.settings)
        guard random.chance(0.9) else { return random.pick(["nope=1", "=3", "epochs=", "k=v=w", "epochs==2"]) }
        let setting = random.pick(settings)
        let value: String
        switch setting.kind {
        case .onOff: value = random.chance(0.8) ? random.pick(["on", "off"]) : random.pick(["yes", "1", "ON"])
        case .percent: value = random.chance(0.7) ? "\(random.below(100))%" : random.pick(HostileText.numbers)
        case .whole(let range):
            // Cheap values mostly: a hostile count costs a whole training.
            value = random.chance(0.7) ? String(max(range.lowerBound, min(range.upperBound, 1 + random.below(3))))
                : random.pick(HostileText.numbers)
        case .number: value = random.chance(0.7) ? String(Double(random.below(10)) / 10) : random.pick(HostileText.numbers)
        }
        return "\(setting.key)=\(value)"
    }

    /// A path: one of the fuzzer's files (for reading) or a new name with
    /// the form's extension. ``SafePaths`` moves every path into the
    /// temporary folder before the statement runs.
    func path(_ placeholder: String, _ random: inout FuzzRandom) -> String {
        let ext = placeholder.split(separator: ".").dropFirst().first.map { "." + $0 } ?? ""
        if ext.isEmpty, random.chance(0.6) {
            let files = context.dataFiles + context.scripts + context.modelFiles
            if !files.isEmpty { return FuzzContext.quotedIfNeeded(random.pick(files)) }
        }
        let stem = random.pick(["out", "x", "a b", "../up", "/reclab-nowhere/passwd", "~/home", "/reclab-nowhere/null", "é電", "", "."])
        return FuzzContext.quotedIfNeeded(stem + (random.chance(0.85) ? ext : random.pick([".csv", ".svg", ".txt", ""])))
    }
}
