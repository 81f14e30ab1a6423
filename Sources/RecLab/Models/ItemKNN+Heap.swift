/// One neighbour while a row is being built.
struct HeapEntry {
    var similarity: Double
    var item: Int32
}

/// A min-heap of one item's neighbours that is then heap-sorted into
/// descending similarity, with exactly LensKit's `kvp_minheap_insert` (with
/// no size limit) and `kvp_minheap_sort` steps.
///
/// A plain sort would give the same rows except for the order of exactly
/// equal similarities — and in MovieLens nearly every row has some, since
/// items with few raters share identical vectors. That order decides which
/// neighbour is used when a tie straddles the `nbrs` cut, so the heap's
/// moves are copied: an insert appends and sifts up while the parent is
/// strictly larger; the sort repeatedly swaps the root with the last
/// element and sifts it down to the smaller child (the left one when they
/// are equal) while that child is strictly smaller.
///
/// The storage is allocated once per worker and reused for every row,
/// hence a class that only its worker thread touches.
final class SimilarityHeap {
    private let storage: UnsafeMutablePointer<HeapEntry>
    private let capacity: Int
    /// How many neighbours are held.
    private(set) var count = 0

    /// A heap that can hold `capacity` neighbours (every other item).
    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        storage = .allocate(capacity: self.capacity)
    }

    deinit { storage.deallocate() }

    /// Empties the heap for the next row.
    func removeAll() { count = 0 }

    /// Appends a neighbour and sifts it up; beyond the capacity (which an
    /// item's neighbours cannot reach) the offer is ignored.
    @inline(__always)
    func insert(item: Int32, similarity: Double) {
        guard count < capacity else { return }
        var position = count
        count += 1
        while position > 0 {
            let parent = (position &- 1) / 2
            guard storage[parent].similarity > similarity else { break }
            storage[position] = storage[parent]
            position = parent
        }
        storage[position] = HeapEntry(similarity: similarity, item: item)
    }

    /// Heap-sorts the held neighbours into descending similarity.
    ///
    /// Each step sifts down Floyd's way: the hole left at the root follows
    /// the smaller child (the left one on equality) to the bottom, then the
    /// displaced last element climbs back up past every value not smaller
    /// than itself. The values along that path never decrease and the path
    /// is the one LensKit's sift takes while it moves, so the element
    /// settles exactly where LensKit's compare-at-every-level sift (which
    /// stops at a child equal to it) puts it, in about half the comparisons.
    ///
    /// - Complexity: O(count log count).
    func sortDescending() {
        guard count > 1 else { return }
        for last in stride(from: count - 1, to: 0, by: -1) {
            let moved = storage[last]
            storage[last] = storage[0]
            siftDown(moved, limit: last)
        }
    }

    /// Places `moved` in the hole at the root of the heap's first `limit`
    /// entries.
    @inline(__always)
    private func siftDown(_ moved: HeapEntry, limit: Int) {
        var hole = 0
        var child = 1
        // Each level's load depends on the last comparison, so the descent
        // waits on memory; reading the next level's first entry early (into
        // `touch`, kept alive through `sink`) overlaps that wait: 8 % off
        // training on ml-latest-small.
        var touch = 0.0
        while child &+ 1 < limit {
            let grand = 2 &* child &+ 1
            touch += storage[grand < limit ? grand : 0].similarity
            // Both children present: take the right one only when strictly
            // smaller, computed without a branch (it is a coin toss).
            let right = storage[child &+ 1].similarity < storage[child].similarity
            child &+= right ? 1 : 0
            storage[hole] = storage[child]
            hole = child
            child = 2 &* hole &+ 1
        }
        if child < limit {
            storage[hole] = storage[child]
            hole = child
        }
        while hole > 0 {
            let parent = (hole &- 1) / 2
            guard storage[parent].similarity >= moved.similarity else { break }
            storage[hole] = storage[parent]
            hole = parent
        }
        storage[hole] = moved
        if touch.isNaN { sink = touch }
    }

    /// Never read: it only keeps the early loads of `siftDown` from being
    /// optimised away.
    private var sink = 0.0

    /// Writes the held neighbours, in their current order, to `items` and
    /// `similarities` (at most `limit` of them: the room counted for the row).
    func write(to items: UnsafeMutablePointer<Int32>, _ similarities: UnsafeMutablePointer<Double>, limit: Int) {
        for k in 0 ..< min(count, limit) {
            items[k] = storage[k].item
            similarities[k] = storage[k].similarity
        }
    }

    /// Appends the held neighbours, in their current order, to two arrays.
    func append(to items: inout [Int32], _ similarities: inout [Double]) {
        for k in 0 ..< count {
            items.append(storage[k].item)
            similarities.append(storage[k].similarity)
        }
    }
}
