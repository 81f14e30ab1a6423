import Foundation

/// Where `load movielens` downloads a release it cannot find, and where it
/// keeps what it downloaded.
public struct MovieLensSource: Sendable {
    /// GroupLens's folder of MovieLens zips.
    public static let groupLensURL = URL(string: "https://files.grouplens.org/datasets/movielens")!

    /// The folder the zips are served from (GroupLens's, or a mirror
    /// serving the same files: `$RECLAB_MOVIELENS_URL`).
    public var baseURL: URL
    /// The checksum each zip must have, by zip file name (`ml-1m.zip`);
    /// a zip missing from it is checked against the `.md5` served beside it.
    public var checksums: [String: ZipChecksum]
    /// The folder downloaded releases are unzipped into (and looked for in);
    /// downloaded ``LabFile``s are kept there too.
    public var cache: URL
    /// A folder serving the ``LabFile``s in place of their own URLs
    /// (`$RECLAB_LAB_FILES_URL`), or `nil`.
    public var labFilesURL: URL?

    /// A source serving from `baseURL`, checked against `checksums`, keeping
    /// releases in `cache`.
    public init(baseURL: URL = MovieLensSource.groupLensURL,
                checksums: [String: ZipChecksum] = MovieLensChecksums.published, cache: URL) {
        self.baseURL = baseURL
        self.checksums = checksums
        self.cache = cache
    }

    /// The zip of `release` (`BASE/ml-10m.zip`).
    public func zipURL(for release: MovieLensRelease) -> URL {
        baseURL.appendingPathComponent(release.zipName + ".zip")
    }

    /// The `.md5` file served beside the zip.
    func md5URL(for release: MovieLensRelease) -> URL {
        baseURL.appendingPathComponent(release.zipName + ".zip.md5")
    }

    /// `base` as a base URL for zips, if it is an `http(s)://` URL.
    public static func baseURL(parsing base: String) -> URL? {
        guard let url = URL(string: base), let scheme = url.scheme?.lowercased(),
              scheme == "http" || scheme == "https", url.host?.isEmpty == false else { return nil }
        return url
    }
}
