import Foundation

/// A model kind that can be saved in a ``Checkpoint`` and loaded back.
///
/// Adding a kind: conform it (its own `+Checkpoint.swift` file) and list it
/// in ``Checkpoint/kinds``.
public protocol CheckpointableModel: Recommender {
    /// About how many bytes ``encode(into:)`` writes (to reserve them once).
    var checkpointSize: Int { get }
    /// Writes everything needed to recommend with the model and to train
    /// it further exactly as if it had never been saved: what it learned,
    /// or, for a kind that trains again to the same bits in moments, only
    /// its settings and ratings (each kind's doc says which, and why).
    /// Ratings go through ``CheckpointWriter/write(_:)-(RatingMatrix)``.
    func encode(into writer: inout CheckpointWriter)
    /// Reads a model written by ``encode(into:)``, checking that every
    /// part is consistent, and every count before it allocates anything
    /// (a damaged file behind a valid checksum is an error, never a crash).
    ///
    /// - Throws: ``RecLabError`` for a payload that does not make sense.
    static func decode(from reader: inout CheckpointReader, cancel: Cancellation) throws(RecLabError) -> Self
}

extension CheckpointableModel {
    /// The tag that names the kind in the file: its algorithm's name
    /// (`mf`), written once, on the kind (``Recommender/algorithm``).
    public static var checkpointKind: String { algorithm }
}

/// A saved model: a versioned, checksummed binary file (`save model`).
///
/// Every format version starts with the same 20 bytes and ends with the
/// same 4, so any version can be recognised and checked before it is read:
///
/// ```
/// 0   8   magic: 0x89 "RECLAB" 0x0A (the high byte and the newline catch
///         files mangled as text)
/// 8   4   format version (UInt32, little-endian)
/// 12  8   the file's total length in bytes (UInt64)
/// 20  …   version 1: kind (string), info (UInt32 count, string pairs),
///         named users (UInt32 count, string + Int64 each), payload
///         (UInt64 length, the kind's bytes)
/// −4  4   CRC-32 of every byte before it
/// ```
///
/// Strings are a UInt32 byte count and UTF-8. Files are written beside
/// the target and renamed into place, so a failed save leaves any earlier
/// file whole.
public struct Checkpoint: Sendable {
    /// The model.
    public var model: any CheckpointableModel
    /// Free-form facts the caller keeps with the model (the shell: its
    /// name and the table it was trained on).
    public var info: [String: String]
    /// Users of the model's training data that stand for someone with a
    /// name (the shell's people trained as users), by name.
    public var namedUsers: [String: Int64]

    /// A checkpoint of `model`.
    public init(model: any CheckpointableModel, info: [String: String] = [:], namedUsers: [String: Int64] = [:]) {
        self.model = model
        self.info = info
        self.namedUsers = namedUsers
    }

    /// The first eight bytes of every model file.
    public static let magic: [UInt8] = [0x89] + Array("RECLAB".utf8) + [0x0A]
    /// The format version this build writes and reads.
    public static let formatVersion: UInt32 = 1
    /// Bytes before the body: magic, version, length.
    static let headerSize = 20
    /// The model kinds files may hold.
    public static let kinds: [any CheckpointableModel.Type] = [
        MatrixFactorization.self, LowRank.self, ALSModel.self, BiasModel.self, PopularModel.self, UserKNN.self, ItemKNN.self,
        ImplicitMF.self, BPRModel.self, EASE.self,
    ]

    /// The file's bytes.
    ///
    /// - Complexity: O(size of the model).
    public func encoded() -> [UInt8] {
        var writer = CheckpointWriter(capacity: model.checkpointSize + 4096)
        writer.write(contentsOf: Self.magic)
        writer.write(Self.formatVersion)
        writer.write(UInt64(0))  // the total length, filled in below
        writer.write(type(of: model).checkpointKind)
        writer.write(UInt32(info.count))
        for (key, value) in info.sorted(by: { $0.key < $1.key }) {
            writer.write(key)
            writer.write(value)
        }
        writer.write(UInt32(namedUsers.count))
        for (name, user) in namedUsers.sorted(by: { $0.key < $1.key }) {
            writer.write(name)
            writer.write(user)
        }
        // The payload is written in place; its length and the file's are
        // filled in once known.
        let lengthAt = writer.bytes.count
        writer.write(UInt64(0))
        model.encode(into: &writer)
        writer.patch(UInt64(writer.bytes.count - lengthAt - 8), at: lengthAt)
        writer.patch(UInt64(writer.bytes.count + 4), at: 12)
        writer.appendChecksum()
        return writer.bytes
    }

