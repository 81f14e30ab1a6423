import ArgumentParser
import Foundation
import RecLabShell

/// The `reclab` command: an interactive shell, a script replayer, or a
/// one-off runner of `-c` commands.
@main
struct Reclab: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reclab",
        abstract: "Explore recommender systems one step at a time.",
        discussion: """
            With no FILE, reclab starts an interactive shell (or reads commands from \
            standard input when it is not a terminal). With FILEs, it replays them, \
            echoing each cell and its output; data files (.csv, .tsv, .dat, u.data) are \
            loaded as tables first, and with no script the shell starts with them. \
            A shell runs $XDG_CONFIG_HOME/reclab/init.reclab (or ~/.reclabrc) first. \
            Type 'help' in the shell for the verbs. 'reclab kernel install --user' makes \
            reclab a Jupyter kernel ('reclab kernel --help').
            """,
        version: "reclab 0.1.0"
    )

    /// `reclab kernel …` is the Jupyter kernel's own command (``KernelCommand``);
    /// anything else is a shell, a replay or `-c`.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "kernel" {
            KernelCommand.main(Array(arguments.dropFirst()))
        } else {
            main(arguments)
        }
    }

    @Argument(help: "Scripts (or Jupyter notebooks, .ipynb) to replay, in order; data files (.csv, .tsv, .dat, u.data) to open as tables.")
    var files: [String] = []

    @Option(name: .customShort("c"), help: "Commands to run, separated by ';' (repeat -c for more, run in order).")
    var commands: [String] = []

    @Option(help: "A folder where 'load movielens NAME' looks first (also $RECLAB_DATA).")
    var data: String?

    @Option(help: "The folder keeping people's ratings (also $RECLAB_WORKSPACE; default ~/.reclab; people go in its people/ folder).")
    var workspace: String?

    @Flag(help: "Go on after a failing cell of a script.")
    var keepGoing = false

    @Flag(name: .customLong("no-init"), help: "Start the shell without running the start-up file.")
    var noInit = false

    @Option(help: ArgumentHelp("Replay the scripts quietly and write them as a notebook: OUT.md (Markdown), OUT.html (one web page) or OUT.ipynb (Jupyter).", valueName: "OUT"))
    var export: String?

    mutating func run() throws {
        let configuration = SessionConfiguration(data: data, workspace: workspace)
        let session = Session(output: Terminal.write)
        session.errorOutput = Terminal.writeError
        session.terminalWidth = Terminal.outputIsTerminal ? Terminal.width : nil
        if Terminal.outputIsTerminal {
            // The bar is drawn only on a terminal, and erased before any output.
            let bar = ProgressBar()
            session.output = bar.write
            session.errorOutput = bar.writeError
            session.progress = bar.show
            session.pager = { text in
                bar.write("")  // erases a bar left on the line
                Pager.show(text)
            }
        }
        Interrupts.install(for: session)
        for warning in configuration.configure(session) { Terminal.writeError("warning: \(warning)\n") }

        // A shell starts when nothing else was asked for: then the start-up
        // file runs, then the data files open, before the first prompt.
        // Replays and -c read no start-up file, so they stay reproducible.
        let startsShell = commands.isEmpty && export == nil && scripts.isEmpty
        var startup: [(text: String, name: String)] = []
        if startsShell, !noInit, let initFile = StartupFiles.initFile() {
            do { startup.append((try ScriptFile.read(initFile, at: nil), initFile)) } catch {
                Terminal.writeError("warning: start-up file skipped: \(error)\n")
            }
        }
        startup += dataFiles.map { (StartupFiles.loadCell($0), $0) }
        if !startsShell {
            for (text, name) in startup where !ScriptRunner(echo: false).run(text, name: name, in: session) {
                throw ExitCode(1)
            }
        }

        if !commands.isEmpty {
            let text = commands.map(ScriptRunner.commands).joined(separator: "\n")
            let ok = ScriptRunner(keepGoing: keepGoing, echo: false).run(text, name: "-c", in: session)
            if !ok { throw ExitCode(1) }
            if scripts.isEmpty { return }
        }
        if let export {
            try replay(toNotebook: export, session: session)
            return
        }
        if !scripts.isEmpty {
            if !(try replayFiles(in: session, echo: true)) { throw ExitCode(1) }
            return
        }
        if Terminal.inputIsTerminal {
            Shell(session: session, startup: startup).run()
        } else {
            for (text, name) in startup { _ = ScriptRunner(keepGoing: true, echo: false).run(text, name: name, in: session) }
            // Each line runs as soon as it arrives, so a program feeding
            // reclab through a pipe sees each answer before sending more.
            let runner = ScriptRunner(keepGoing: true, echo: false)
            var ok = true
            var pending = ""
            var lineNumber = 0
            while let line = Swift.readLine() {
                lineNumber += 1
                if line.hasSuffix("\\") { pending += line + "\n"; continue }
                ok = runner.run(pending + line, name: "<stdin>", in: session, firstLine: lineNumber - pending.filter { $0 == "\n" }.count) && ok
                pending = ""
                if session.wantsToQuit { break }
            }
            if !pending.isEmpty { ok = runner.run(pending, name: "<stdin>", in: session) && ok }
            if !ok { throw ExitCode(1) }
        }
    }

    /// Replays the script files in order (stopping at the first failing
    /// one unless `--keep-going`); returns whether every cell succeeded.
    private func replayFiles(in session: Session, echo: Bool) throws -> Bool {
        var ok = true
        for file in scripts {
            let script: ReplayScript
            do { script = try ScriptFile.load(file, at: nil, allowingPipes: true) } catch {
                Terminal.writeError("reclab: \(error)\n")
                throw ExitCode(1)
            }
            ok = ScriptRunner(keepGoing: keepGoing, echo: echo).run(script, in: session) && ok
            if !ok && !keepGoing { break }
        }
        return ok
    }

    /// `--export OUT`: replays the scripts without echoing them, then
    /// writes the notebook (also when a cell failed: the notebook shows
    /// where, and the exit status says so).
    private func replay(toNotebook path: String, session: Session) throws {
        guard !scripts.isEmpty else {
            Terminal.writeError("reclab: --export needs a script to replay (reclab FILE --export \(path))\n")
            throw ExitCode(1)
        }
        do { try NotebookExport.checkPath(path) } catch {
            Terminal.writeError("reclab: --export: \(error.message)\n")
            throw ExitCode(1)
        }
        // Quiet: the notebook is the output (a bar would be left on the line).
        session.output = { _ in }
        session.progress = nil
        let ok = try replayFiles(in: session, echo: false)
        do {
            Terminal.write(try NotebookExport.write(session.notebook, to: path, at: nil) + "\n")
        } catch {
            Terminal.writeError("reclab: --export: \(error.message)\n")
            throw ExitCode(1)
        }
        if !ok { throw ExitCode(1) }
    }

    /// The files that are data to open as tables.
    private var dataFiles: [String] { files.filter(StartupFiles.isDataFile) }

    /// The files that are scripts to replay.
    private var scripts: [String] { files.filter { !StartupFiles.isDataFile($0) } }
}
