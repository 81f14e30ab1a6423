import Foundation
import Testing
@testable import RecLabShell

/// Every `sessions/*.reclab` script is replayed and its output compared
/// with `Transcripts/NAME.txt`. Run with `RECLAB_UPDATE_TRANSCRIPTS=1` to
/// write the transcripts anew after an intended change (then read the diff).
@Suite struct TranscriptTests {
    static var scripts: [String] {
        let folder = TestData.repository.appendingPathComponent("sessions")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".reclab") }.sorted()
    }

    /// Debug builds train mf about a hundred times slower than release
    /// builds, so the `time` cell of fast.ai's epoch rows (`00:04`) is set
    /// to what a release build prints on small data (`00:00`).
    static func releaseEpochTimes(_ text: String) -> String {
        #if DEBUG
        let row = #/(?m)^(\d+ +(?:\d+\.\d{6}|#na#) +(?:\d+\.\d{6}|#na#) +(?:\d+\.\d{6}|#na#) +)\d\d:\d\d$/#
        return text.replacing(row) { $0.output.1 + "00:00" }
        #else
        return text
        #endif
    }

    @Test(arguments: scripts)
    func replayMatchesTranscript(_ script: String) throws {
        let scriptURL = TestData.repository.appendingPathComponent("sessions/\(script)")
        let text = try String(contentsOf: scriptURL, encoding: .utf8)
        let harness = SessionHarness()
        let ok = ScriptRunner().run(text, name: "sessions/\(script)", in: harness.session)
        // The people folder is a fresh temporary one; written as the default
        // a student sees, so the transcript reads as a real session's.
        let transcript = Self.releaseEpochTimes(harness.printed)
            .replacingOccurrences(of: harness.peopleFolder.path, with: "~/.reclab/people")
        let expectedURL = TestData.repository
            .appendingPathComponent("Tests/RecLabShellTests/Transcripts")
            .appendingPathComponent(script.replacingOccurrences(of: ".reclab", with: ".txt"))
        if ProcessInfo.processInfo.environment["RECLAB_UPDATE_TRANSCRIPTS"] == "1" {
            try transcript.write(to: expectedURL, atomically: true, encoding: .utf8)
        }
        #expect(ok, "the replay failed:\n\(transcript.suffix(2000))")
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        if transcript != expected {
            let got = transcript.split(separator: "\n", omittingEmptySubsequences: false)
            let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(got, want).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(got.count, want.count)
            Issue.record("""
                \(script) differs from its transcript at line \(first + 1):
                expected: \(first < want.count ? String(want[first]) : "<end>")
                got:      \(first < got.count ? String(got[first]) : "<end>")
                """)
        }
    }
}
