import Foundation
import Testing
@testable import RecLabShell

/// Every bad input to `train mf`, `fit`, `save model` and `load model` gets
/// one line, a caret under the word at fault, and changes nothing (no
/// model, no table, nothing printed: not even a row of the epoch table).
@Suite struct BadMFInputTests {
    let h: SessionHarness

    init() throws {
        h = try SessionHarness.withMovieLens()
        h.run("few = filter ratings userId <= 30")
    }

    @Test func settingsTheEngineRefusesNameTheKey() {
        h.refuses("train mf factors=0 on few", blaming: "factors", with: "factors must be between 1 and 1024 (got 0)")
        h.refuses("train mf factors=2000", blaming: "factors", with: "factors must be between 1 and 1024 (got 2000)")
        h.refuses("train mf lr=-1 on few", blaming: "lr", with: "lr must be a positive number (got -1.0)")
        h.refuses("train mf lr=0 on few", blaming: "lr", with: "lr must be a positive number (got 0.0)")
        h.refuses("train mf wd=-0.5 on few", blaming: "wd", with: "wd must be 0 or more, with lr × wd below 1 (got -0.5)")
        h.refuses("train mf lr=1 wd=2 on few", blaming: "wd", with: "wd must be 0 or more, with lr × wd below 1 (got 2.0)")
        h.refuses("train mf valid=150% on few", blaming: "valid", with: "valid must be at least 0% and below 100% (got 150.0%)")
        h.refuses("train mf valid=100% on few", blaming: "valid", with: "valid must be at least 0% and below 100% (got 100.0%)")
        h.refuses("train mf valid=-5% on few", blaming: "valid", with: "valid must be at least 0% and below 100% (got -5.0%)")
        h.refuses("train mf bs=0 on few", blaming: "bs", with: "bs must be between 1 and 1048576 (got 0)")
    }

    @Test func valuesOfTheWrongForm() {
        h.refuses("train mf valid=20", blaming: "20", with: "valid is a percentage like 20%, not '20'")
        h.refuses("train mf valid=0.2", blaming: "0.2", with: "valid is a percentage like 20%, not '0.2'")
        h.refuses("train mf factors=2.5", blaming: "2.5", with: "factors must be a whole number, not '2.5'")
        h.refuses("train mf factors=1e30", blaming: "1e30", with: "factors must be a whole number, not '1e30'")
        h.refuses("train mf epochs=20000", blaming: "20000", with: "epochs must be a whole number from 1 to 10000, not '20000'")
        h.refuses("train mf seed=-1", blaming: "-1", with: "seed must be a whole number, not '-1'")
        h.refuses("train mf lr=fast", blaming: "fast", with: "lr must be a number, not 'fast'")
        h.refuses("train mf people=maybe", blaming: "maybe", with: "people is on or off, not 'maybe'")
        h.refuses("train mf factors=8 factors=9", blaming: "factors", with: "'factors' is given twice")
    }

    @Test func unknownSettingsListTheValidOnes() {
        h.refuses("train mf factor=8", blaming: "factor", with: "unknown mf setting 'factor'; did you mean 'factors'?")
        h.refuses("train mf nbrs=8", blaming: "nbrs",
                  with: "unknown mf setting 'nbrs' (settings: factors, epochs, lr, wd, valid, seed, bs, people)")
    }

    @Test func peopleOnWithNobody() {
        h.refuses("train mf people=on on few", blaming: "train") { $0.hasPrefix("people=on trains the people as users, but nobody has rated") }
    }

    @Test func aModelNamedLikeATablePrintsNothing() {
        h.refuses("movies = train mf factors=4 epochs=1 on few", blaming: "movies",
                  with: "'movies' is a table; give the model another name (m = train …)")
    }

