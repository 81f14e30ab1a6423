import RecLab

extension Verbs {
    /// `models`: the trained models with their settings and training time.
    static let models = Verb(
        name: "models", group: .models,
        summary: "list the trained models: algorithm, settings, data, training time",
        forms: ["models"],
        example: "models",
        gives: [.table, .text]
    ) { call in
        try call.arguments.expectEnd(usage: "models")
        let ws = call.session.workspace
        let models = ws.modelNames.compactMap { ws.models[$0] }
        guard !models.isEmpty else { return .text("(no models yet: try 'train userknn')") }
        let listing = try Table(columns: [
            Column(name: "name", texts: models.map { $0.name + ($0.name == ws.lastModel ? " *" : "") }),
            Column(name: "algorithm", texts: models.map(\.model.algorithm)),
            Column(name: "settings", texts: models.map(\.settingsText)),
            Column(name: "trained on", texts: models.map { $0.table + Self.peopleSuffix($0.people) }),
            Column(name: "ratings", counts: models.map { Int64($0.model.matrix.ratingCount) }),
            Column(name: "time", texts: models.map { NumberFormatting.duration($0.seconds, secondDigits: 1) }),
        ])
        return .report([.table(listing, rows: listing.rowCount), .text("* the default model of recommend, predict and explain")])
    }

    /// ` + jabril, me` for the people trained as users.
    static func peopleSuffix(_ people: [String: Int64]) -> String {
        people.isEmpty ? "" : " + " + people.keys.sorted().joined(separator: ", ")
    }
}
