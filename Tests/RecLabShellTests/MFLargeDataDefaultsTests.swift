import Testing
@testable import RecLabShell

/// `train mf` above two million ratings: bs and lr the user did not type
/// default to values that train at that size, and a line says so.
struct MFLargeDataDefaultsTests {
    func values(_ typed: [String: Double]) -> Algorithm.Values {
        var values = Algorithm.mf.defaults
        for (key, value) in typed { values.values[key] = value }
        values.given = Set(typed.keys)
        return values
    }

    @Test func smallDataKeepsFastAIsDefaults() {
        let (parameters, note) = Algorithm.mfParameters(values([:]), ratings: 100_836)
        #expect(parameters.batchSize == 64 && parameters.learningRate == 0.005)
        #expect(note == nil)
    }

    @Test func largeDataGetsBiggerBatches() {
        let (parameters, note) = Algorithm.mfParameters(values([:]), ratings: 17_700_000)
        #expect(parameters.batchSize == 1024 && parameters.learningRate == 0.01)
        #expect(note?.hasPrefix("bs=1024 lr=0.010 for 17,700,000 ratings (fast.ai's bs=64 lr=0.005") == true, "\(note ?? "")")
    }

    @Test func typedSettingsWin() {
        let (parameters, note) = Algorithm.mfParameters(values(["bs": 64]), ratings: 17_700_000)
        #expect(parameters.batchSize == 64 && parameters.learningRate == 0.01)
        #expect(note?.hasPrefix("lr=0.010 for") == true, "\(note ?? "")")
        let (both, none) = Algorithm.mfParameters(values(["bs": 256, "lr": 0.002]), ratings: 17_700_000)
        #expect(both.batchSize == 256 && both.learningRate == 0.002 && none == nil)
    }
}
