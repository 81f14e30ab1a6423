/// The kinds of result a verb can give, declared with the verb (``Verb/gives``).
///
/// The session checks a whole statement against them before any of it runs:
/// a stage piped into another must be able to give a table, and a cell that
/// binds names must end in a verb that gives something to bind. So
/// `x = rate me 1 4.5`, `a, b = export notes.md` and `hist ratings rating to
/// h.svg | head 3` are refused before the rating is written, the notebook
/// exported or the chart drawn, not after.
public struct ResultKinds: OptionSet, Sendable {
    /// The raw bits.
    public let rawValue: Int
    /// Creates kinds from their bits.
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// One table (or a report around one: `pca`, `evaluate`).
    public static let table = ResultKinds(rawValue: 1 << 0)
    /// Several tables, one per name (`train, test = split …`).
    public static let tables = ResultKinds(rawValue: 1 << 1)
    /// Tables the verb names itself (`load movielens small`).
    public static let namedTables = ResultKinds(rawValue: 1 << 2)
    /// A trained model.
    public static let model = ResultKinds(rawValue: 1 << 3)
    /// Text to print.
    public static let text = ResultKinds(rawValue: 1 << 4)
    /// A chart.
    public static let picture = ResultKinds(rawValue: 1 << 5)
    /// Text, the verb having used the cell's one name itself (`blend`).
    public static let usesNames = ResultKinds(rawValue: 1 << 6)
    /// Nothing to print.
    public static let nothing = ResultKinds(rawValue: 1 << 7)
    /// Leaving the shell.
    public static let quit = ResultKinds(rawValue: 1 << 8)

    /// Whether some call can pass a table down a pipe.
    var canPipe: Bool { contains(.table) }

    /// Whether some call can give something to bind to names.
    var canBind: Bool { !isDisjoint(with: [.table, .tables, .model, .usesNames]) }

    /// Whether some call can be bound to `count` names: only `.tables`
    /// gives more than one thing.
    func canBind(count: Int) -> Bool { count == 1 ? canBind : contains(.tables) }
}

extension Outcome {
    /// The kind of result this is, to check it against its verb's
    /// declaration (``Verb/gives``).
    var kind: ResultKinds {
        switch self {
        case .table, .report: return .table
        case .tables: return .tables
        case .named: return .namedTables
        case .text: return .text
        case .model: return .model
        case .usedNames: return .usesNames
        case .picture: return .picture
        case .nothing: return .nothing
        case .quit: return .quit
        }
    }
}
