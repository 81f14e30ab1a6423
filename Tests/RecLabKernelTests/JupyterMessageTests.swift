import Foundation
import Testing
@testable import RecLabKernel

/// The wire form: identities, delimiter, signature, four JSON parts, buffers.
@Suite struct JupyterMessageTests {
    let signer = MessageSigner(key: "k")

    @Test func framesRoundTripWithIdentitiesAndParent() throws {
        var request = JupyterMessage(type: "execute_request", content: ["code": "help"], parent: nil, session: "s")
        request.identities = [Data("client-1".utf8)]
        let reply = JupyterMessage(type: "execute_reply", content: ["status": "ok"], parent: request, session: "k")
        let frames = reply.frames(signer: signer)
        #expect(frames[0] == Data("client-1".utf8))
        #expect(frames[1] == Data("<IDS|MSG>".utf8))
        let read = try JupyterMessage(frames: frames, signer: signer)
        #expect(read.type == "execute_reply")
        #expect(read.identities == [Data("client-1".utf8)])
        #expect(read.parentHeader["msg_id"] as? String == request.header["msg_id"] as? String)
        #expect(read.content["status"] as? String == "ok")
        #expect(read.header["version"] as? String == "5.3")
        let date = try #require(read.header["date"] as? String)
        #expect(date.hasSuffix("Z") && date.count == "2026-12-06T23:47:58.123456Z".count, "\(date)")
    }

    @Test func datesAreUTCWithMicroseconds() {
        #expect(JupyterMessage.timestamp(Date(timeIntervalSince1970: 1_765_065_600.5)) == "2025-12-07T00:00:00.500000Z")
        #expect(JupyterMessage.timestamp(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000000Z")
    }

    @Test func whatIsNotAMessageIsRefused() {
        let good = JupyterMessage(type: "status", content: [:], parent: nil, session: "s").frames(signer: signer)
        #expect(throws: KernelError.self) { try JupyterMessage(frames: Array(good.dropLast()), signer: signer) }
        #expect(throws: KernelError.self) { try JupyterMessage(frames: good.filter { $0 != Data("<IDS|MSG>".utf8) }, signer: signer) }
        var forged = good
        forged[forged.count - 1] = Data(#"{"evil":true}"#.utf8)
        #expect(throws: KernelError.self) { try JupyterMessage(frames: forged, signer: signer) }
        var notJSON = good
        notJSON[notJSON.count - 1] = Data("[1,2]".utf8)
        let resigned = [notJSON[0], Data(signer.signature(Array(notJSON[2...])).utf8)] + notJSON[2...]
        #expect(throws: KernelError.self) { try JupyterMessage(frames: resigned, signer: signer) }
    }

    @Test func connectionFilesAreReadAndCheckedOnce() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reclab-conn-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("c.json")
        try Data(#"{"transport":"tcp","ip":"127.0.0.1","shell_port":1,"iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5,"key":"k","signature_scheme":"hmac-sha256","kernel_name":"reclab"}"#.utf8).write(to: file)
        let info = try ConnectionInfo.read(file.path)
        #expect(info.endpoint(info.iopubPort) == "tcp://127.0.0.1:2")
        try Data(#"{"transport":"tcp"}"#.utf8).write(to: file)
        #expect(throws: KernelError.self) { try ConnectionInfo.read(file.path) }
        try Data(#"{"transport":"tcp","ip":"127.0.0.1","shell_port":1,"iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5,"key":"k","signature_scheme":"hmac-md5"}"#.utf8).write(to: file)
        #expect(throws: KernelError.self) { try ConnectionInfo.read(file.path) }
    }
}
