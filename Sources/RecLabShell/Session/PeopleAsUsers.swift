import RecLab

/// `train … people=on`: every person with ratings is trained as a user of
/// the model, as the course's notebook appends its own ratings to the data
/// and trains again.
///
/// A person becomes a user whose id is above every data user's: the
/// largest user id + 1, + 2, … in the order of the people's names, so no
/// person can take a data user's id, and the model's data users keep
/// theirs. The model keeps who is who (``TrainedModel/people``, saved with
/// it by `save model`); `recommend PERSON` with it uses the person's
/// trained vector rather than folding their ratings in, and leaves out the
/// movies they have rated since too. `recommend user ID` with a person's id
/// reaches the same user.
enum PeopleAsUsers {
    /// `matrix` with the people appended as users, and each one's user id.
    ///
    /// - Throws: ``ShellError`` at `anchor` when nobody has a rating.
    /// - Complexity: O(ratings + the people's ratings).
    static func append(_ people: [String: Person], to matrix: RatingMatrix, cancel: Cancellation,
                       at anchor: Token) throws -> (RatingMatrix, [String: Int64]) {
        let raters = people.values.filter { !$0.ratings.isEmpty }.sorted { $0.name < $1.name }
        guard !raters.isEmpty else {
            throw ShellError("people=on trains the people as users, but nobody has rated a movie yet "
                             + "(rate me \"Toy Story (1995)\" 4)", at: anchor)
        }
        let largest = matrix.userIds.last ?? 0
        guard largest < Int64.max - Int64(raters.count) else {
            throw ShellError("people=on: no user ids are free above the data's largest, \(largest)", at: anchor)
        }
        var ids: [String: Int64] = [:]
        var users: [(id: Int64, ratings: [(item: Int64, rating: Double)])] = []
        for (k, person) in raters.enumerated() {
            let id = largest + 1 + Int64(k)
            ids[person.name] = id
            users.append((id, person.sortedRatings.map { (item: $0.movie, rating: $0.rating) }))
        }
        return (try matrix.appending(users: users, cancel: cancel), ids)
    }

    /// Scores for `person` from their trained user `id`, leaving out every
    /// movie they rate now as well as those they had rated when trained.
    ///
    /// - Complexity: O(items × factors + the person's ratings).
    static func scores(for person: Person, user id: Int64, in model: any Recommender) throws(RecLabError) -> ItemScores {
        let trained = try model.itemScores(user: id)
        let matrix = trained.matrix
        var rated = trained.rated
        var values = trained.values
        for movie in person.ratings.keys {
            if let i = matrix.itemIndex(of: movie) {
                rated[i] = true
                values[i] = .nan
            }
        }
        return ItemScores(matrix: matrix, values: values, rated: rated, ratingCount: person.ratings.count,
                          knownCount: rated.reduce(0) { $1 ? $0 + 1 : $0 },
                          problem: trained.problem)
    }
}
