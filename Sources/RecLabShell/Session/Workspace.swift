import RecLab

/// What a session keeps in memory between cells: named tables and the last
/// result (`_`).
public struct Workspace: Sendable {
    /// Tables by name.
    public private(set) var tables: [String: Table] = [:]
    /// Names in the order they were first bound, for listings.
    public private(set) var names: [String] = []
    /// The last table a cell produced, read as `_`.
    public var last: Table?
    /// Trained models by name.
    public private(set) var models: [String: TrainedModel] = [:]
    /// Model names in the order they were first bound.
    public private(set) var modelNames: [String] = []
    /// The model trained or loaded last: `recommend` uses it unless told
    /// `with MODEL`.
    public private(set) var lastModel: String?
    /// Each table name's binding: a number that changes whenever the name
    /// is bound again, so a model can tell whether it was trained on the
    /// table bound now (and share that table's rating matrix).
    private var bindings: [String: Int] = [:]
    private var bindingCount = 0

    /// An empty workspace.
    public init() {}

    /// Binds `table` to `name`, replacing any table of that name.
    public mutating func bind(_ name: String, _ table: Table) {
        if tables.updateValue(table, forKey: name) == nil { names.append(name) }
        bindingCount += 1
        bindings[name] = bindingCount
    }

    /// The binding of table `name` now, `nil` when no table has that name.
    public func binding(of name: String) -> TableBinding? {
        bindings[name].map { TableBinding(name: name, serial: $0) }
    }

    /// The rating matrix of a model trained on exactly the table bound as
    /// `binding` (with no people added), to train another model on it
    /// without building (and holding) a second copy.
    func sharedMatrix(for binding: TableBinding) -> RatingMatrix? {
        modelNames.lazy.compactMap { self.models[$0] }
            .first { $0.source == binding && $0.people.isEmpty }?.model.matrix
    }

    /// Removes `name`; returns whether it existed.
    @discardableResult
    public mutating func drop(_ name: String) -> Bool {
        guard let dropped = tables.removeValue(forKey: name) else { return false }
        names.removeAll { $0 == name }
        bindings[name] = nil
        // `_` would keep the dropped table's memory (at full scale, a
        // joined 33.8M rows are 1 GB); dropping a table lets it go.
        if let last, Workspace.sameStorage(last, dropped) { self.last = nil }
        return true
    }

    /// What to say about a table name that is not here.
    public func unknownTableMessage(_ name: String) -> String {
        Suggestion.unknown("table", name, among: names, plural: "tables", whenEmpty: "no tables yet: try 'load movielens small'")
    }

    /// Binds `model` to its name, replacing any model of that name, and
    /// makes it the default model.
    public mutating func bind(_ model: TrainedModel) {
        if models.updateValue(model, forKey: model.name) == nil { modelNames.append(model.name) }
        lastModel = model.name
    }

    /// Removes model `name`; returns whether it existed.
    @discardableResult
    public mutating func dropModel(_ name: String) -> Bool {
        guard models.removeValue(forKey: name) != nil else { return false }
        modelNames.removeAll { $0 == name }
        if lastModel == name { lastModel = modelNames.last }
        return true
    }

    /// What to say about a model name that is not here.
    public func unknownModelMessage(_ name: String) -> String {
        Suggestion.unknown("model", name, among: modelNames, plural: "models",
                           whenEmpty: "no models yet: try 'train userknn'")
    }

    /// Whether `a` and `b` are the same table: the same columns in the
    /// same buffers (both alive, so equal addresses mean equal contents);
    /// empty tables, which hold no memory, never count as the same.
    static func sameStorage(_ a: Table, _ b: Table) -> Bool {
        func address(_ c: Column) -> UnsafeRawPointer? {
            switch c.storage {
            case .int32(let v): v.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
            case .int64(let v): v.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
            case .decimal(let v): v.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
            case .text(let codes, _): codes.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
            }
        }
        guard a.columns.count == b.columns.count, a.rowCount == b.rowCount, a.rowCount > 0 else { return false }
        return zip(a.columns, b.columns).allSatisfy { $0.name == $1.name && address($0) == address($1) }
    }

    /// The table called `name`, `_` included.
    public func table(_ name: String) -> Table? {
        name == "_" ? last : tables[name]
    }
}

/// One binding of a table name: `curated` as bound by one cell. Binding the
/// name again, even to an equal table, makes another.
public struct TableBinding: Sendable, Equatable {
    /// The table's name.
    public var name: String
    /// Which binding of that name.
    var serial: Int
}
