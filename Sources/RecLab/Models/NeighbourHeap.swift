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

    /// Empties the heap for the next item.
    mutating func removeAll() { count = 0 }

    /// Offers a neighbour; keeps it if there is room or it beats the least
    /// similar one held.
    ///
    /// - Complexity: O(log capacity).
    mutating func offer(similarity: Double, entry: Int32) {
        if count < capacity {
            var child = count
            similarities[child] = similarity
            entries[child] = entry
            count += 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard similarities[parent] > similarities[child] else { break }
                similarities.swapAt(parent, child)
                entries.swapAt(parent, child)
                child = parent
            }
        } else if similarity > similarities[0] {
            similarities[0] = similarity
            entries[0] = entry
            var position = 0
            while true {
                var smallest = position
                let left = 2 * position + 1, right = left + 1
                if left < count, similarities[left] < similarities[smallest] { smallest = left }
                if right < count, similarities[right] < similarities[smallest] { smallest = right }
                guard smallest != position else { break }
                similarities.swapAt(position, smallest)
                entries.swapAt(position, smallest)
                position = smallest
            }
        }
    }
}
