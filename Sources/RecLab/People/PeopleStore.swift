import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// People kept on disk: one append-only file per person in a folder
/// (`~/.reclab/people/` by default).
///
/// Every change is appended and flushed to disk (`fsync`) before the call
/// returns, so a crash or Ctrl-C right after `rate` loses nothing.
public struct PeopleStore: Sendable {
    /// The folder holding `NAME.person` files.
    public let folder: URL

    /// A store in `folder` (created when first written to).
    public init(folder: URL) { self.folder = folder }

    /// The file of the person called `name`.
    public func file(for name: String) -> URL { folder.appendingPathComponent("\(name).person") }

    /// Reads every person in the folder. Unreadable lines and files are
    /// reported as warnings; the other people still load.
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
            guard let data = FileManager.default.contents(atPath: url.path),
                  let text = String(data: data, encoding: .utf8), !data.contains(0) else {
                warnings.append("\(url.path): not a person file (unreadable or binary); ignored")
                continue
            }
            let (person, problems) = PersonFile.replay(text, name: name, file: url.path)
            people.append(person)
            warnings += problems
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

    /// Writes `person`'s whole file anew (for a blend or an import), via a
    /// temporary file renamed over the old one, so either the old or the
    /// new file is there after a crash.
    public func write(_ person: Person) throws(RecLabError) {
        var text = PersonFile.header + "\n"
        if !person.blendOf.isEmpty { text += PersonFile.blendPrefix + person.blendOf.joined(separator: " ") + "\n" }
        for (movie, rating) in person.sortedRatings { text += PersonFile.rateLine(movie, rating) }
        for movie in person.skipped.sorted() { text += PersonFile.skipLine(movie) }
        let target = file(for: person.name)
        let temporary = folder.appendingPathComponent(".\(person.name).person.tmp")
        try createFolder()
        try writeDurably(text, to: temporary.path, append: false)
        guard rename(temporary.path, target.path) == 0 else {
            throw RecLabError("cannot write \(target.path): \(String(cString: strerror(errno)))")
        }
    }

    private func append(_ line: String, to name: String) throws(RecLabError) {
        try createFolder()
        let path = file(for: name).path
        let isNew = !FileManager.default.fileExists(atPath: path)
        try writeDurably((isNew ? PersonFile.header + "\n" : "") + line, to: path, append: true)
    }

    private func createFolder() throws(RecLabError) {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw RecLabError("cannot create the people folder \(folder.path)")
        }
    }

    private func writeDurably(_ text: String, to path: String, append: Bool) throws(RecLabError) {
        let fd = open(path, O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC), 0o644)
        guard fd >= 0 else { throw RecLabError("cannot write \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
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
