import Foundation
import Testing
@testable import RecLab

@Suite struct MovieLensTests {
    @Test func latestSmallRelease() throws {
        let tables = try MovieLens.load(releaseNamed: "small", searchFolders: [URL(fileURLWithPath: "/nonexistent"), TestFiles.data])
        #expect(tables.map(\.name) == ["ratings", "movies", "tags", "links"])
        let ratings = tables[0].table
        #expect(ratings.columnNames == ["userId", "movieId", "rating", "timestamp"])
        #expect(ratings.rowCount == 100_836)
        #expect(ratings.cell("rating", 0) == .decimal(4.0))
        #expect(ratings.cell("timestamp", 0) == .integer(964_982_703))
        #expect(ratings.cell("movieId", 100_835) == .integer(170_875))
        #expect(ratings.column(named: "rating")?.fractionDigits == 1)
        let movies = tables[1].table
        #expect(movies.columnNames == ["movieId", "title", "genres", "year"])
        #expect(movies.cell("year", 0) == .integer(1995))
        let tags = tables[2].table
        #expect(tags.rowCount == 3_683)
        #expect(tags.cell("tag", 0) == .text("funny"))
        let links = tables[3].table
        #expect(links.column(named: "tmdbId")?.missingCount == 8)
    }

    @Test func releaseFolderItselfIsAccepted() throws {
        let folder = TestFiles.data.appendingPathComponent("ml-100k")
        let tables = try MovieLens.load(releaseNamed: "ml-100k", searchFolders: [folder])
        #expect(tables.map(\.name) == ["ratings", "movies", "users"])
        #expect(tables[0].table.rowCount == 100_000)
        #expect(tables[2].table.cell("occupation", 0) == .text("technician"))
        #expect(tables[2].table.cell("zip", 0) == .text("85711"))
    }

    @Test func missingReleaseNamesEveryPlace() {
        do {
            _ = try MovieLens.load(releaseNamed: "25m", searchFolders: [URL(fileURLWithPath: "/a"), URL(fileURLWithPath: "/b")])
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "ml-25m not found in /a, /b; put the unzipped folder in one of them or pass --data DIR")
        }
    }

    @Test func incompleteReleaseSaysWhichFileIsMissing() {
        #expect(throws: RecLabError("ratings.dat is missing from \(TestFiles.data.appendingPathComponent("ml-1m").path)", subject: "1m")) {
            try MovieLens.load(releaseNamed: "1m", searchFolders: [TestFiles.data])
        }
    }

    @Test func unknownReleaseSuggests() {
        do {
            _ = try MovieLensRelease.named("smal")
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "unknown MovieLens release 'smal'; did you mean 'small'? (releases: small, 100k, 1m, 10m, 20m, 25m, 32m, latest)")
        }
        #expect((try? MovieLensRelease.named("ML-LATEST-SMALL"))?.name == "small")
        #expect((try? MovieLensRelease.named("10m"))?.folderName == "ml-10M100K")
        #expect((try? MovieLensRelease.named("10m"))?.downloadURL.absoluteString == "https://files.grouplens.org/datasets/movielens/ml-10m.zip")
        #expect((try? MovieLensRelease.named("small"))?.downloadURL.absoluteString == "https://files.grouplens.org/datasets/movielens/ml-latest-small.zip")
    }

    @Test func uItemBecomesAMoviesTable() throws {
        let movies = try TableLoader.load(path: TestFiles.real("ml-100k/u.item"))
        #expect(movies.columnNames == ["movieId", "title", "genres", "released", "year"])
        #expect(movies.rowCount == 1_682)
        #expect(movies.cell("genres", 0) == .text("Animation|Children's|Comedy"))
        #expect(movies.cell("released", 0) == .text("01-Jan-1995"))
        #expect(movies.cell("genres", 70) == .text("Animation|Children's|Musical"))  // Lion King
        #expect(movies.cell("title", 266) == .text("unknown"))
        #expect(movies.cell("genres", 266) == .text("(no genres listed)"))
        #expect(movies.cell("year", 266) == .missing)
        #expect(movies.cell("title", 1004) == .text("Double vie de Véronique, La (Double Life of Veronique, The) (1991)"))
        #expect(movies.cell("title", 542) == .text("Misérables, Les (1995)"))
    }

    @Test func datFilesGetMovieLensNames() throws {
        let ml1m = try TableLoader.load(path: TestFiles.real("ml-1m/movies.dat"))
        #expect(ml1m.columnNames == ["movieId", "title", "genres", "year"])
        #expect(ml1m.rowCount == 3_883)
        #expect(ml1m.cell("title", 566) == .text("Slingshot, The (Kådisbellan ) (1993)"))
        let users = try TableLoader.load(path: TestFiles.real("ml-1m/users.dat"))
        #expect(users.columnNames == ["userId", "gender", "age", "occupation", "zip"])
        #expect(users.cell("zip", 6_039) == .text("11106"))
        #expect(users.cell("age", 6_039) == .integer(25))
        let ml10m = try TableLoader.load(path: TestFiles.real("ml-10m-movies/movies.dat"))
        #expect(ml10m.rowCount == 10_681)
        #expect(ml10m.cell("title", 28) == .text("City of Lost Children, The (Cité des enfants perdus, La) (1995)"))
        #expect(ml10m.cell("title", 9_810) == .text("\"Great Performances\" Cats (1998)"))
        let data = try TableLoader.load(path: TestFiles.real("ml-100k/u.data"))
        #expect(data.columnNames == ["userId", "movieId", "rating", "timestamp"])
        #expect(data.cell("userId", 0) == .integer(196))
        #expect(data.cell("rating", 0) == .integer(3))
    }

    @Test func textInANumericPositionIsAnError() {
        let path = TestFiles.write("1::10::5::978300760\n1::11::abc::978300761\n", name: "ratings.dat")
        do {
            _ = try TableLoader.load(path: path)
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "\(path):2: 'abc' in column rating is not a number")
        }
        let wrongShape = TestFiles.write("1::10::5\n", name: "ratings.dat")
        #expect(throws: RecLabError("expected 4 fields, found 3", file: wrongShape, line: 1)) { try TableLoader.load(path: wrongShape) }
    }

    @Test func otherMoviesCSVsAreNotTreatedAsMovieLens() throws {
        let movies = try TableLoader.load(path: TestFiles.real("linkedin-recs/movies.csv"))
        #expect(movies.columnNames == ["movie_id", "title", "genre"])
        #expect(movies.cell("genre", 0) == .text("crime drama, western"))
        #expect(movies.cell("title", 33) == .text("The Serious Detective"))
    }
}
