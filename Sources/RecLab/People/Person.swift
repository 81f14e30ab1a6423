/// Someone who rates movies in the shell: a name and their ratings.
public struct Person: Sendable, Equatable {
    /// The name used in commands (`rate jabril …`).
    public var name: String
    /// Rating by movieId.
    public private(set) var ratings: [Int64: Double] = [:]
    /// The people this person is a blend of (`hybrid = blend jabril jgb`);
    /// empty for someone who rated movies themselves. A blend may be
    /// blended anew; a person's own ratings are never overwritten by one.
    public var blendOf: [String] = []
    /// Movies the person chose to skip in the `rate PERSON` walk, so the
    /// next walk resumes after them.
    public private(set) var skipped: Set<Int64> = []
    /// Why the person's file could not be read whole, as `FILE:LINE: a NUL
    /// byte` or `FILE: a FIFO, not a regular file`; `nil` for a sound file.
    /// The ratings are those of the lines that could be read; nothing is
    /// written to a damaged file until someone repairs or removes it.
    public internal(set) var damage: String?

    /// A person with no ratings yet.
    public init(name: String) { self.name = name }

    /// Sets the rating of `movie`.
    public mutating func rate(_ movie: Int64, _ rating: Double) { ratings[movie] = rating }

    /// Removes the rating of `movie`; returns whether there was one.
    @discardableResult
    public mutating func unrate(_ movie: Int64) -> Bool { ratings.removeValue(forKey: movie) != nil }

    /// Marks `movie` as skipped in the rating walk.
    public mutating func skip(_ movie: Int64) { skipped.insert(movie) }

    /// The ratings in ascending movieId order.
    public var sortedRatings: [(movie: Int64, rating: Double)] {
        ratings.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Whether `rating` is one the shell accepts: 0.5 to 5 in half steps.
    public static func isValidRating(_ rating: Double) -> Bool {
        rating >= 0.5 && rating <= 5 && (rating * 2).rounded() == rating * 2
    }

    /// Whether `rating` can be kept for a person: 0.5 to 5, any fraction,
    /// since a blend's ratings are means (4.25).
    public static func isStoredRating(_ rating: Double) -> Bool {
        rating >= 0.5 && rating <= 5
    }

    /// Blends people into one: for each movie, the mean of the ratings of
    /// those who rated it (a single rating stays as it is).
    ///
    /// - Complexity: O(total ratings × log).
    public static func blend(_ people: [Person], as name: String) -> Person {
        var sums: [Int64: (total: Double, count: Int)] = [:]
        for person in people {
            for (movie, rating) in person.ratings {
                let s = sums[movie] ?? (0, 0)
                sums[movie] = (s.total + rating, s.count + 1)
            }
        }
        var blend = Person(name: name)
        blend.blendOf = people.map(\.name)
        for (movie, s) in sums { blend.rate(movie, s.total / Double(s.count)) }
        return blend
    }

    /// Whether `name` can name a person (and their file): letters, digits,
    /// `_` and `-`, starting with a letter.
    public static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.properties.isAlphabetic, name.count <= 64 else { return false }
        return name.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
    }
}
