import RecLab

/// `rate PERSON` alone: the seed notebook's rating page, in the terminal.
/// One movie at a time, most-rated first, that the person has neither rated
/// nor skipped; each answer is on disk before the next question, so
/// stopping (q, Ctrl-D, Ctrl-C) loses nothing and the next walk resumes.
enum RatingWalk {
    /// Walks until the person stops or no movie is left; returns the summary.
    static func run(person name: Token, session: Session) throws -> String {
        guard session.isInteractive, let ask = session.ask else {
            throw ShellError("'rate \(name.text)' asks about one movie at a time and needs a terminal; "
                             + "in a script write rate \(name.text) MOVIE RATING", at: name)
        }
        guard let ratings = session.workspace.tables["ratings"], let movies = session.workspace.tables["movies"] else {
            throw ShellError("the walk offers the most-rated movies of the tables 'ratings' and 'movies': load them first "
                             + "(load movielens small)", at: name)
        }
        let lookup: MovieLookup
        let order: [(movie: Int64, count: Int64)]
        do throws(RecLabError) {
            lookup = try MovieLookup(movies: movies)
            order = try mostRated(ratings, cancel: session.cancellation)
        } catch {
            throw ShellError(error.message, at: name)
        }
        var person = session.people[name.text] ?? Person(name: name.text)
        session.output("Rate movies as \(name.text), most-rated first: a rating from 0.5 to 5, s to skip, q to stop.\n")
        var rated = 0, skipped = 0
        walk: for (movie, count) in order where person.ratings[movie] == nil && !person.skipped.contains(movie) {
            let title = lookup.title(of: movie) ?? "movie \(movie)"
            let genres = lookup.genres(of: movie).map { " · \($0)" } ?? ""
            let question = "\(title)\(genres) · \(NumberFormatting.counted(Int(count), "rating")) > "
            while true {
                guard let answer = ask(question)?.trimmingCharacters(in: .whitespaces) else {
                    // Ctrl-D or Ctrl-C left the cursor after the question.
                    session.output("\n")
                    break walk
                }
                switch answer.lowercased() {
                case "q", "quit", "stop": break walk
                case "s", "skip":
                    try session.peopleStore?.appendSkip(name.text, movie: movie)
                    person.skip(movie)
                    session.people[name.text] = person
                    skipped += 1
                    continue walk
                default:
                    guard let rating = Double(answer), Person.isValidRating(rating) else {
                        session.output("  a rating is a number from 0.5 to 5 in half steps; s skips this movie, q stops\n")
                        continue
                    }
                    try session.peopleStore?.appendRating(name.text, movie: movie, rating: rating)
                    person.rate(movie, rating)
                    session.people[name.text] = person
                    rated += 1
                    continue walk
                }
            }
        }
        return "\(name.text): \(rated) rated, \(skipped) skipped (\(NumberFormatting.counted(person.ratings.count, "rating")) in all); "
            + "'rate \(name.text)' resumes where this stopped"
    }

    /// Movies by number of ratings, most first; ties by ascending id.
    static func mostRated(_ ratings: Table, cancel: Cancellation) throws(RecLabError) -> [(movie: Int64, count: Int64)] {
        let stats = try ratings.groupStats(by: "movieId", of: "rating", cancel: cancel)
        let ids = try stats.requireColumn("movieId"), counts = try stats.requireColumn("count")
        var order: [(movie: Int64, count: Int64)] = []
        for row in 0 ..< stats.rowCount {
            if let id = ids.integer(at: row), let n = counts.integer(at: row) { order.append((id, n)) }
        }
        order.sort { $0.count != $1.count ? $0.count > $1.count : $0.movie < $1.movie }
        return order
    }
}
