import Foundation
@testable import RecLabShell

extension FormNode {
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
