import Foundation

// Each area of the engine contributes its phases from its own file.
let allPhases: [Phase] = LoadBenchmarks.phases + TableBenchmarks.phases + SessionBenchmarks.phases + ModelBenchmarks.phases
    + ItemKNNBenchmarks.phases + MFBenchmarks.phases + CheckpointBenchmarks.phases
    + MovieSpaceBenchmarks.phases + LowRankBenchmarks.phases + EvaluationBenchmarks.phases
    + NotebookBenchmarks.phases + ChartBenchmarks.phases

let arguments = Array(CommandLine.arguments.dropFirst())
@MainActor func option(_ name: String) -> String? {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
    return arguments[i + 1]
}
let onlyPhase = option("--phase")
let onlySize = option("--size")
let repeats = Int(option("--repeats") ?? "5") ?? 5

print("phase                        size   time (median of \(repeats), min – max), peak RSS of the process")
for phase in allPhases {
    if let onlyPhase, phase.name != onlyPhase { continue }
    if let onlySize, phase.size != onlySize { continue }
    measure(phase, repeats: repeats)
}
