/// Which optimiser step each batch of a fit's epochs is.
///
/// An epoch runs the ``MFStrata`` rounds in a seeded order; in round s the
/// blocks (a, a + s mod grid) are trained, and their batches are
/// interleaved into one sequence of steps in proportion to their sizes
/// (batch j of a block of n batches sits at (j + ½)/n of the round). Every
/// batch is one step, as in fast.ai, and since the blocks of a round share
/// no row and the optimiser's lazy updates depend only on step numbers, the
/// blocks can run on any number of workers in any timing: the result is
/// bit for bit that of running the steps one after the other in this order.
struct MFFitPlan: Sendable {
    /// One block's part of a round.
    struct Part: Sendable {
        /// The block (`a * grid + b`).
        var block: Int
        /// Its batches' steps, counted from the round's first step.
        var steps: [Int32]
    }

    let batchSize: Int
    /// Each round's blocks, the largest first (so that workers taking them
    /// in turn finish together).
    let rounds: [[Part]]
    /// Each round's steps (the batches of all its blocks).
    let roundSteps: [Int]
    let stepsPerEpoch: Int

    /// The plan of `strata` in batches of `batchSize`.
    ///
    /// - Complexity: O(steps per epoch × grid).
    init(strata: MFStrata, batchSize: Int) {
        self.batchSize = batchSize
        let grid = strata.grid
        var rounds: [[Part]] = [], roundSteps: [Int] = []
        for s in 0 ..< grid {
            let blocks = (0 ..< grid).map { a in a * grid + (a + s) % grid }
            let counts = blocks.map { MFFitPlan.batches(strata.blocks[$0].count, batchSize: batchSize, dropLast: grid == 1) }
            let steps = MFFitPlan.interleave(counts)
            let parts = zip(blocks, steps).map { Part(block: $0, steps: $1) }.filter { !$0.steps.isEmpty }
            rounds.append(parts.sorted { ($0.steps.count, $1.block) > ($1.steps.count, $0.block) })
            roundSteps.append(counts.reduce(0, +))
        }
        self.rounds = rounds
        self.roundSteps = roundSteps
        stepsPerEpoch = roundSteps.reduce(0, +)
    }

    /// The batches of `count` ratings: with `dropLast` (one block, as
    /// fast.ai's training loader) only the full ones, unless there is none.
    static func batches(_ count: Int, batchSize: Int, dropLast: Bool) -> Int {
        dropLast && count >= batchSize ? count / batchSize : (count + batchSize - 1) / batchSize
    }

    /// Merges sequences of `counts[k]` batches into one, batch j of sequence
    /// k at key (2j + 1) / (2 counts[k]), ties to the lower k; returns each
    /// sequence's positions.
    ///
    /// - Complexity: O(total × counts.count).
    static func interleave(_ counts: [Int]) -> [[Int32]] {
        var positions = counts.map { n -> [Int32] in
            var steps: [Int32] = []
            steps.reserveCapacity(n)
            return steps
        }
        var next = [Int](repeating: 0, count: counts.count)
        for position in 0 ..< counts.reduce(0, +) {
            var best = -1
            for k in counts.indices where next[k] < counts[k] {
                // (2 next[k] + 1) / counts[k] < (2 next[best] + 1) / counts[best], cross-multiplied.
                if best < 0 || (2 * next[k] + 1) * counts[best] < (2 * next[best] + 1) * counts[k] { best = k }
            }
            positions[best].append(Int32(truncatingIfNeeded: position))
            next[best] += 1
        }
        return positions
    }
}
