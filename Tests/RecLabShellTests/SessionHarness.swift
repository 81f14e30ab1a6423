import Foundation
import RecLabTestSupport
@testable import RecLabShell

/// A session whose output is collected, reading data from the shared
/// datasets (`$RECLAB_TEST_DATA`, default `../shared/data`).
final class SessionHarness {
    let session: Session
    private let box = OutputBox()

    init() {
        let box = self.box
        session = Session(dataFolders: [TestData.root], output: { box.text += $0 })
        session.settings.width = 120
        session.peopleStore = PeopleStore(folder: peopleFolder)
    }

    /// A fresh folder for this harness's people, removed when the tests end.
    let peopleFolder = ScratchFolders.make("reclab-people")

    /// Runs a cell and returns what it printed; records a failure as text.
    @discardableResult
    func run(_ line: String) -> String {
        box.text = ""
        if let error = session.execute(line) { return box.text + "error: \(error.message)" }
        return box.text
    }

    /// Runs a cell as the prompt does (``Session/perform(_:errorPrefix:caretIndent:)``):
    /// its error, if any, reported by the session itself. Returns what it printed.
    @discardableResult
    func perform(_ line: String) -> String {
        box.text = ""
        session.perform(line)
        return box.text
    }

    /// Runs a cell that must fail, returning its error.
    func failure(_ line: String) -> CellError? {
        box.text = ""
        return session.execute(line)
    }

    /// Everything printed since the last `run`.
    var printed: String { box.text }
}

private final class OutputBox { var text = "" }

/// Where the real datasets are.
enum TestData {
    static var root: URL {
        if let env = ProcessInfo.processInfo.environment["RECLAB_TEST_DATA"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        return repository.deletingLastPathComponent().appendingPathComponent("shared/data")
    }

    /// The repository's root folder.
    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
}
