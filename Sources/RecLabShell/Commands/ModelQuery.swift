import RecLab

/// Who a model is asked about: a person of the shell, or a user of the
/// training data (`user 42`).
enum Audience {
    case person(Person)
    case user(Int64)

    /// Asks a model about this audience: `person` with a new person's
    /// ratings, `user` with a data user's id.
    func ask<T, E: Error>(person: ([(item: Int64, rating: Double)]) throws(E) -> T,
                          user: (Int64) throws(E) -> T) throws(E) -> T {
        switch self {
        case .person(let p): return try person(p.sortedRatings.map { (item: $0.movie, rating: $0.rating) })
        case .user(let id): return try user(id)
        }
    }

    /// How the audience is named in messages: `jabril`, `user 42`.
    var label: String {
        switch self {
        case .person(let person): return person.name
        case .user(let id): return "user \(id)"
        }
    }
}

/// The parts `recommend`, `predict` and `explain` share: reading who and
/// which model, and scoring with a clear line when nothing can be scored.
enum ModelQuery {
    /// Reads `PERSON` or `user ID`.
    static func audience(_ call: inout Invocation, usage: String) throws -> (Audience, Token) {
        if let first = call.arguments.peek, first.isWord("user"), let id = call.arguments.peekSecond, id.number != nil {
            _ = call.arguments.next()
            _ = call.arguments.next()
            guard let n = id.number, let user = WholeNumber.exact(n, in: -WholeNumber.largestExact ... WholeNumber.largestExact) else {
                throw ShellError("a user id is a whole number, not '\(id.text)'", at: id)
            }
            return (.user(Int64(user)), id)
        }
        let name = try call.arguments.expectName("a person (or 'user ID' for a user in the data)", usage: usage)
        guard let person = call.session.people[name.text] else { throw Verbs.unknownPerson(name, call.session) }
        return (.person(person), name)
    }

    /// The model after `with`, or the last one trained.
    static func model(named token: Token?, in session: Session, at anchor: Token) throws -> TrainedModel {
        let workspace = session.workspace
        if let token {
            guard let model = workspace.models[token.text] else {
                throw ShellError(workspace.unknownModelMessage(token.text), at: token)
            }
            return model
        }
        guard let name = workspace.lastModel, let model = workspace.models[name] else {
            throw ShellError("no model trained yet: train one first (train userknn nbrs=15 min_nbrs=3)", at: anchor)
        }
        return model
    }

    /// Reads `with MODEL` if it is next.
    static func takeModelName(_ arguments: inout Arguments, usage: String) throws -> Token? {
        guard arguments.take("with") else { return nil }
        return try arguments.expectName("a model name", usage: usage)
    }

    /// Reads `WHO MOVIE [with MODEL]` and scores every candidate for WHO:
    /// what `predict` and `explain` share.
    static func movieQuestion(_ call: inout Invocation, usage: String) throws
        -> (audience: Audience, movie: (id: Int64, title: String), trained: TrainedModel, scores: ItemScores, modelToken: Token?) {
        let (audience, whoToken) = try audience(&call, usage: usage)
        guard let movieToken = call.arguments.next() else {
            throw ShellError("expected a movie (a movieId or a title in quotes); usage: \(usage)", at: call.arguments.endToken)
        }
        let modelToken = try takeModelName(&call.arguments, usage: usage)
        try call.arguments.expectEnd(usage: usage)
        let movie = try Verbs.findMovie(movieToken, in: call.session)
        let trained = try model(named: modelToken, in: call.session, at: call.arguments.verb)
        return (audience, movie, trained, try scores(audience, with: trained, at: whoToken), modelToken)
    }

    /// Scores every candidate for the audience, or fails with one line
    /// saying why nothing could be scored and what to do.
    static func scores(_ audience: Audience, with trained: TrainedModel, at token: Token) throws -> ItemScores {
        let scores: ItemScores
        do throws(RecLabError) {
            if case .person(let person) = audience, let id = trained.people[person.name] {
                // Trained as a user (people=on): their own vector.
                scores = try PeopleAsUsers.scores(for: person, user: id, in: trained.model)
            } else {
                scores = try audience.ask(person: { ratings throws(RecLabError) in trained.model.itemScores(ratings: ratings) },
                                          user: { id throws(RecLabError) in try trained.model.itemScores(user: id) })
            }
        } catch {
            throw ShellError("\(audience.label) is not in '\(trained.table)', the ratings '\(trained.name)' was trained on", at: token)
        }
        if let problem = scores.problem {
            throw ShellError("\(audience.label): \(problem)", at: token)
        }
        if scores.knownCount == 0 {
            throw ShellError("none of \(audience.label)'s \(NumberFormatting.counted(scores.ratingCount, "rating")) is of a movie in "
                             + "'\(trained.table)'; rate some movies that others rated", at: token)
        }
        return scores
    }
}
