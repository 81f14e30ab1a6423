/// A bounded min-heap of (similarity, entry) pairs keeping the most similar
/// neighbours, with exactly LensKit's sift rules (`kvp_minheap_insert`).
///
/// The rules decide which rater wins an exact tie for the last slot, so they
/// are part of the model's behaviour: while the heap is not full an offer is
/// appended and sifted up (swapped while the parent is strictly larger);
/// once full, an offer replaces the root only when strictly more similar,
/// then sifts down to the smaller child (the left one when the children are
/// equal) while that child is strictly smaller. So on a tie the rater met
/// first stays.
struct NeighbourHeap {
    /// The similarities, in heap order.
    private(set) var similarities: [Double]
    /// The by-item entry position of each neighbour, in heap order.
    private(set) var entries: [Int32]
    /// How many neighbours are held.
    private(set) var count = 0
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        similarities = [Double](repeating: 0, count: capacity)
        entries = [Int32](repeating: 0, count: capacity)
    }

    /// The least similarity an offer must beat to change the heap: −∞ while
    /// there is room (every offer is kept), then the root's.
    var threshold: Double { count < capacity ? -.infinity : similarities[0] }

    /// Empties the heap for the next item.
    mutating func removeAll() { count = 0 }

    /// Offers a neighbour; keeps it if there is room or it beats the least
    /// similar one held.
    ///
    /// The sifts move a hole rather than swapping pairs (the same final
    /// arrangement, fewer writes): scoring offers millions of raters, so
    /// this is the model's innermost loop.
    ///
    /// - Complexity: O(log capacity).
    @inline(__always)
    mutating func offer(similarity: Double, entry: Int32) {
        let n = count
        if n < capacity {
            count = n + 1
            similarities.withUnsafeMutableBufferPointer { s in
                entries.withUnsafeMutableBufferPointer { e in
                    var child = n
                    while child > 0 {
                        let parent = (child - 1) / 2
                        guard s[parent] > similarity else { break }
                        s[child] = s[parent]
                        e[child] = e[parent]
                        child = parent
                    }
                    s[child] = similarity
                    e[child] = entry
                }
            }
        } else if similarity > similarities[0] {
            similarities.withUnsafeMutableBufferPointer { s in
                entries.withUnsafeMutableBufferPointer { e in
                    var position = 0
                    while true {
                        let left = 2 * position + 1, right = left + 1
                        var smallest = position, smallestValue = similarity
                        if left < n, s[left] < smallestValue { (smallest, smallestValue) = (left, s[left]) }
                        if right < n, s[right] < smallestValue { smallest = right }
                        guard smallest != position else { break }
                        s[position] = s[smallest]
                        e[position] = e[smallest]
                        position = smallest
                    }
                    s[position] = similarity
                    e[position] = entry
                }
            }
        }
    }
}
