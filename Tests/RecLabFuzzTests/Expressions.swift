/// `filter` conditions: comparisons, `contains`, `matches`, `in TABLE`,
/// `is missing`, joined with `and`, `or`, `not` and parentheses.
struct Expressions {
    let context: FuzzContext

    func generate(_ random: inout FuzzRandom, depth: Int) -> String {
        if depth < 3, random.chance(0.3) {
            let a = generate(&random, depth: depth + 1), b = generate(&random, depth: depth + 1)
            switch random.below(4) {
            case 0: return "\(a) and \(b)"
            case 1: return "\(a) or \(b)"
            case 2: return "not \(a)"
            default: return "(\(a)\(random.chance(0.9) ? ")" : ""))"
            }
        }
        let column = context.column(&random)
        switch random.below(6) {
        case 0, 1:
            let op = random.pick(["==", "!=", "<", "<=", ">", ">=", "=", "=>"])
            return "\(column) \(op) \(value(&random))"
        case 2: return "\(column) contains \(FuzzContext.quoted(random.chance(0.8) ? random.pick(["Action", "a", "", "(19"]) : HostileText.any(&random)))"
        case 3: return "\(column) matches \(FuzzContext.quoted(random.pick(HostileText.patterns)))"
        case 4: return "\(column) in \(context.table(&random))"
        default: return "\(column) is \(random.chance(0.9) ? "missing" : "present")"
        }
    }

    private func value(_ random: inout FuzzRandom) -> String {
        switch random.below(4) {
        case 0: return String(random.below(6))
        case 1: return random.pick(HostileText.numbers)
        case 2: return FuzzContext.quoted(context.titles.isEmpty ? "x" : random.pick(context.titles))
        default: return context.column(&random)
        }
    }
}
