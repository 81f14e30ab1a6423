import Foundation

// Each area of the engine contributes its phases from its own file.
let allPhases: [Phase] = LoadBenchmarks.phases + TableBenchmarks.phases + SessionBenchmarks.phases + ModelBenchmarks.phases
    + ItemKNNBenchmarks.phases + MFBenchmarks.phases + CheckpointBenchmarks.phases
    + MovieSpaceBenchmarks.phases + LowRankBenchmarks.phases + EvaluationBenchmarks.phases
    + NotebookBenchmarks.phases + ChartBenchmarks.phases

guard let options = BenchOptions(Array(CommandLine.arguments.dropFirst())) else {
    FileHandle.standardError.write(Data((BenchOptions.usage + "\n").utf8))
    exit(2)
}
let selected = allPhases.filter(options.selects)
if selected.isEmpty {
    FileHandle.standardError.write(Data("reclab-bench: no phase matches \(options.phases) at \(options.sizes) (see --list)\n".utf8))
    exit(2)
}
if options.list {
    for phase in selected { print("\(phase.name)\t\(phase.size)\(phase.isReport ? "\treport" : "")") }
    exit(0)
}
do {
    try BenchRun(options: options).run(selected)
} catch {
    FileHandle.standardError.write(Data("reclab-bench: \(error)\n".utf8))
    exit(1)
}
