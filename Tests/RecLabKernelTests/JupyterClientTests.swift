import Foundation
import Testing

/// The kernel driven by real Jupyter clients (`Jupyter/test_kernel.py`):
/// jupyter_kernel_test's conformance suite, an interrupt of `train mf`,
/// and every `sessions/*.reclab` run as a notebook by nbclient and
/// compared with its transcript.
///
/// Needs a Python with jupyter_client, jupyter_kernel_test, nbformat and
/// nbclient, named by `$RECLAB_JUPYTER_PYTHON` (`.ci/run` makes one); the
/// suite is left out, and says so, without it.
@Suite struct JupyterClientTests {
    static let python = ProcessInfo.processInfo.environment["RECLAB_JUPYTER_PYTHON"].flatMap { $0.isEmpty ? nil : $0 }
    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    @Test(.enabled(if: python != nil, "set RECLAB_JUPYTER_PYTHON to a Python with jupyter_client, jupyter_kernel_test, nbformat and nbclient"),
          .timeLimit(.minutes(20)))
    func realJupyterClientsRunTheKernel() throws {
        let python = try #require(Self.python)
        let binary = Self.repository.appendingPathComponent(".build/debug/reclab")
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build first: swift build")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("reclab-jupyter-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }

        // The kernel spec, as a user installs it, into a prefix of the test's own.
        let install = try run(binary.path, ["kernel", "install", "--prefix", scratch.appendingPathComponent("prefix").path,
                                            "--data", KernelHarness.dataFolder.path], in: scratch)
        #expect(install.status == 0, "\(install.output)")
        let spec = try Data(contentsOf: scratch.appendingPathComponent("prefix/share/jupyter/kernels/reclab/kernel.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: spec) as? [String: Any])
        #expect((json["argv"] as? [String])?.prefix(4) == [binary.resolvingSymlinksInPath().path, "kernel", "-f", "{connection_file}"])

        var environment = ProcessInfo.processInfo.environment
        environment["JUPYTER_PATH"] = scratch.appendingPathComponent("prefix/share/jupyter").path
        environment["RECLAB_WORKSPACE"] = scratch.appendingPathComponent("workspace").path
        environment["RECLAB_REPOSITORY"] = Self.repository.path
        environment["RECLAB_BINARY"] = binary.path
        environment["RECLAB_TEST_DATA"] = KernelHarness.dataFolder.path
        let result = try run(python, ["-m", "unittest", "-v", "test_kernel"],
                             in: Self.repository.appendingPathComponent("Tests/RecLabKernelTests/Jupyter"), environment: environment)
        print(result.output.split(separator: "\n").filter { $0.contains("cells in") }.joined(separator: "\n"))
        #expect(result.status == 0, "\(result.output.split(separator: "\n").filter { !$0.hasSuffix("... ok") }.joined(separator: "\n").suffix(6000))")
        #expect(result.output.contains("OK"), "\(result.output.suffix(2000))")
    }

    /// Runs `program` with `arguments` in `folder`; its exit status and output (both streams).
    private func run(_ program: String, _ arguments: [String], in folder: URL,
                     environment: [String: String]? = nil) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        if let environment { process.environment = environment }
        let log = folder.appendingPathComponent("output-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: log)
        return (process.terminationStatus, output)
    }
}
