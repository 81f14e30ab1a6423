import Foundation
import Testing

/// `scripts/system-libraries.sh`, which `./reclab` and `./run-tests` run
/// before building: a missing C library is named with the one line that
/// installs it, before the compiler can fail on a missing header.
@Suite struct SystemLibrariesScriptTests {
    /// bash, found on `PATH` as the scripts' `#!/usr/bin/env bash` finds it.
    static var bash: URL? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent("bash") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Runs `body` in bash after sourcing the script; returns the exit
    /// status and what it wrote to standard error.
    func bash(_ body: String) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = try #require(Self.bash, "no bash on PATH")
        let script = TestData.repository.appendingPathComponent("scripts/system-libraries.sh").path
        // As strict as the scripts that source it.
        process.arguments = ["-c", "set -euo pipefail\nsource '\(script)'\n" + body]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func whatIsInstalledPassesSilently() throws {
        // stdio.h comes with any C toolchain, as Swift's own needs.
        let run = try bash("RECLAB_REQUIRED=(libc6-dev:stdio.h); reclab_require_system_libraries reclab")
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty, "\(run.stderr)")
    }

    @Test func aMissingLibraryIsNamedWithTheLineThatInstallsIt() throws {
        // Not root: nothing is installed, the line to run is shown.
        let run = try bash("""
            id() { echo 1000; }
            RECLAB_REQUIRED=(libc6-dev:stdio.h reclab-missing-dev:reclab/no-such-header.h other-missing-dev:no-such.h)
            reclab_require_system_libraries run-tests || exit $?
            """)
        #expect(run.status == 1)
        #expect(run.stderr == """
            run-tests: needs reclab-missing-dev other-missing-dev to build; run this once, then try again:
                sudo apt-get install -y reclab-missing-dev other-missing-dev

            """)
    }

    @Test func withoutSwiftItSaysWhereToGetIt() throws {
        let run = try bash("PATH=/nonexistent; reclab_require_system_libraries reclab || exit $?")
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("reclab: Swift is not installed (or not on PATH); install Swift 6 from https://www.swift.org/install/"))
    }

    @Test func theRequiredLibrariesAreThePackagesSystemLibraries() throws {
        // Every apt provider named in Package.swift is checked by the script.
        let manifest = try String(contentsOf: TestData.repository.appendingPathComponent("Package.swift"), encoding: .utf8)
        let providers = manifest.matches(of: #/\.apt\(\["([^"]+)"\]\)/#).map { String($0.output.1) }
        #expect(!providers.isEmpty)
        let run = try bash(#"printf '%s\n' "${RECLAB_REQUIRED[@]%%:*}" >&2"#)
        let checked = Set(run.stderr.split(separator: "\n").map(String.init))
        for provider in providers { #expect(checked.contains(provider), "\(provider) is not in scripts/system-libraries.sh") }
    }
}
