import Foundation

/// `rate PERSON from PATH`: ratings from a spreadsheet with a movie column
/// (`item`, `movieId` or `movie_id`) and a rating column (`rating`,
/// `ratings` or `value`). Blank cells are skipped; values that are not
/// ratings are reported by line and not imported; a later row for the same
/// movie overwrites an earlier one. The person's file is written whole, so
/// an import happens entirely or not at all.
enum RatingImport {
    static let movieColumns = ["item", "movieId", "movie_id"]
    static let ratingColumns = ["rating", "ratings", "value"]

    /// Imports and returns the summary line.
    static func run(person name: Token, path: Token, session: Session) throws -> String {
        let file = try session.resolveFetching(path)
        let table: Table
        do throws(RecLabError) {
            table = try TableLoader.load(path: file, cancel: session.cancellation)
        } catch {
            throw ShellError(error.description, at: path)
        }
        guard let movieName = movieColumns.first(where: { table.index(of: $0) != nil }),
              let ratingName = ratingColumns.first(where: { table.index(of: $0) != nil }),
              let movies = table.column(named: movieName), let values = table.column(named: ratingName) else {
            throw ShellError("\(path.text) needs a movie column (\(movieColumns.joined(separator: ", "))) and a rating column "
                + "(\(ratingColumns.joined(separator: ", "))); its columns are \(table.columnNames.joined(separator: ", "))", at: path)
        }
        var person = session.people[name.text] ?? Person(name: name.text)
        var imported = 0, blank = 0
        var refused: [String] = []
        for row in 0..<table.rowCount {
            guard !values.isMissing(row) else { blank += 1; continue }
            let line = row + 2  // the header is line 1
            guard let movie = movies.integer(at: row) else {
                refused.append("line \(line): movie '\(movies.value(at: row))' is not a movieId")
                continue
            }
            guard let rating = values.number(at: row), Person.isValidRating(rating) else {
                refused.append("line \(line): '\(values.value(at: row))' is not a rating from 0.5 to 5")
                continue
            }
            person.rate(movie, rating)
            imported += 1
        }
        try session.peopleStore?.write(person)
        session.people[name.text] = person
        var summary = "\(name.text): \(NumberFormatting.counted(imported, "rating")) imported, \(blank) blank"
        if !refused.isEmpty {
            summary += ", \(refused.count) refused (\(refused.prefix(5).joined(separator: "; "))\(refused.count > 5 ? "; …" : ""))"
        }
        return summary
    }
}