    @Test func fitNeedsAnMFModelAndAWholeNumberOfEpochs() {
        h.refuses("fit", with: "expected a model name; usage: [NAME =] fit MODEL N")
        h.refuses("fit nothing 2", blaming: "nothing", with: "unknown model 'nothing' (no models yet: try 'train userknn')")
        h.run("train userknn on few")
        h.refuses("fit userknn 2", blaming: "userknn",
                  with: "'userknn' is a userknn model, trained in one go; fit trains mf and lowrank models further (train mf or lowrank first)")
        h.run("train mf factors=4 epochs=1 on few")
        h.refuses("fit userknn 2", blaming: "userknn",
                  with: "'userknn' is a userknn model, trained in one go; fit trains mf and lowrank models further (here: mf)")
        h.refuses("fit mf", with: "expected the number of epochs (a number); usage: [NAME =] fit MODEL N")
        h.refuses("fit mf 0", blaming: "0", with: "the number of epochs must be a whole number from 1 to 10000")
        h.refuses("fit mf 2.5", blaming: "2.5", with: "the number of epochs must be a whole number from 1 to 10000")
        h.refuses("fit mf two", blaming: "two", with: "expected the number of epochs (a number), found 'two'; usage: [NAME =] fit MODEL N")
        h.refuses("fit mf 2 more", blaming: "more", with: "unexpected 'more'; usage: [NAME =] fit MODEL N")
        h.refuses("movies = fit mf 1", blaming: "movies", with: "'movies' is a table; give the model another name (m = fit …)")
    }

    @Test func saveModelRefusals() throws {
        let folder = try TempFolder()
        h.refuses("save model nothing \(folder.path("x.model"))", blaming: "nothing") { $0.hasPrefix("unknown model 'nothing'") }
        h.run("train mf factors=4 epochs=1 on few")
        h.refuses("save model mf", with: "expected a file path; usage: save model MODEL PATH")
        let nowhere = folder.path("no/such/folder/x.model")
        h.refuses("save model mf \(nowhere)", blaming: nowhere) {
            $0.hasPrefix("\(nowhere): cannot write here (no such folder")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path("x.model")))
    }

    @Test func loadModelRefusesEveryDamagedFileByName() throws {
        let folder = try TempFolder()
        h.run("train mf factors=4 epochs=1 on few")
        let good = folder.path("good.model")
        #expect(h.run("save model mf \(good)").hasPrefix("saved mf"))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: good))
        h.run("drop mf")

        func refuses(_ name: String, _ contents: Data, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let path = try folder.write(name, contents)
            h.refuses("load model \(path)", blaming: path, with: "\(path): \(message)", sourceLocation: sourceLocation)
        }
        let missing = folder.path("missing.model")
        h.refuses("load model \(missing)", blaming: missing, with: "\(missing): no such file")
        try refuses("empty.model", Data(), "empty file; not a reclab model")
        try refuses("ratings.csv", Data("userId,movieId,rating\n1,1,4\n".utf8), "not a reclab model file")
        try refuses("cut.model", bytes.prefix(bytes.count / 2), "the file is truncated (\(bytes.count / 2) of \(bytes.count) bytes)")
        var flipped = bytes
        flipped[bytes.count - 100] ^= 1
        try refuses("flipped.model", flipped, "the file is damaged (checksum mismatch)")
        var newer = Array(bytes.dropLast(4))
        newer[8] = 9
        let crc = CRC32.checksum(newer)
        newer += (0 ..< 4).map { UInt8(truncatingIfNeeded: crc >> (8 * $0)) }
        try refuses("newer.model", Data(newer), "model file format version 9; this reclab reads version 1 (the file is from a newer reclab)")

        h.refuses("load model", with: "expected a model file's path; usage: load model PATH [as NAME]")
        h.refuses("load model \(good) as", with: "expected a name for the model; usage: load model PATH [as NAME]")
        h.refuses("load model \(good) as m extra", blaming: "extra", with: "unexpected 'extra'; usage: load model PATH [as NAME]")
        h.refuses("a = load model \(good) as b", blaming: "b", with: "the model is named twice ('a =' and 'as b'); keep one")
        h.refuses("load model \(good) as movies", blaming: "movies",
                  with: "'movies' is a table; give the model another name (load model \(good) as NAME)")
        #expect(h.run("load model \(good) as fine").hasPrefix("fine: mf model loaded from"))
    }
}
