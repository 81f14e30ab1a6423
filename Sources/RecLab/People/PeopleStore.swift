import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// People kept on disk: one append-only file per person in a folder
/// (`~/.reclab/people/` by default).
///
/// Every change is appended and flushed to disk (`fsync`) before the call
/// returns, so a crash or Ctrl-C right after `rate` loses nothing; a file
/// reclab cannot read whole (``Person/damage``) is never written to.
public struct PeopleStore: Sendable {
    /// The folder holding `NAME.person` files.
    public let folder: URL

    /// A store in `folder` (created when first written to).
    public init(folder: URL) { self.folder = folder }

    /// The file of the person called `name`.
    public func file(for name: String) -> URL { folder.appendingPathComponent("\(name).person") }

    /// Reads every person in the folder. Unreadable lines are reported as
    /// warnings; a file that is not text or not a regular file makes a
    /// ``Person/damage``d person (listed, never written to), and the other
    /// people still load.
    public func loadAll() -> (people: [Person], warnings: [String]) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return ([], []) }
        var people: [Person] = []
        var warnings: [String] = []
        for entry in names.sorted() where entry.hasSuffix(".person") {
            let name = String(entry.dropLast(".person".count))
            let url = folder.appendingPathComponent(entry)
            guard Person.isValidName(name) else {
                warnings.append("\(url.path): not a valid person name; file ignored")
                continue
            }
            do throws(RecLabError) {
                let (person, problems) = PersonFile.replay(try PersonFileAccess.read(url.path) ?? [], name: name, file: url.path)
                people.append(person)
                warnings += problems
            } catch {
                var person = Person(name: name)
                person.damage = error.description
                people.append(person)
                warnings.append(error.description + "; nothing is read from or written to it")
            }
        }
        return (people, warnings)
    }

    /// Appends a rating to `name`'s file, durably.
    public func appendRating(_ name: String, movie: Int64, rating: Double) throws(RecLabError) {
        try append(PersonFile.rateLine(movie, rating), to: name)
    }

    /// Appends a movie skipped in the rating walk to `name`'s file, durably.
    public func appendSkip(_ name: String, movie: Int64) throws(RecLabError) {
        try append(PersonFile.skipLine(movie), to: name)
    }

    /// Appends a removed rating to `name`'s file, durably.
    public func appendUnrating(_ name: String, movie: Int64) throws(RecLabError) {
        try append(PersonFile.unrateLine(movie), to: name)
    }

    /// Writes `person`'s whole file anew (for a blend or an import) with
    /// ``AtomicFile``, so either the old or the new file is there after a
    /// crash. What is at the path now must be a sound person file or nothing.
    public func write(_ person: Person) throws(RecLabError) {
        var text = PersonFile.header + "\n"
        if !person.blendOf.isEmpty { text += PersonFile.blendPrefix + person.blendOf.joined(separator: " ") + "\n" }
        for (movie, rating) in person.sortedRatings { text += PersonFile.rateLine(movie, rating) }
        for movie in person.skipped.sorted() { text += PersonFile.skipLine(movie) }
        let path = file(for: person.name).path
        try createFolder()
        // What is there must be a file reclab may replace (AtomicFile's
        // refusals), and a sound person file: a damaged one may still hold
        // ratings someone wants to recover, so it is never written over.
        try AtomicFile.checkTarget(path)
        do throws(RecLabError) {
            if let old = try PersonFileAccess.read(path), let damage = PersonFile.damage(in: old, file: path) { throw damage }
        } catch {
            throw Self.refusal(error)
        }
        try AtomicFile.write(Array(text.utf8), to: path)
    }

    /// Appends `line` in one `write` and flushes it to disk, starting a new
    /// line first when the file's last one lost its newline; a new file
    /// gets the header first.
    private func append(_ line: String, to name: String) throws(RecLabError) {
        try createFolder()
        let path = file(for: name).path
        let opened: PersonFileAccess.Opened
        do throws(RecLabError) {
            opened = try PersonFileAccess.openForAppending(path)
        } catch {
            throw Self.refusal(error)
        }
        defer { close(opened.descriptor) }
        if let damage = PersonFile.damage(in: opened.bytes, file: path) { throw Self.refusal(damage) }
        let start = opened.bytes.isEmpty ? PersonFile.header + "\n" : opened.bytes.last == 0x0A ? "" : "\n"
        try writeDurably(start + line, to: opened.descriptor, path: path)
        // A new file's name is on disk only once its folder is flushed too.
        if opened.bytes.isEmpty { try syncFolder() }
    }

    /// `error` said when refusing a write: nothing was written.
    private static func refusal(_ error: RecLabError) -> RecLabError {
        var error = error
        if error.message.contains("nothing written") { return error }  // the write seam's refusals say so already
        error.message += error.line == nil ? "; nothing written" : " in this person file; nothing written (repair or remove the file)"
        return error
    }

    private func createFolder() throws(RecLabError) {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw RecLabError("cannot create the people folder \(folder.path)")
        }
    }

    private func syncFolder() throws(RecLabError) {
        let fd = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw RecLabError("cannot open the people folder \(folder.path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw RecLabError("cannot flush the people folder \(folder.path) to disk: \(String(cString: strerror(errno)))") }
    }

    private func writeDurably(_ text: String, to fd: Int32, path: String) throws(RecLabError) {
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw RecLabError("cannot write \(path): \(String(cString: strerror(errno)))")
            }
            written += n
        }
        guard fsync(fd) == 0 else { throw RecLabError("cannot flush \(path) to disk: \(String(cString: strerror(errno)))") }
    }
}
