/// Loads a table file for a bare `load PATH`.
public enum TableLoader {
    /// Reads the file at `path`. MovieLens files, recognised by name
    /// (`u.data`, `u.item`, `u.user`, `ratings.dat`, `movies.dat`,
    /// `users.dat`, `tags.dat`, and the CSVs `ratings.csv`, `movies.csv`,
    /// `tags.csv`, `links.csv`), get MovieLens column names and enforced
    /// types (see ``MovieLensFile``); any other file is read with
    /// ``CSVReader`` detecting everything, headerless files getting
    /// `column1`…`columnN`. A table with `movieId`, `title` and `genres`
    /// also gets `year` from the titles.
    ///
    /// - Complexity: O(file size).
    public static func load(path: String, cancel: Cancellation = .never) throws(RecLabError) -> Table {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if let known = MovieLensFile(fileName: name) {
            return try known.load(path: path, cancel: cancel)
        }
        let table = try CSVReader.read(path: path, cancel: cancel)
        let names = Set(table.columnNames)
        if names.isSuperset(of: ["movieId", "title", "genres"]), !names.contains("year"),
           table.column(named: "title")?.type == .text {
            return try TitleYear.addingYear(to: table)
        }
        return table
    }
}
