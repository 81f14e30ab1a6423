import RecLab

extension Verbs {
    /// `NAME = blend P1 P2 [P3...]`: a new person whose tastes are the
    /// others' mean.
    static let blend = Verb(
        name: "blend", group: .people,
        summary: "make a person from two or more: each movie's mean rating among those who rated it",
        forms: ["NAME = blend PERSON PERSON [PERSON...]"],
        example: "hybrid = blend jabril jgb\nratings hybrid \"Princess Bride\"     # 4.5 and 3.5 blend to 4.0",
        gives: .usesNames
    ) { call in
        let usage = call.usage
        var inputs: [(person: Person, token: Token)] = []
        while !call.arguments.isAtEnd {
            let name = try personName(&call, usage: usage)
            guard let person = call.session.people[name.text] else { throw unknownPerson(name, call.session) }
            if inputs.contains(where: { $0.person.name == person.name }) {
                throw ShellError("'\(name.text)' is named twice", at: name)
            }
            inputs.append((person, name))
        }
        guard inputs.count >= 2 else {
            throw ShellError("a blend needs at least two people; usage: \(usage)", at: call.arguments.endToken)
        }
        guard let target = call.targets.first else {
            throw ShellError("name the blend: hybrid = blend \(inputs.map(\.person.name).joined(separator: " "))", at: call.arguments.verb)
        }
        guard call.targets.count == 1 else {
            throw ShellError("a blend is one person, but \(call.targets.count) names were given", at: call.targets.last)
        }
        guard Person.isValidName(target.text) else {
            throw ShellError("'\(target.text)' cannot name a person: use letters, digits, _ and -, starting with a letter", at: target)
        }
        if inputs.contains(where: { $0.person.name == target.text }) {
            throw ShellError("'\(target.text)' is one of the people blended; give the blend a new name", at: target)
        }
        if let existing = call.session.people[target.text], existing.blendOf.isEmpty, !existing.ratings.isEmpty {
            throw ShellError("'\(target.text)' already has \(NumberFormatting.counted(existing.ratings.count, "rating")) of their own; "
                             + "give the blend another name", at: target)
        }
        let blend = Person.blend(inputs.map(\.person), as: target.text)
        try call.session.peopleStore?.write(blend)
        call.session.people[target.text] = blend
        let shared = inputs.count == 2
            ? ", \(inputs[0].person.ratings.keys.filter { inputs[1].person.ratings[$0] != nil }.count) rated by both"
            : ""
        return .usedNames("\(target.text): \(NumberFormatting.counted(blend.ratings.count, "rating")) blended from "
                          + "\(inputs.map(\.person.name).joined(separator: ", "))\(shared)")
    }
}
