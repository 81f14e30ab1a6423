import Foundation
@testable import RecLabShell

/// Generates command lines from the verbs themselves: a form of a verb
/// (``FormNode``) with its placeholders filled, or a line of a verb's
/// example with words changed; then perhaps bound, piped, joined with `;`,
/// continued with `\`, or spoilt with quotes, Unicode and control characters.
struct StatementGenerator {
    /// Every verb's forms as grammars, and its example lines.
    static let grammars: [(verb: Verb, forms: [FormNode], examples: [String])] = Verbs.all.map { verb in
        let examples = verb.example.split(separator: "\n").map { line in
            String(line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
                .trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
        return (verb, verb.forms.map(FormNode.parse), examples)
    }

    let context: FuzzContext

    /// One command line.
    func line(_ random: inout FuzzRandom) -> String {
        var text = statement(&random)
        if random.chance(0.06) { text = "\(statement(&random)) | \(statement(&random))" }
        if random.chance(0.05) { text += "; " + statement(&random) }
        if random.chance(0.08) { text = random.pick(["x = ", "a, b = ", "m = ", "_ = ", "ratings = ", "= "]) + text }
        return random.chance(0.15) ? spoil(text, &random) : text
    }

    /// One statement: from a form (mostly) or from an example line.
    func statement(_ random: inout FuzzRandom) -> String {
        let (verb, forms, examples) = random.pick(Self.grammars)
        if random.chance(0.3), !examples.isEmpty {
            return mutate(random.pick(examples), &random)
        }
        let fill = Placeholders(context: context)
        let words = random.pick(forms).generate(&random) { name, random in fill.fill(name, &random) }
        var text = words.joined(separator: " ")
        if random.chance(0.03) { text = text.replacingOccurrences(of: verb.name, with: verb.name.uppercased()) }
        return text
    }

    /// An example line with one or two of its words replaced, dropped,
    /// doubled or swapped.
    func mutate(_ line: String, _ random: inout FuzzRandom) -> String {
        var words = line.split(separator: " ").map(String.init)
        for _ in 0 ..< random.below(3) where !words.isEmpty {
            let k = random.below(words.count)
            switch random.below(5) {
            case 0: words[k] = HostileText.any(&random)
            case 1: words.remove(at: k)
            case 2: words.insert(words[k], at: k)
            case 3: if k + 1 < words.count { words.swapAt(k, k + 1) }
            default: words[k] = Placeholders(context: context).fill(random.pick(["TABLE", "COL", "N", "MODEL", "PERSON", "MOVIE"]), &random)
            }
        }
        return words.joined(separator: " ")
    }

    /// `text` with something hostile put in at a random place: an
    /// unterminated quote, a control character, Unicode, a `\` line
    /// continuation, a very long word.
    func spoil(_ text: String, _ random: inout FuzzRandom) -> String {
        var chars = Array(text)
        let at = chars.isEmpty ? 0 : random.below(chars.count + 1)
        let insert: String
        switch random.below(7) {
        case 0: insert = "\""
        case 1: insert = random.pick(HostileText.controls)
        case 2: insert = random.pick(HostileText.unicode)
        case 3: insert = " \\\n "
        case 4: insert = " " + HostileText.long(&random) + " "
        case 5: insert = " " + random.pick(HostileText.symbols) + " "
        default: insert = " " + random.pick(HostileText.numbers) + " "
        }
        chars.insert(contentsOf: insert, at: at)
        return String(chars)
    }
}
