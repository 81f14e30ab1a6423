import Foundation
import Testing
@testable import RecLabKernel

/// Each message type, answered by a kernel in this process over real
/// ZeroMQ sockets. The cells run in one session, as in a notebook.
@Suite(.serialized) struct KernelProtocolTests {
    let h: KernelHarness

    init() throws { h = try KernelHarness() }

    @Test func kernelInfoNamesTheLanguage() throws {
        let reply = try h.request("kernel_info_request", [:])
        #expect(reply.type == "kernel_info_reply")
        #expect(reply.content["protocol_version"] as? String == "5.3")
        let language = try #require(reply.content["language_info"] as? [String: Any])
        #expect(language["name"] as? String == "reclab" && language["file_extension"] as? String == ".reclab")
    }

    @Test func textTablesAndPicturesComeAsTheirOwnKinds() throws {
        let (reply, outputs) = try h.execute("load movielens small\n# a note\nhead movies 2\nhist ratings rating")
        #expect(reply.content["status"] as? String == "ok")
        #expect(reply.content["execution_count"] as? Int == 1)
        #expect(outputs.first?.type == "execute_input")
        let streams = outputs.filter { $0.type == "stream" }.compactMap { $0.content["text"] as? String }.joined()
        #expect(streams.hasPrefix("ratings: 100,836 rows × 4 columns\n"), "\(streams)")
        let table = try #require(outputs.first { $0.type == "execute_result" })
        let data = try #require(table.content["data"] as? [String: Any])
        #expect((data["text/html"] as? String)?.contains("<td style=\"text-align: left\">Toy Story (1995)</td>") == true)
        #expect((data["text/plain"] as? String)?.contains("Toy Story (1995)") == true)
        let picture = try #require(outputs.first { $0.type == "display_data" })
        let svg = try #require((picture.content["data"] as? [String: Any])?["image/svg+xml"] as? String)
        #expect(svg.contains("<svg"))
        // Every output answers the request.
        #expect(outputs.allSatisfy { $0.parentHeader["msg_type"] as? String == "execute_request" })
        // The comment is the notebook's prose, as at the prompt.
        #expect(h.kernel.session.notebook.cells.contains { $0.command == nil })
    }

    @Test func anErrorStopsTheCellWithItsCaret() throws {
        let (reply, outputs) = try h.execute("head nosuch\nhelp")
        #expect(reply.content["status"] as? String == "error")
        #expect(reply.content["ename"] as? String == "error")
        #expect((reply.content["evalue"] as? String)?.hasPrefix("unknown table 'nosuch'") == true)
        let error = try #require(outputs.first { $0.type == "error" })
        #expect(error.content["traceback"] as? [String] == ["head nosuch", "     ^^^^^^", "error: \(reply.content["evalue"] as? String ?? "")"])
        // `help` after the error did not run.
        #expect(!outputs.contains { $0.type == "stream" })
    }

    @Test func completionUsesTheShellsCompleter() throws {
        _ = try h.execute("load movielens small")
        let reply = try h.request("complete_request", ["code": "x = 1\nhead mov", "cursor_pos": 14])
        #expect(reply.content["matches"] as? [String] == ["movies"])
        #expect(reply.content["cursor_start"] as? Int == 11 && reply.content["cursor_end"] as? Int == 14)
        let title = try h.request("complete_request", ["code": #"similar "Toy Story (19"#, "cursor_pos": 22])
        #expect((title.content["matches"] as? [String])?.first == #"Toy Story (1995)""#, "\(title.content)")
        #expect(title.content["cursor_start"] as? Int == 9)
    }

    @Test func isCompleteWaitsForAContinuationOrAClosingQuote() throws {
        for (code, status) in [("rate me \\", "incomplete"), (#"rate me "toy"#, "incomplete"), ("help", "complete"),
                               ("# a comment \\", "complete"), ("help \\\n  head", "complete")] {
            let reply = try h.request("is_complete_request", ["code": code])
            #expect(reply.content["status"] as? String == status, "\(code)")
        }
    }

    @Test func inspectShowsTheVerbsHelp() throws {
        let reply = try h.request("inspect_request", ["code": "stats ratings by movieId", "cursor_pos": 2, "detail_level": 0])
        #expect(reply.content["found"] as? Bool == true)
        let text = try #require((reply.content["data"] as? [String: Any])?["text/plain"] as? String)
        #expect(text.hasPrefix("stats: ") && text.contains("usage:"))
        let none = try h.request("inspect_request", ["code": "movieId", "cursor_pos": 3, "detail_level": 0])
        #expect(none.content["found"] as? Bool == false)
    }

    @Test func historyHasTheCellsRun() throws {
        _ = try h.execute("help head")
        _ = try h.execute("set rows 5")
        let reply = try h.request("history_request", ["hist_access_type": "tail", "n": 1, "output": false, "raw": true])
        let entries = try #require(reply.content["history"] as? [[Any]])
        #expect(entries.count == 1 && entries[0][1] as? Int == 2 && entries[0][2] as? String == "set rows 5")
        let search = try h.request("history_request", ["hist_access_type": "search", "pattern": "help*", "output": false, "raw": true])
        #expect((search.content["history"] as? [[Any]])?.count == 1)
    }

    @Test func aPickListAsksThroughStdin() throws {
        _ = try h.execute("load movielens small")
        var asked: [String] = []
        let (reply, outputs) = try h.execute("rate me hamlet 4", allowStdin: true) { prompt in
            asked.append(prompt)
            return "1"
        }
        #expect(reply.content["status"] as? String == "ok", "\(reply.content)")
        #expect(asked.count == 1 && asked[0].hasPrefix("which one?"))
        let text = outputs.filter { $0.type == "stream" }.compactMap { $0.content["text"] as? String }.joined()
        #expect(text.contains("Hamlet"), "\(text)")
        // Without stdin the front end is told how to say which.
        let (refused, _) = try h.execute("rate me hamlet 4")
        #expect(refused.content["status"] as? String == "error")
    }

    @Test func interruptStopsALongCellAndKeepsTheKernel() throws {
        _ = try h.execute("load movielens small")
        let control = h.control
        let harness = h
        Thread {
            Thread.sleep(forTimeInterval: 1.5)
            _ = try? harness.request("interrupt_request", [:], on: control)
        }.start()
        let started = Date()
        let (reply, _) = try h.execute("train mf epochs=500")
        #expect(Date().timeIntervalSince(started) < 60)
        #expect(reply.content["status"] as? String == "error")
        #expect((reply.content["evalue"] as? String)?.hasPrefix("cancelled (Ctrl-C)") == true, "\(reply.content)")
        let (after, _) = try h.execute("help head")
        #expect(after.content["status"] as? String == "ok")
    }

    @Test func shutdownIsAnswered() throws {
        let reply = try h.request("shutdown_request", ["restart": false], on: h.control)
        #expect(reply.type == "shutdown_reply" && reply.content["restart"] as? Bool == false)
    }
}
