/// A verb's forms (`hist [TABLE] COL [COL …] [bins N] [log] [to PATH.svg]`)
/// read as a small grammar: the one declaration of what a verb takes, from
/// which `help` shows its usage, Tab completion offers what may come next
/// (``Completer``), and the fuzzer generates statements (a new verb, or a
/// new option in a form, is completed and fuzzed without touching either).
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

    /// Splits a form into `[`, `]`, `...`, `,`, `=` and words (`key=v1,v2`
    /// is one word).
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
            // `key=v1,v2` (tune's list of values) is one word.
            case "," where word.contains("="): word.append(c)
            case "[", "]", ",": flush(); out.append(String(c))
            case "=" where word.first?.isLowercase != true: flush(); out.append("=")
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

    /// The words that may come after `typed` (the words after the verb), by
    /// this form: keywords to type and placeholders to fill. Empty when the
    /// typed words do not follow the form. A word in `reserved` (the
    /// verb's keywords) fills no placeholder, so `save model ` is not
    /// read as saving a table called `model`, nor `similar 1 with ` as
    /// the count `with`.
    ///
    /// - Complexity: exponential in the optional and repeated parts in the
    ///   worst case; a form has a handful, and a command a few words.
    func next(after typed: [String], reserved: Set<String> = []) -> [FormNode] {
        var found: [FormNode] = []
        _ = expect(self, at: 0, typed, reserved: reserved, then: { _ in [] }, collecting: { found.append($0) })
        var seen: [FormNode] = []
        for node in found where !seen.contains(node) { seen.append(node) }
        return seen
    }

    /// Walks `node` from word `index` of `typed`; `rest` continues after
    /// it. A keyword or placeholder met once every word is used is what may
    /// come next, and goes to `collect`.
    private func expect(_ node: FormNode, at index: Int, _ typed: [String], reserved: Set<String>,
                        then rest: (Int) -> [Int], collecting collect: (FormNode) -> Void) -> [Int] {
        switch node {
        case .keyword(let word):
            if index == typed.count { collect(node); return [] }
            return typed[index].lowercased() == word.lowercased() ? rest(index + 1) : []
        case .placeholder(let name):
            if index == typed.count { collect(node); return [] }
            // An expression runs on: every later word may still be in it.
            if name == "EXPR" {
                collect(node)
                return (index + 1 ... typed.count).flatMap { rest($0) }
            }
            return reserved.contains(typed[index].lowercased()) ? [] : rest(index + 1)
        case .sequence(let items):
            func from(_ k: Int, _ i: Int) -> [Int] {
                k == items.count ? rest(i) : expect(items[k], at: i, typed, reserved: reserved, then: { from(k + 1, $0) }, collecting: collect)
            }
            return from(0, index)
        case .optional(let inner):
            return expect(inner, at: index, typed, reserved: reserved, then: rest, collecting: collect) + rest(index)
        case .repeated(let inner):
            // Another round first, so what repeats is offered before what follows.
            return expect(inner, at: index, typed, reserved: reserved, then: { next in
                (next > index ? expect(node, at: next, typed, reserved: reserved, then: rest, collecting: collect) : []) + rest(next)
            }, collecting: collect)
        case .choice(let options):
            return options.flatMap { expect($0, at: index, typed, reserved: reserved, then: rest, collecting: collect) }
        }
    }

    /// Every keyword and placeholder of the form, in order.
    var leaves: [FormNode] {
        switch self {
        case .keyword, .placeholder: return [self]
        case .sequence(let items), .choice(let items): return items.flatMap(\.leaves)
        case .optional(let inner), .repeated(let inner): return inner.leaves
        }
    }

    /// The form without what comes before and including the verb's own
    /// word (`NAME =`, `A, B = split`): what the words after the verb follow.
    func afterVerb(_ verb: String) -> FormNode {
        guard case .sequence(let items) = self,
              let k = items.firstIndex(where: { $0 == .keyword(verb) }) else { return self }
        return .sequence(Array(items[(k + 1)...]))
    }
}
