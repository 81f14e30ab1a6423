import RecLab

/// The movie a word names, for every verb that takes one (`rate`,
/// `unrate`, `ratings`, `predict`, `similar`, `explain`): ``MovieLookup``'s
/// steps, and, when a title still matches several movies at the terminal, a
/// numbered pick list answered in place.
///
/// A script gets the one-line error listing the candidates instead (it
/// cannot answer), and a cell whose movie was picked is recorded with the
/// full title (or the movieId, when titles repeat), so `save session`
/// replays it without asking.
enum MovieChoice {
    /// The most candidates the pick list offers (answered with one digit).
    static let listed = 9

    /// The movie `token` names in `lookup`.
    static func resolve(_ token: Token, in lookup: MovieLookup, session: Session) throws -> MovieLookup.Movie {
        guard case .several(let movies) = lookup.match(token.text), session.isInteractive, let ask = session.ask else {
            do throws(RecLabError) { return try lookup.find(token.text) } catch { throw ShellError(error.message, at: token) }
        }
        let shown = Array(movies.prefix(listed))
        var list = "'\(token.text)' matches \(NumberFormatting.counted(movies.count, "movie")):\n"
        for (k, movie) in shown.enumerated() {
            list += "  \(k + 1)  \(movie.title)  (movieId \(movie.id))\n"
        }
        if movies.count > shown.count {
            list += "  … and \(movies.count - shown.count) more: type more of the title, or use the movieId\n"
        }
        session.echo(list)
        while true {
            guard let answer = ask("which one? 1–\(shown.count), Enter cancels > ")?.trimmingCharacters(in: .whitespaces),
                  !answer.isEmpty else {
                throw ShellError("no movie picked for '\(token.text)'; nothing done", at: token)
            }
            if let k = Int(answer), 1 ... shown.count ~= k {
                let movie = shown[k - 1]
                session.recordAs(token, replayable(movie, in: lookup))
                return movie
            }
            session.echo("  answer with a number from 1 to \(shown.count), or Enter to cancel\n")
        }
    }

    /// How a picked movie is written so a replay finds it without asking:
    /// its full title quoted, or its movieId when the title is not unique.
    static func replayable(_ movie: MovieLookup.Movie, in lookup: MovieLookup) -> String {
        // A title with a quote in it would need escaping: its movieId is plainer.
        if !movie.title.contains("\""), case .one(let found) = lookup.match(movie.title), found.id == movie.id {
            return "\"\(movie.title)\""
        }
        return String(movie.id)
    }
}
