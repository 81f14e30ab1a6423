import Foundation

extension Verbs {
    /// `save TABLE PATH` / `save session PATH` / `save model MODEL PATH`.
    static let save = Verb(
        name: "save", group: .tables,
        summary: "write a table to a CSV file, the session's successful cells to a script, or a model to a file",
        forms: ["save TABLE PATH", "save TABLE -", "save session PATH", "save model MODEL PATH"],
        example: """
            save popular popular.csv
            save popular -                 # every row as CSV on standard output
            save session my-lab.reclab     # replay later with: reclab my-lab.reclab
            save model mf mf.model         # load it again with: load model mf.model
            save model knn knn.model       # any kind: mf, lowrank, als, bias, popular, userknn, itemknn
            """,
        notes: """
            save model writes one binary file (checksummed, written beside PATH and then renamed into
            place) with the model's settings, its training ratings, the people trained as its users,
            and what it learned: mf, lowrank and als keep their vectors (mf its optimiser's moments
            too), so fit goes on exactly as if the model had never been saved; bias, popular, userknn
            and itemknn keep only settings and ratings and train again, to the same numbers, on load.
            """,
        fills: ["MODEL": .models(where: { $0 is any CheckpointableModel })],
        gives: .text
    ) { call in
        let usage = "save TABLE PATH|- | save session PATH | save model MODEL PATH"
        // `save model X PATH`, unless a table called `model` is being saved.
        if call.arguments.peek?.isWord("model") == true,
           call.session.workspace.tables["model"] == nil || call.arguments.remaining.count > 2 {
            _ = call.arguments.next()
            return try ModelFiles.save(&call, usage: "save model MODEL PATH")
        }
        let first = try call.arguments.expectName("a table name, 'session' or 'model'", usage: usage)
        if first.isWord("session"), call.session.workspace.tables["session"] == nil || call.arguments.peekSecond == nil && call.input == nil {
            let path = try call.arguments.expectName("a file path", usage: usage)
            try call.arguments.expectEnd(usage: usage)
            call.skipRecording = true
            let cells = call.session.recordedCells
            let text = "# reclab session saved \(Date().formatted(.iso8601))\n" + cells.joined(separator: "\n") + "\n"
            try write(text, to: path)
            return .text("saved \(NumberFormatting.counted(cells.count, "cell")) to \(path.text)")
        }
        guard let table = call.session.workspace.table(first.text) else { throw call.session.unknownTable(first) }
        if let dash = call.arguments.peek, dash.kind != .string, dash.text == "-" {
            _ = call.arguments.next()
            try call.arguments.expectEnd(usage: usage)
            // To standard output, never by renaming over /dev/stdout; as
            // data, never wrapped.
            call.session.printsData = true
            var csv = String(decoding: CSVWriter.bytes(table), as: UTF8.self)
            if csv.hasSuffix("\n") { csv.removeLast() }
            return .text(csv)
        }
        let path = try call.arguments.expectName("a file path", usage: usage)
        try call.arguments.expectEnd(usage: usage)
        do throws(RecLabError) {
            try CSVWriter.write(table, to: UserPath.expand(path.text), cancel: call.session.cancellation)
        } catch {
            throw ShellError(error.description, at: path)
        }
        return .text("saved \(NumberFormatting.counted(table.rowCount, "row")) to \(path.text)")
    }

    private static func write(_ text: String, to path: Token) throws {
        do throws(RecLabError) {
            try AtomicFile.write(Array(text.utf8), to: UserPath.expand(path.text))
        } catch {
            throw ShellError(RecLabError(error.message, file: path.text).description, at: path)
        }
    }
}
