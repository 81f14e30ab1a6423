/// Someone who rates movies in the shell: a name and their ratings.
public struct Person: Sendable, Equatable {
    /// The name used in commands (`rate jabril …`).
    public var name: String
    /// Rating by movieId.
    public private(set) var ratings: [Int64: Double] = [:]

    /// A person with no ratings yet.
    public init(name: String) { self.name = name }

    /// Sets the rating of `movie`.
    public mutating func rate(_ movie: Int64, _ rating: Double) { ratings[movie] = rating }

    /// Removes the rating of `movie`; returns whether there was one.
    @discardableResult
    public mutating func unrate(_ movie: Int64) -> Bool { ratings.removeValue(forKey: movie) != nil }

    /// The ratings in ascending movieId order.
    public var sortedRatings: [(movie: Int64, rating: Double)] {
        ratings.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Whether `rating` is one the shell accepts: 0.5 to 5 in half steps.
    public static func isValidRating(_ rating: Double) -> Bool {
        rating >= 0.5 && rating <= 5 && (rating * 2).rounded() == rating * 2
    }

    /// Whether `name` can name a person (and their file): letters, digits,
    /// `_` and `-`, starting with a letter.
    public static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.properties.isAlphabetic, name.count <= 64 else { return false }
        return name.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
    }
}
