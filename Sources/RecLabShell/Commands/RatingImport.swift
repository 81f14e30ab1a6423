import Foundation

/// `rate PERSON from PATH`: ratings from a spreadsheet with a movie column
/// (`item`, `movieId` or `movie_id`) or a title column (`title` or `movie`,
/// matched as `rate` matches titles, with the table `movies`), and a
/// rating column (`rating`, `ratings` or `value`). A row with both uses
/// its movieId, and its title when the id cell is empty. Blank cells are skipped; values that are not
/// ratings are reported by line and not imported, each cell on its own (one
/// text cell makes its whole column text, and the other rows still count);
/// a later row for the same movie overwrites an earlier one. The person's
/// file is written whole, so an import happens entirely or not at all, and
/// an import of nothing changes nothing.
enum RatingImport {
    static let movieColumns = ["item", "movieId", "movie_id"]
    static let titleColumns = ["title", "movie"]
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
        let ids = movieColumns.lazy.compactMap { table.column(named: $0) }.first
        let titles = titleColumns.lazy.compactMap { table.column(named: $0) }.first
        guard ids != nil || titles != nil,
              let values = ratingColumns.lazy.compactMap({ table.column(named: $0) }).first else {
            throw ShellError("\(path.text) needs a movie column (\((movieColumns + titleColumns).joined(separator: ", "))) and a "
                + "rating column (\(ratingColumns.joined(separator: ", "))); its columns are \(table.columnNames.joined(separator: ", "))",
                at: path)
        }
        // Made when a row first needs a title read: a sheet with ids
        // (the lab's, which has titles too) needs no table 'movies'.
        var lookup: MovieLookup?
        func titleLookup(_ titles: Column) throws -> MovieLookup {
            if let lookup { return lookup }
            guard let movies = session.workspace.tables["movies"] else {
                throw ShellError("\(path.text) names movies by \(titles.name): load the table 'movies' first (load movielens small)",
                                 at: path)
            }
            do throws(RecLabError) {
                let made = try MovieLookup(movies: movies)
                lookup = made
                return made
            } catch {
                throw ShellError("the table 'movies' cannot name movies: \(error.message)", at: path)
            }
        }
        var person = session.people[name.text] ?? Person(name: name.text)
        var imported = 0, blank = 0
        var refused: [String] = []
        for row in 0..<table.rowCount {
            guard !values.isMissing(row) else { blank += 1; continue }
            let line = row + 2  // the header is line 1
            let movie: Int64
            if let ids, let id = movieId(ids, row) {
                movie = id
            } else if let titles, !titles.isMissing(row) {
                let lookup = try titleLookup(titles)
                do throws(RecLabError) { movie = try lookup.find("\(titles.value(at: row))").id } catch {
                    refused.append("line \(line): \(error.message)")
                    continue
                }
            } else {
                let shown = ids.map { "movie '\($0.value(at: row))' is not a movieId" } ?? "no title"
                refused.append("line \(line): \(shown)")
                continue
            }
            guard let rating = number(values, row), Person.isValidRating(rating) else {
                refused.append("line \(line): '\(values.value(at: row))' is not a rating from 0.5 to 5\(decimalPoint(values, row))")
                continue
            }
            person.rate(movie, rating)
            imported += 1
        }
        var counts = "\(blank) blank"
        if !refused.isEmpty {
            counts += ", \(refused.count) refused (\(refused.prefix(5).joined(separator: "; "))\(refused.count > 5 ? "; …" : ""))"
        }
        guard imported > 0 else { throw ShellError("\(path.text): no rating imported: \(counts)", at: path) }
        try session.peopleStore?.write(person)
        session.people[name.text] = person
        return "\(name.text): \(NumberFormatting.counted(imported, "rating")) imported, \(counts)"
    }

    /// A cell as a number: the column's own when it is numeric, else the
    /// cell's text read alone (plain digits and a point: not `nan`, `1e3`).
    static func number(_ column: Column, _ row: Int) -> Double? {
        if let number = column.number(at: row) { return number }
        guard let text = column.text(at: row)?.trimmingCharacters(in: .whitespaces),
              text.contains(where: \.isASCIIDigit),
              text.allSatisfy({ $0.isASCIIDigit || $0 == "." }) else { return nil }
        return Double(text)
    }

    /// A cell as a movieId, read alone like ``number(_:_:)``.
    static func movieId(_ column: Column, _ row: Int) -> Int64? {
        if let id = column.integer(at: row) { return id }
        guard let text = column.text(at: row)?.trimmingCharacters(in: .whitespaces),
              text.allSatisfy(\.isASCIIDigit) else { return nil }
        return Int64(text)
    }

    /// `; did you mean 3.5?` for a decimal comma (`3,5`), else nothing.
    static func decimalPoint(_ column: Column, _ row: Int) -> String {
        guard let text = column.text(at: row)?.trimmingCharacters(in: .whitespaces) else { return "" }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) else { return "" }
        return "; did you mean \(parts[0]).\(parts[1])?"
    }
}

private extension Character {
    /// `0`…`9` only (not other scripts' digits, which `Double` refuses).
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
