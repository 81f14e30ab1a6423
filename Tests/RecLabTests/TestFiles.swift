import Foundation
import RecLabTestSupport
@testable import RecLab

/// Temporary files for tests, and the shared real data.
enum TestFiles {
    /// A fresh temporary folder, removed when the tests end.
    static func folder() -> URL { ScratchFolders.make("reclab-tests") }

    /// Writes `bytes` to a temporary file called `name` and returns its path.
    static func write(_ bytes: [UInt8], name: String = "test.csv") -> String {
        let url = folder().appendingPathComponent(name)
        FileManager.default.createFile(atPath: url.path, contents: Data(bytes))
        return url.path
    }

    /// Writes UTF-8 `text` to a temporary file called `name`.
    static func write(_ text: String, name: String = "test.csv") -> String {
        write(Array(text.utf8), name: name)
    }

    /// `$RECLAB_TEST_DATA`, or `../shared/data` beside the repository.
    static var data: URL {
        if let env = ProcessInfo.processInfo.environment["RECLAB_TEST_DATA"] { return URL(fileURLWithPath: env) }
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return repo.deletingLastPathComponent().appendingPathComponent("shared/data")
    }

    /// The path of a real data file, e.g. `ml-latest-small/ratings.csv`.
    static func real(_ relative: String) -> String { data.appendingPathComponent(relative).path }
}

extension Table {
    /// The cell at `row` of column `name` (missing when there is no such column).
    func cell(_ name: String, _ row: Int) -> Value {
        column(named: name)?.value(at: row) ?? .missing
    }
}
