import Foundation
import RecLabShell

/// Benchmark phases of notebook export: the crash-course lab replayed (not
/// timed), then written as Markdown or HTML (timed, file write included).
enum NotebookBenchmarks {
    static var phases: [Phase] {
        [export("crashcourse", as: "md"), export("crashcourse", as: "html")]
    }

    /// Replays `sessions/NAME.reclab`, then times `export NAME.EXT`.
    static func export(_ name: String, as ext: String) -> Phase {
        Phase(name: "export \(name) .\(ext)", size: "small") {
            let script = BenchData.repository.appendingPathComponent("sessions/\(name).reclab")
            let text = try String(contentsOf: script, encoding: .utf8)
            let session = Session(dataFolders: [BenchData.shared], output: { _ in })
            guard ScriptRunner().run(text, name: name, in: session) else {
                throw RecLabError("the replay of \(name).reclab failed")
            }
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("reclab-bench-\(name).\(ext)").path
            return {
                _ = try NotebookExport.write(session.notebook, to: path, at: nil)
            }
        }
    }
}
