import Crypto
import Foundation

/// Signs and checks messages with HMAC-SHA256 over their four JSON parts
/// (header, parent header, metadata, content), as the Jupyter messaging
/// protocol asks. With an empty key, messages carry an empty signature and
/// any signature is accepted.
public struct MessageSigner: Sendable {
    /// The key's bytes (Crypto's `SymmetricKey` is not `Sendable`).
    private let key: Data?

    /// A signer with `key` (the connection file's `key`).
    public init(key: String) {
        self.key = key.isEmpty ? nil : Data(key.utf8)
    }

    /// The lowercase hex signature of `parts`.
    public func signature(_ parts: [Data]) -> String {
        guard let key else { return "" }
        var hmac = HMAC<SHA256>(key: SymmetricKey(data: key))
        for part in parts { hmac.update(data: part) }
        return hmac.finalize().map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// Whether `signature` signs `parts`; compared in constant time, so a
    /// forger learns nothing from how long the check took.
    public func isValid(_ signature: Data, for parts: [Data]) -> Bool {
        guard key != nil else { return true }
        let expected = Array(self.signature(parts).utf8)
        let given = Array(signature)
        guard expected.count == given.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(expected, given) { difference |= a ^ b }
        return difference == 0
    }
}
