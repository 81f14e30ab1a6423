import ArgumentParser
import Foundation
import RecLabKernel
import RecLabShell

/// `reclab kernel -f CONNECTION_FILE` (what Jupyter starts) and
/// `reclab kernel install [--user | --sys-prefix | --prefix DIR]`.
struct KernelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reclab kernel",
        abstract: "Run reclab as a Jupyter kernel, or install its kernel spec.",
        discussion: """
            'reclab kernel install --user' once, then 'jupyter lab' (or Notebook, VS Code, \
            nbclient): new notebooks can pick the reclab kernel. Jupyter starts it as \
            'reclab kernel -f CONNECTION_FILE'. --data and --workspace given to install are \
            passed on to every kernel it starts.
            """
    )

    @Argument(help: "'install' to write the kernel spec; nothing to run a kernel.")
    var action: String?

    @Option(name: .customShort("f"), help: ArgumentHelp("The connection file Jupyter wrote (to run a kernel).", valueName: "connection-file"))
    var connectionFile: String?

    @Flag(help: "Install for this user ($JUPYTER_DATA_DIR or ~/.local/share/jupyter; the default).")
    var user = false

    @Flag(name: .customLong("sys-prefix"), help: "Install into the Python environment Jupyter runs in.")
    var sysPrefix = false

    @Option(help: "Install into PREFIX/share/jupyter.")
    var prefix: String?

    @Option(help: "A folder where 'load movielens NAME' looks first (also $RECLAB_DATA).")
    var data: String?

    @Option(help: "The folder keeping people's ratings (also $RECLAB_WORKSPACE; default ~/.reclab).")
    var workspace: String?

    func validate() throws {
        let locations = [user, sysPrefix, prefix != nil].filter { $0 }.count
        if locations > 1 { throw ValidationError("give one of --user, --sys-prefix and --prefix") }
        if let action, action != "install" { throw ValidationError("unknown action '\(action)'; did you mean 'install'?") }
        if action == nil && connectionFile == nil {
            throw ValidationError("Jupyter starts a kernel with -f CONNECTION_FILE; to install one, run 'reclab kernel install --user'")
        }
    }

    func run() throws {
        if action == "install" {
            let location: KernelSpec.Location = sysPrefix ? .sysPrefix : prefix.map { .prefix(UserPath.expand($0)) } ?? .user
            var passed: [String] = []
            if let data { passed += ["--data", URL(fileURLWithPath: UserPath.expand(data)).standardizedFileURL.path] }
            if let workspace { passed += ["--workspace", URL(fileURLWithPath: UserPath.expand(workspace)).standardizedFileURL.path] }
            do {
                let folder = try KernelSpec.install(executable: KernelSpec.executablePath, arguments: passed, at: location)
                print("installed the reclab kernel in \(folder)")
            } catch {
                Terminal.writeError("reclab kernel install: \(error)\n")
                throw ExitCode(1)
            }
            return
        }
        guard let connectionFile else { return }
        let kernel: Kernel
        do {
            let info = try ConnectionInfo.read(connectionFile)
            let configuration = SessionConfiguration(data: data, workspace: workspace)
            let session = Session(output: { _ in })
            for warning in configuration.configure(session) { Terminal.writeError("warning: \(warning)\n") }
            kernel = try Kernel(connection: info, session: session)
            Interrupts.install(for: session)
        } catch {
            Terminal.writeError("reclab kernel: \(error)\n")
            throw ExitCode(1)
        }
        kernel.run()
    }
}
