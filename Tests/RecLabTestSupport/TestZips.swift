import Crypto
import Foundation
import ZIPFoundation

/// Zips built at test time, for the download tests: a MovieLens release
/// zipped from the shared data (never committed), and hand-made ones with
/// dangerous entries.
public enum TestZips {
    /// One entry of a hand-made zip: a file with its bytes, or a symbolic
    /// link to a path.
    public enum Entry: Sendable {
        case file(String, [UInt8])
        case link(String, to: String)
    }

    /// A fresh temporary folder.
    public static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("reclab-download-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes a zip of the files of `folder` under `prefix/` (as GroupLens
    /// zips hold `ml-latest-small/ratings.csv`) to `zip`; returns its bytes.
    @discardableResult
    public static func zip(folder: URL, as prefix: String, to zip: URL) throws -> [UInt8] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        var entries: [Entry] = [.file(prefix + "/", [])]
        for name in names {
            let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(name)))
            entries.append(.file(prefix + "/" + name, bytes))
        }
        return try self.zip(entries, to: zip)
    }

    /// Writes a zip of `entries` (paths written as given, `../evil` too)
    /// to `zip`; returns its bytes.
    @discardableResult
    public static func zip(_ entries: [Entry], to zip: URL) throws -> [UInt8] {
        try? FileManager.default.removeItem(at: zip)
        let archive = try Archive(url: zip, accessMode: .create)
        for entry in entries {
            switch entry {
            case .file(let path, let bytes):
                let isFolder = path.hasSuffix("/")
                try archive.addEntry(with: path, type: isFolder ? .directory : .file, uncompressedSize: Int64(bytes.count),
                                     compressionMethod: isFolder ? .none : .deflate) { position, size in
                    Data(bytes[Int(position)..<Int(position) + size])
                }
            case .link(let path, let target):
                let bytes = Array(target.utf8)
                try archive.addEntry(with: path, type: .symlink, uncompressedSize: Int64(bytes.count)) { position, size in
                    Data(bytes[Int(position)..<Int(position) + size])
                }
            }
        }
        return try [UInt8](Data(contentsOf: zip))
    }

    /// The entry paths of the zip at `zip`, as stored.
    public static func paths(in zip: URL) throws -> [String] {
        try Archive(url: zip, accessMode: .read).map(\.path)
    }

    /// The MD5 of `bytes`, as lowercase hex.
    public static func md5(_ bytes: [UInt8]) -> String {
        Insecure.MD5.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    /// The SHA-256 of `bytes`, as lowercase hex.
    public static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    /// Every file and folder under `folder`, as paths relative to it, sorted.
    public static func contents(of folder: URL) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        return walker.compactMap { $0 as? String }.sorted()
    }
}
