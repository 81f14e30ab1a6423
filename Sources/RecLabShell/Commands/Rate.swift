extension Verbs {
    /// `rate PERSON MOVIE RATING` / `rate PERSON from PATH`.
    static let rate = Verb(
        name: "rate", group: .people,
        summary: "rate a movie (0.5–5 in half steps) as a person, import a spreadsheet, or rate the most-rated movies one by one",
        forms: ["rate PERSON MOVIE RATING", "rate PERSON from PATH", "rate PERSON"],
        example: """
            rate me "princess bride" 4.5       # a title (exact, any case, or by words) or a movieId
            rate me 260 5
            rate jabril from ../shared/data/crashcourse/jabril-movie-ratings.csv
            rate me                            # one movie at a time, most-rated first (s skips, q stops)
            """,
        notes: """
            A spreadsheet has a rating column (rating, ratings or value) and a movie column:
            movieIds (item, movieId or movie_id) or titles (title or movie, matched as typed
            titles are, with the table 'movies'). Blank ratings are skipped; each bad cell is
            refused by its line, and the rest imported.
            """,
        gives: .text
    ) { call in
        let usage = call.usage
        let name = try personName(&call, usage: usage)
        if call.arguments.isAtEnd {
            // The walk's ratings are on disk already; replaying it would ask again.
            call.skipRecording = true
            return .text(try RatingWalk.run(person: name, session: call.session))
        }
        if call.arguments.take("from") {
            let path = try call.arguments.expectName("a file path", usage: usage)
            try call.arguments.expectEnd(usage: usage)
            return .text(try RatingImport.run(person: name, path: path, session: call.session))
        }
        guard let movieToken = call.arguments.next() else {
            throw ShellError("expected a movie (a movieId or a title in quotes) and a rating; usage: \(usage)", at: call.arguments.endToken)
        }
        let movie = try findMovie(movieToken, in: call.session)
        guard let ratingToken = call.arguments.next() else {
            throw ShellError("expected a rating from 0.5 to 5 after the movie", at: call.arguments.endToken)
        }
        guard let rating = ratingToken.number, Person.isValidRating(rating) else {
            throw ShellError("a rating is a number from 0.5 to 5 in half steps (like 3 or 4.5), not '\(ratingToken.text)'", at: ratingToken)
        }
        try call.arguments.expectEnd(usage: usage)
        let existing = call.session.people[name.text]
        var person = existing ?? Person(name: name.text)
        let old = person.ratings[movie.id]
        try call.session.peopleStore?.appendRating(name.text, movie: movie.id, rating: rating)
        person.rate(movie.id, rating)
        call.session.people[name.text] = person
        let stars = { (r: Double) in r.formatted(maxFractionDigits: 1) }
        let count = NumberFormatting.counted(person.ratings.count, "rating")
        var text: String
        switch old {
        case let old? where old != rating: text = "\(name.text): \(movie.title): \(stars(old)) → \(stars(rating)) (\(count))"
        case .some: text = "\(name.text): \(movie.title) → \(stars(rating)), as before (\(count))"
        case nil: text = "\(name.text): \(movie.title) → \(stars(rating)) (\(count))"
        }
        if existing == nil { text += "\n" + newPersonNote(name.text, session: call.session) }
        return .text(text)
    }

    /// `unrate PERSON MOVIE`: remove a rating.
    static let unrate = Verb(
        name: "unrate", group: .people,
        summary: "remove a person's rating of a movie",
        forms: ["unrate PERSON MOVIE"],
        example: "unrate me \"princess bride\"",
        gives: .text
    ) { call in
        let usage = call.usage
        let name = try personName(&call, usage: usage)
        guard var person = call.session.people[name.text] else { throw unknownPerson(name, call.session) }
        guard let movieToken = call.arguments.next() else {
            throw ShellError("expected a movie (a movieId or a title in quotes); usage: \(usage)", at: call.arguments.endToken)
        }
        try call.arguments.expectEnd(usage: usage)
        let movie = try findMovie(movieToken, in: call.session)
        guard person.ratings[movie.id] != nil else {
            throw ShellError("\(name.text) has not rated \(movie.title)", at: movieToken)
        }
        try call.session.peopleStore?.appendUnrating(name.text, movie: movie.id)
        person.unrate(movie.id)
        call.session.people[name.text] = person
        return .text("\(name.text): removed \(movie.title) (\(NumberFormatting.counted(person.ratings.count, "rating")) left)")
    }

    /// A person's name argument, checked to be usable as a file name.
    static func personName(_ call: inout Invocation, usage: String) throws -> Token {
        let name = try call.arguments.expectName("a person's name", usage: usage)
        guard Person.isValidName(name.text) else {
            throw ShellError("'\(name.text)' cannot name a person: use letters, digits, _ and -, starting with a letter", at: name)
        }
        return name
    }

    /// The line saying a person was just created, and where they are kept;
    /// with a warning when the name differs from someone's only in case or
    /// in `-` and `_` (`Me` beside `me`), which is most likely a slip.
    static func newPersonNote(_ name: String, session: Session) -> String {
        let place = session.peopleStore.map { "kept in \(UserPath.abbreviated($0.file(for: name).path))" } ?? "kept in memory only"
        var note = "(new person '\(name)', \(place))"
        let folded = { (n: String) in n.lowercased().filter { $0 != "-" && $0 != "_" } }
        if let twin = session.people.keys.sorted().first(where: { $0 != name && folded($0) == folded(name) }) {
            let theirs = NumberFormatting.counted(session.people[twin]?.ratings.count ?? 0, "rating")
            note += "\nwarning: '\(name)' and '\(twin)' (\(theirs)) are different people; did you mean '\(twin)'? (forget \(name) undoes this)"
        }
        return note
    }

    /// The error for a person nobody has created.
    static func unknownPerson(_ token: Token, _ session: Session) -> ShellError {
        let names = session.people.keys.sorted()
        var message = "no person '\(token.text)'"
        if let near = Suggestion.nearest(to: token.text, in: names) { message += "; did you mean '\(near)'?" }
        else if names.isEmpty { message += " (nobody has rated anything yet: rate \(token.text) MOVIE RATING)" }
        else { message += " (people: \(names.joined(separator: ", ")))" }
        return ShellError(message, at: token)
    }

    /// The movie a word names, looked up in the table `movies`.
    static func findMovie(_ token: Token, in session: Session) throws -> (id: Int64, title: String) {
        guard let movies = session.workspace.tables["movies"] else {
            throw ShellError("movies are looked up in the table 'movies': load it first (load movielens small)", at: token)
        }
        let lookup: MovieLookup
        do throws(RecLabError) { lookup = try MovieLookup(movies: movies) } catch {
            throw ShellError(error.message, at: token)
        }
        return try MovieChoice.resolve(token, in: lookup, session: session)
    }
}
