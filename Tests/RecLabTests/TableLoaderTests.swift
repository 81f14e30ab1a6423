import Foundation
import Testing
@testable import RecLab

/// The real data sets through a bare `load PATH`.
@Suite struct TableLoaderTests {
    @Test func latestSmallRatings() throws {
        let t = try TableLoader.load(path: TestFiles.real("ml-latest-small/ratings.csv"))
        #expect(t.rowCount == 100_836)
        let users = Set((0..<t.rowCount).compactMap { t.columns[0].integer(at: $0) })
        let movies = Set((0..<t.rowCount).compactMap { t.columns[1].integer(at: $0) })
        #expect(users.count == 610)
        #expect(movies.count == 9_724)
        let ratings = (0..<t.rowCount).compactMap { t.columns[2].number(at: $0) }
        #expect(ratings.min() == 0.5)
        #expect(ratings.max() == 5)
        #expect(t.cell("userId", 100_835) == .integer(610))
        #expect(t.cell("rating", 100_835) == .decimal(3.0))
    }

    @Test func latestSmallMoviesHaveUTF8TitlesAndYears() throws {
        let t = try TableLoader.load(path: TestFiles.real("ml-latest-small/movies.csv"))
        #expect(t.rowCount == 9_742)
        #expect(t.columnNames == ["movieId", "title", "genres", "year"])
        #expect(t.cell("title", 0) == .text("Toy Story (1995)"))
        #expect(t.cell("genres", 0) == .text("Adventure|Animation|Children|Comedy|Fantasy"))
        #expect(t.cell("title", 28) == .text("City of Lost Children, The (Cité des enfants perdus, La) (1995)"))
        #expect(t.cell("movieId", 9_741) == .integer(193_609))
        #expect(t.cell("year", 9_741) == .integer(1991))
    }

    @Test func tagsUnquoteDoubledQuotes() throws {
        let t = try CSVReader.read(path: TestFiles.real("ml-latest-small/tags.csv"))
        let row = (0..<t.rowCount).first { t.cell("userId", $0) == .integer(567) && t.cell("movieId", $0) == .integer(4552) }
        #expect(row.map { t.cell("tag", $0) } == .text("\"artsy\""))
    }

    @Test func crashCourseSheetsHaveMostlyBlankRatings() throws {
        let t = try TableLoader.load(path: TestFiles.real("crashcourse/jabril-movie-ratings.csv"))
        #expect(t.columnNames == ["item", "title", "genres", "ratings"])
        #expect(t.rowCount == 1_000)
        #expect(t.column(named: "ratings")?.type == .decimal)
        #expect(t.column(named: "ratings").map { $0.count - $0.missingCount } == 85)
        #expect(t.cell("item", 0) == .integer(356))
        #expect(t.cell("ratings", 0) == .decimal(4))
        #expect(t.cell("title", 1) == .text("Shawshank Redemption, The (1994)"))
        #expect(t.cell("ratings", 1) == .decimal(4.5))
        let other = try TableLoader.load(path: TestFiles.real("crashcourse/jgb-movie-ratings.csv"))
        #expect(other.column(named: "ratings").map { $0.count - $0.missingCount } == 135)
    }

    @Test func linkedInRatings() throws {
        let t = try TableLoader.load(path: TestFiles.real("linkedin-recs/movie_ratings_data_set.csv"))
        #expect(t.columnNames == ["user_id", "movie_id", "value"])
        #expect(t.rowCount == 680)
        #expect(t.cell("movie_id", 0) == .integer(28))
        #expect(t.cell("value", 0) == .integer(4))
    }

    @Test func headerlessGenericFilesGetNumberedColumns() throws {
        let t = try TableLoader.load(path: TestFiles.write("5|x\n6|y\n", name: "pairs.txt"))
        #expect(t.columnNames == ["column1", "column2"])
        #expect(t.cell("column2", 1) == .text("y"))
    }
}
