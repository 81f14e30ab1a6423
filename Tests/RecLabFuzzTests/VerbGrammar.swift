/// A verb's forms (`hist [TABLE] COL [COL …] [bins N] [log] [to PATH.svg]`)
/// read as a small grammar, so statements are generated from what `help`
/// shows: a new verb, or a new option in a form, is fuzzed without
/// touching the fuzzer.
///
/// `[x]` is optional, `x...` (or `x …`) repeats, `a|b` inside a word is a
/// choice, UPPERCASE words are placeholders (``Placeholder``) and the other
/// words are keywords written as they are.
indirect enum FormNode: Equatable, Sendable {
    case sequence([FormNode])
    case optional(FormNode)
    case repeated(FormNode)
    case choice([FormNode])
    case keyword(String)
    case placeholder(String)

    /// The grammar of one form.
    static func parse(_ form: String) -> FormNode {
        var tokens = lex(form)[...]
        return sequence(&tokens, until: nil)
    }

    /// Splits a form into `[`, `]`, `...`, `,`, `=` and words.
    private static func lex(_ form: String) -> [String] {
        var out: [String] = []
        var word = ""
        func flush() { if !word.isEmpty { out.append(word); word = "" } }
        let chars = Array(form)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "." && i + 2 < chars.count && chars[i + 1] == "." && chars[i + 2] == "." {
                flush(); out.append("..."); i += 3; continue
            }
            switch c {
            case " ": flush()
            case "…": flush(); out.append("...")
            case "[", "]", ",": flush(); out.append(String(c))
            case "=" where word.isEmpty || !word.first!.isLowercase: flush(); out.append("=")
            default: word.append(c)
            }
            i += 1
        }
        flush()
        return out
    }

    private static func sequence(_ tokens: inout ArraySlice<String>, until close: String?) -> FormNode {
        var items: [FormNode] = []
        while let t = tokens.first {
            tokens.removeFirst()
            switch t {
            case close: return .sequence(items)
            case "[": items.append(.optional(sequence(&tokens, until: "]")))
            case "...": if let last = items.popLast() { items.append(.repeated(last)) }
            default: items.append(atom(t))
            }
        }
        return .sequence(items)
    }

    /// A word: a choice when it holds `|`, else a keyword or placeholder.
    private static func atom(_ word: String) -> FormNode {
        let parts = word.split(separator: "|").map(String.init)
        if parts.count > 1 { return .choice(parts.map(atom)) }
        // `PATH.svg`: the part before the extension says what it is.
        let letters = (word.split(separator: ".").first.map(String.init) ?? word).filter(\.isLetter)
        if word.contains("=") && word != "=" { return .placeholder("key=value") }
        if !letters.isEmpty && letters.allSatisfy(\.isUppercase) { return .placeholder(word) }
        return .keyword(word)
    }

    /// One sentence of the grammar, placeholders filled by `fill`.
    func generate(_ random: inout FuzzRandom, fill: (String, inout FuzzRandom) -> String) -> [String] {
        switch self {
        case .sequence(let items): return items.flatMap { $0.generate(&random, fill: fill) }
        case .optional(let node): return random.chance(0.5) ? node.generate(&random, fill: fill) : []
        case .repeated(let node):
            let count = random.chance(0.05) ? 30 : 1 + random.below(3)
            return (0 ..< count).flatMap { _ in node.generate(&random, fill: fill) }
        case .choice(let nodes): return random.pick(nodes).generate(&random, fill: fill)
        case .keyword(let word): return [word]
        case .placeholder(let name): return [fill(name, &random)]
        }
    }
}