    /// Reads a checkpoint from a file's bytes; `file` names it in errors.
    ///
    /// - Throws: ``RecLabError`` (one line) for a foreign file, a truncated
    ///   one, another format version, a checksum mismatch, an unknown
    ///   kind, or a body that does not make sense.
    /// - Complexity: O(size of the file), plus what the kind's decoder does.
    public static func decode(_ bytes: UnsafeRawBufferPointer, file: String? = nil,
                              cancel: Cancellation = .never) throws(RecLabError) -> Checkpoint {
        func fail(_ message: String) -> RecLabError { RecLabError(message, file: file) }
        let size = bytes.count
        let magicFound = Array(bytes.prefix(magic.count))
        guard magicFound == Array(magic.prefix(magicFound.count)) else {
            throw fail("not a reclab model file")
        }
        guard size >= headerSize + 4 else {
            throw fail("the file is truncated (\(size) bytes; a model file has at least \(headerSize + 4))")
        }
        var header = CheckpointReader(bytes, range: magic.count ..< headerSize)
        let version = try header.read(UInt32.self)
        let total = try header.read(UInt64.self)
        if total > UInt64(size) {
            throw fail("the file is truncated (\(size) of \(total) bytes)")
        }
        guard total == UInt64(size) else {
            throw fail("the file is damaged (\(size) bytes where its header says \(total))")
        }
        let stored = UInt32(littleEndianBytes: bytes, at: size - 4)
        guard CRC32.checksum(UnsafeRawBufferPointer(rebasing: bytes[0 ..< size - 4])) == stored else {
            throw fail("the file is damaged (checksum mismatch)")
        }
        guard version == formatVersion else {
            throw fail("model file format version \(version); this reclab reads version \(formatVersion)"
                       + (version > formatVersion ? " (the file is from a newer reclab)" : ""))
        }
        do throws(RecLabError) {
            return try decodeBody(bytes, size: size, cancel: cancel)
        } catch where error.isCancellation {
            throw error
        } catch {
            throw RecLabError(error.message, file: file)
        }
    }

    /// The body of a version 1 file, after the header and checksum passed.
    private static func decodeBody(_ bytes: UnsafeRawBufferPointer, size: Int,
                                   cancel: Cancellation) throws(RecLabError) -> Checkpoint {
        var reader = CheckpointReader(bytes, range: headerSize ..< size - 4)
        let kind = try reader.readString("the model kind")
        var info: [String: String] = [:]
        let infoCount = Int(try reader.read(UInt32.self, "the info count"))
        for _ in 0 ..< infoCount {
            let key = try reader.readString("an info key")
            info[key] = try reader.readString("an info value")
        }
        var namedUsers: [String: Int64] = [:]
        let namedCount = Int(try reader.read(UInt32.self, "the named user count"))
        for _ in 0 ..< namedCount {
            let name = try reader.readString("a user's name")
            namedUsers[name] = try reader.read(Int64.self, "a named user's id")
        }
        let length = try reader.read(UInt64.self, "the payload length")
        guard length == UInt64(reader.remaining) else {
            throw CheckpointReader.damaged("a payload of \(length) bytes in \(reader.remaining)")
        }
        guard let type = kinds.first(where: { $0.checkpointKind == kind }) else {
            throw RecLabError("the file holds a '\(kind)' model, which this reclab cannot load (it loads: "
                              + kinds.map { $0.checkpointKind }.joined(separator: ", ") + ")")
        }
        var payload = CheckpointReader(bytes, range: reader.position ..< size - 4)
        let model = try decodeModel(type, from: &payload, cancel: cancel)
        guard payload.remaining == 0 else {
            throw CheckpointReader.damaged("\(payload.remaining) bytes left after the model")
        }
        for (name, user) in namedUsers where model.matrix.userIndex(of: user) == nil {
            throw CheckpointReader.damaged("\(name) is user \(user), who is not in the model")
        }
        return Checkpoint(model: model, info: info, namedUsers: namedUsers)
    }

    /// Opens the existential kind so its static decoder can be called.
    private static func decodeModel<Kind: CheckpointableModel>(
        _ kind: Kind.Type, from reader: inout CheckpointReader, cancel: Cancellation
    ) throws(RecLabError) -> any CheckpointableModel {
        try kind.decode(from: &reader, cancel: cancel)
    }

    /// Reads the checkpoint in the file at `path`.
    ///
    /// - Throws: ``RecLabError`` naming the file: missing, a directory,
    ///   empty, or any of ``decode(_:file:cancel:)``'s errors.
    /// - Complexity: O(size of the file).
    public static func read(from path: String, cancel: Cancellation = .never) throws(RecLabError) -> Checkpoint {
        let file: MappedFile
        do throws(RecLabError) {
            file = try MappedFile(path: path)
        } catch where error.message == "empty file" {
            throw RecLabError("empty file; not a reclab model", file: path)
        }
        return try withExtendedLifetime(file) { () throws(RecLabError) -> Checkpoint in
            try decode(UnsafeRawBufferPointer(file.bytes), file: path, cancel: cancel)
        }
    }

    /// Writes the checkpoint to `path` (beside it first, then renamed into
    /// place); returns the number of bytes written.
    ///
    /// - Throws: ``RecLabError`` naming the file when it cannot be written.
    /// - Complexity: O(size of the model).
    @discardableResult
    public func write(to path: String) throws(RecLabError) -> Int {
        let bytes = encoded()
        try AtomicFile.write(bytes, to: path)
        return bytes.count
    }
}
