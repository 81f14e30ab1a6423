import Foundation
import RecLabShell

/// Benchmark phases of whole sessions: a lab script replayed in-process, as
/// `reclab sessions/NAME.reclab` does (process start is measured apart, see
/// README.md).
enum SessionBenchmarks {
    static var phases: [Phase] {
        [replay("crashcourse")]
    }

    /// Replays `sessions/NAME.reclab` on the shared data, output discarded.
    static func replay(_ name: String) -> Phase {
        Phase(name: "replay \(name).reclab", size: "small") {
            let script = BenchData.repository.appendingPathComponent("sessions/\(name).reclab")
            let text = try String(contentsOf: script, encoding: .utf8)
            return {
                let session = Session(dataFolders: [BenchData.shared], output: { _ in })
                guard ScriptRunner().run(text, name: name, in: session) else {
                    throw RecLabError("the replay of \(name).reclab failed")
                }
            }
        }
    }
}
