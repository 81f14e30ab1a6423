extension Verbs {
    /// `ratings PERSON [MOVIE]`: a person's ratings with titles.
    static let ratings = Verb(
        name: "ratings", group: .people,
        summary: "a person's ratings, with titles (or one movie's rating)",
        forms: ["ratings PERSON [MOVIE]"],
        example: "ratings jabril\nratings jabril \"Princess Bride\"     # the lab's sanity check: 4.5",
        gives: [.table, .text]
    ) { call in
        let usage = call.usage
        if call.arguments.isAtEnd, call.session.workspace.tables["ratings"] != nil {
            // `ratings` alone is most likely someone wanting to see the table.
            throw ShellError("'ratings PERSON' shows a person's ratings; to show the table 'ratings', write 'head ratings'", at: call.arguments.verb)
        }
        let name = try personName(&call, usage: usage)
        guard let person = call.session.people[name.text] else { throw unknownPerson(name, call.session) }
        var wanted = person.sortedRatings
        if let movieToken = call.arguments.next() {
            try call.arguments.expectEnd(usage: usage)
            let movie = try findMovie(movieToken, in: call.session)
            guard let rating = person.ratings[movie.id] else {
                return .text("\(name.text) has not rated \(movie.title)")
            }
            wanted = [(movie.id, rating)]
        }
        var columns = [
            Column(name: "movieId", integers: wanted.map(\.movie)),
            Column(name: "rating", decimals: wanted.map(\.rating), fractionDigits: 1),
        ]
        if let movies = call.session.workspace.tables["movies"], let lookup = try? MovieLookup(movies: movies) {
            columns.insert(Column(name: "title", texts: wanted.map { lookup.title(of: $0.movie) }), at: 1)
        }
        return .table(try Table(columns: columns))
    }

    /// `people`: everyone with ratings.
    static let people = Verb(
        name: "people", group: .people,
        summary: "list the people, with how many ratings each has and their mean",
        forms: ["people"],
        example: "people",
        gives: [.table, .text]
    ) { call in
        try call.arguments.expectEnd(usage: "people")
        let everyone = call.session.people.values.sorted { $0.name < $1.name }
        guard !everyone.isEmpty else { return .text("(nobody yet: rate me \"princess bride\" 4.5)") }
        var columns = [
            Column(name: "name", texts: everyone.map(\.name)),
            Column(name: "ratings", integers: everyone.map { Int64($0.ratings.count) }),
            Column(name: "mean", decimals: everyone.map { p in p.ratings.isEmpty ? 0 : p.ratings.values.reduce(0, +) / Double(p.ratings.count) }),
        ]
        if everyone.contains(where: { $0.damage != nil }) {
            // Where and why, without the people folder every file shares.
            let folder = call.session.peopleStore.map { $0.folder.path + "/" } ?? ""
            columns.append(Column(name: "file", texts: everyone.map { p in
                p.damage.map { "damaged: " + ($0.hasPrefix(folder) ? String($0.dropFirst(folder.count)) : $0) }
            }))
        }
        return .table(try Table(columns: columns), rows: everyone.count)
    }
}
