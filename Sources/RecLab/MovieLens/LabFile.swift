import Foundation

/// A data file that a lab script names by a relative path, and that reclab
/// fetches when no data folder has it, so the lab replays on a machine that
/// has only reclab: the Crash Course AI lab's two rating sheets.
///
/// Each is served by the lab's public repository (the folder the lab's
/// Colab notebook clones) and checked against the SHA-256 recorded in the
/// data README (`shared/data/README.md`, "crashcourse/").
public struct LabFile: Sendable, Equatable {
    /// The path scripts use, relative to a data folder
    /// (`crashcourse/jabril-movie-ratings.csv`); also where it is kept in the cache.
    public var path: String
    /// Where it is downloaded from.
    public var url: URL
    /// The digest the file must have.
    public var checksum: ZipChecksum

    /// The lab's repository, whose `master` branch serves the sheets.
    static let crashCourseURL = URL(string: "https://raw.githubusercontent.com/crash-course-ai/lab4-recommender-systems/master")!

    /// Every file reclab knows how to fetch.
    public static let known: [LabFile] = [
        LabFile(path: "crashcourse/jabril-movie-ratings.csv",
                url: crashCourseURL.appendingPathComponent("jabril-movie-ratings.csv"),
                checksum: .sha256("b0cca11d1bd4f0458e7ecf1a593b1b1eb3ac3b7628dddcdf91e5d64641cdccf1")),
        LabFile(path: "crashcourse/jgb-movie-ratings.csv",
                url: crashCourseURL.appendingPathComponent("jgb-movie-ratings.csv"),
                checksum: .sha256("fae742bf1ae88c09455ad6e4d8131452392dd3742f9b24e5467b47bde26110ab")),
    ]

    /// The known file a typed path names (`crashcourse/jgb-movie-ratings.csv`,
    /// also written `./crashcourse/…`), or `nil`.
    public static func named(_ path: String) -> LabFile? {
        let normalized = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
        return known.first { $0.path == normalized }
    }

    /// The file's name (`jabril-movie-ratings.csv`).
    public var fileName: String { (path as NSString).lastPathComponent }

    /// Where this file is served: its own URL, or `mirror/NAME` when a
    /// mirror folder is given (`$RECLAB_LAB_FILES_URL`, and tests).
    public func url(mirror: URL?) -> URL {
        mirror.map { $0.appendingPathComponent(fileName) } ?? url
    }
}

/// A lab file downloaded, checked and put in the cache.
public struct LabFileDownload: Sendable, Equatable {
    /// Where the file now is.
    public var file: URL
    /// Where it came from.
    public var url: URL
    /// Its size.
    public var bytes: Int64
}
