import Foundation

/// The kernel spec Jupyter finds reclab by: `kernels/reclab/kernel.json`
/// (how to start this binary as a kernel) and its logo, under a
/// `share/jupyter` folder of the user's, the Python environment's, or a
/// prefix given.
public enum KernelSpec {
    /// reclab's version, as the kernel reports it.
    public static let version = "0.1.0"

    /// Where to install: the folders `jupyter kernelspec install` knows.
    public enum Location: Sendable, Equatable {
        /// `$JUPYTER_DATA_DIR`, else `~/.local/share/jupyter`.
        case user
        /// The Python environment Jupyter runs in (`$VIRTUAL_ENV`,
        /// `$CONDA_PREFIX`, else `python3`'s `sys.prefix`).
        case sysPrefix
        /// `PREFIX/share/jupyter`.
        case prefix(String)
    }

    /// The `kernel.json` that starts `executable` as a kernel; `arguments`
    /// are added after the connection file (`--data DIR`, `--workspace DIR`).
    public static func json(executable: String, arguments: [String] = []) -> Data {
        let spec: [String: Any] = [
            "argv": [executable, "kernel", "-f", "{connection_file}"] + arguments,
            "display_name": "reclab",
            "language": "reclab",
            // Ctrl-C's own path: SIGINT stops a cell as it does at the terminal.
            "interrupt_mode": "signal",
            "metadata": ["debugger": false],
        ]
        return (try? JSONSerialization.data(withJSONObject: spec, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }

    /// The folder `kernels/reclab` goes into for `location`.
    public static func dataFolder(_ location: Location, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        switch location {
        case .user:
            if let dir = environment["JUPYTER_DATA_DIR"], !dir.isEmpty { return dir }
            return (environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()) + "/.local/share/jupyter"
        case .prefix(let prefix):
            return prefix + "/share/jupyter"
        case .sysPrefix:
            for name in ["VIRTUAL_ENV", "CONDA_PREFIX"] {
                if let dir = environment[name], !dir.isEmpty { return dir + "/share/jupyter" }
            }
            guard let prefix = pythonPrefix() else {
                throw KernelError("--sys-prefix: no Python environment found (no $VIRTUAL_ENV or $CONDA_PREFIX, and python3 did not answer)")
            }
            return prefix + "/share/jupyter"
        }
    }

    /// Writes the spec for `executable` into `location`; returns the
    /// folder written.
    ///
    /// - Throws: ``KernelError`` when the folder cannot be made or written.
    @discardableResult
    public static func install(executable: String, arguments: [String] = [], at location: Location) throws -> String {
        let folder = try dataFolder(location) + "/kernels/reclab"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try json(executable: executable, arguments: arguments).write(to: URL(fileURLWithPath: folder + "/kernel.json"), options: .atomic)
            try Data(logoSVG.utf8).write(to: URL(fileURLWithPath: folder + "/logo-svg.svg"), options: .atomic)
        } catch {
            throw KernelError("cannot write the kernel spec in \(folder): \(error.localizedDescription)")
        }
        return folder
    }

    /// The running binary's absolute path, for `argv`.
    public static var executablePath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? URL(fileURLWithPath: CommandLine.arguments.first ?? "reclab").standardizedFileURL.path
    }

    /// `sys.prefix` of `python3`, if it runs.
    private static func pythonPrefix() -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sys; print(sys.prefix)"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        process.waitUntilExit()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return process.terminationStatus == 0 && !text.isEmpty ? text : nil
    }

    /// The launcher's logo: a rating grid with one cell filled in.
    static let logoSVG = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">
          <rect width="64" height="64" rx="12" fill="#0969da"/>
          <g fill="#ffffff" opacity="0.35">
            <rect x="10" y="10" width="12" height="12" rx="2"/><rect x="26" y="10" width="12" height="12" rx="2"/>
            <rect x="10" y="26" width="12" height="12" rx="2"/><rect x="42" y="26" width="12" height="12" rx="2"/>
            <rect x="26" y="42" width="12" height="12" rx="2"/><rect x="42" y="42" width="12" height="12" rx="2"/>
          </g>
          <rect x="42" y="10" width="12" height="12" rx="2" fill="#ffd33d"/>
          <rect x="26" y="26" width="12" height="12" rx="2" fill="#ffffff"/>
          <rect x="10" y="42" width="12" height="12" rx="2" fill="#ffffff"/>
        </svg>
        """
}
