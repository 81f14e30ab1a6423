import Foundation

/// One worker's gradient slots for a batch (at most `bs` rows per side)
/// and the buffers its ratings pass through.
final class MFScratch: @unchecked Sendable {
    let userGrads: UnsafeMutablePointer<Float>
    let itemGrads: UnsafeMutablePointer<Float>
    let touchedUsers: UnsafeMutablePointer<Int32>
    let touchedItems: UnsafeMutablePointer<Int32>
    /// Whether each slot's row came in with its moments decayed to nothing.
    let fadedUsers: UnsafeMutablePointer<Bool>
    let fadedItems: UnsafeMutablePointer<Bool>
    /// Holds one chunk of the block being shuffled.
    let chunk: UnsafeMutablePointer<MFRating>
    let chunkCapacity: Int
    /// Holds the batch being assembled across chunk boundaries.
    let batch: UnsafeMutablePointer<MFRating>
    /// Where ``MFKernel/warm(_:_:)`` leaves its sums.
    var sink: Float = 0

    init(batchSize: Int, width: Int, chunkCapacity: Int) {
        userGrads = .allocate(capacity: batchSize * width)
        itemGrads = .allocate(capacity: batchSize * width)
        touchedUsers = .allocate(capacity: batchSize)
        touchedItems = .allocate(capacity: batchSize)
        fadedUsers = .allocate(capacity: batchSize)
        fadedItems = .allocate(capacity: batchSize)
        chunk = .allocate(capacity: chunkCapacity)
        batch = .allocate(capacity: batchSize)
        self.chunkCapacity = chunkCapacity
    }

    deinit {
        userGrads.deallocate()
        itemGrads.deallocate()
        touchedUsers.deallocate()
        touchedItems.deallocate()
        fadedUsers.deallocate()
        fadedItems.deallocate()
        chunk.deallocate()
        batch.deallocate()
    }
}

/// Counts an epoch's finished batches across the workers and reports the
/// fraction done a few hundred times per epoch, one report at a time.
final class MFProgress: @unchecked Sendable {
    /// Batches between a worker's reports.
    let every: Int
    private let stage: String
    private let steps: Int
    private let cancel: Cancellation
    private let lock = NSLock()
    private var done = 0

    init(stage: String, steps: Int, cancel: Cancellation) {
        (self.stage, self.steps, self.cancel) = (stage, steps, cancel)
        every = max(1, steps / 200)
    }

    func advance(by batches: Int) {
        guard batches > 0 else { return }
        lock.withLock {
            done += batches
            cancel.report(stage, fraction: Double(done) / Double(max(1, steps)))
        }
    }
}

/// Scratch buffers handed to whichever worker takes the next block, so a
/// fit allocates one per worker rather than one per block.
final class MFScratchPool: @unchecked Sendable {
    private let lock = NSLock()
    private var free: [MFScratch] = []
    private let batchSize: Int, width: Int, chunkCapacity: Int

    init(batchSize: Int, width: Int, chunkCapacity: Int) {
        (self.batchSize, self.width, self.chunkCapacity) = (batchSize, width, chunkCapacity)
    }

    func take() -> MFScratch {
        lock.withLock { free.popLast() } ?? MFScratch(batchSize: batchSize, width: width, chunkCapacity: chunkCapacity)
    }

    func give(_ scratch: MFScratch) { lock.withLock { free.append(scratch) } }
}
