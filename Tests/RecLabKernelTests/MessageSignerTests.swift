import Foundation
import Testing
@testable import RecLabKernel

/// HMAC-SHA256 signing as Jupyter does it, checked against Python's `hmac`.
@Suite struct MessageSignerTests {
    let parts = [Data(#"{"a":1}"#.utf8), Data("{}".utf8), Data("{}".utf8), Data(#"{"b":"x"}"#.utf8)]

    @Test func signsTheFourPartsAsPythonsHmacDoes() {
        // python3 -c "import hmac,hashlib; print(hmac.new(b'secret', b'{\"a\":1}{}{}{\"b\":\"x\"}', hashlib.sha256).hexdigest())"
        let expected = "6cdacbf592ac7592d73996afad1502159f784918d380e40299fdd725ecd563e1"
        #expect(MessageSigner(key: "secret").signature(parts) == expected)
        #expect(MessageSigner(key: "secret").isValid(Data(expected.utf8), for: parts))
    }

    @Test func aChangedPartOrKeyFailsTheCheck() {
        let signature = Data(MessageSigner(key: "secret").signature(parts).utf8)
        var changed = parts
        changed[3] = Data(#"{"b":"y"}"#.utf8)
        #expect(!MessageSigner(key: "secret").isValid(signature, for: changed))
        #expect(!MessageSigner(key: "other").isValid(signature, for: parts))
        #expect(!MessageSigner(key: "secret").isValid(Data(signature.dropLast()), for: parts))
    }

    @Test func anEmptyKeySignsNothingAndAcceptsAnything() {
        #expect(MessageSigner(key: "").signature(parts) == "")
        #expect(MessageSigner(key: "").isValid(Data("junk".utf8), for: parts))
    }
}
