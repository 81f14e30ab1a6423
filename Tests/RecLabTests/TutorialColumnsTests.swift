import Foundation
import Testing
@testable import RecLab

/// The LinkedIn Learning tutorial's column names (`user_id, movie_id,
/// value`; `movie_id, title, genre`) work where MovieLens's do.
@Suite struct TutorialColumnsTests {
    @Test func ratingMatricesFindTheTutorialsColumns() throws {
        let table = try TableLoader.load(path: TestFiles.real("linkedin-recs/movie_ratings_data_set.csv"))
        #expect(table.columnNames == ["user_id", "movie_id", "value"])
        let m = try RatingMatrix.build(from: table)
        #expect(m.ratingCount == 680 && m.userCount == 100 && m.itemCount == 34)
        // The file's first row: user 1 rated movie 28 a 4.
        #expect(m.rating(user: 1, item: 28) == 4)
        #expect(try RatingMatrix.build(from: table, user: "user_id", item: "movie_id", rating: "value").userRatings == m.userRatings)
    }

    @Test func movieLensNamesComeFirstAndAMissingColumnIsNamed() throws {
        let both = try Table(columns: [
            Column(name: "user_id", integers: [1, 2]), Column(name: "userId", integers: [5, 6]),
            Column(name: "movieId", integers: [1, 1]), Column(name: "value", decimals: [3, 4]),
        ])
        #expect(try RatingMatrix.build(from: both).userIds == [5, 6])
        let noUsers = try Table(columns: [Column(name: "movie_id", integers: [1]), Column(name: "value", decimals: [3])])
        let error = #expect(throws: RecLabError.self) { try RatingMatrix.build(from: noUsers) }
        #expect(error?.message == "no user column: expected userId or user_id (columns: movie_id, value)")
    }

    @Test func movieLookupsReadTheTutorialsMovies() throws {
        let movies = try TableLoader.load(path: TestFiles.real("linkedin-recs/movies.csv"))
        let lookup = try MovieLookup(movies: movies)
        #expect(lookup.title(of: 1) == "The Sheriff 1" && lookup.genres(of: 1) == "crime drama, western")
        #expect(try lookup.find("sheriff 2").id == 3)
    }
}
