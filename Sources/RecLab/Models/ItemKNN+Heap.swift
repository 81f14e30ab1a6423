/// A min-heap of one item's neighbours that is then heap-sorted into
/// descending similarity, with exactly LensKit's `kvp_minheap_insert` (with
/// no size limit) and `kvp_minheap_sort` steps.
///
/// A plain sort would give the same rows except for the order of exactly
/// equal similarities; that order decides which neighbour is used when a
/// tie straddles the `nbrs` cut, so the heap's moves are copied exactly:
/// an insert appends and sifts up while the parent is strictly larger; the
/// sort repeatedly swaps the root with the last element and sifts down to
/// the smaller child (the left one when they are equal) while it is
/// strictly smaller.
struct SimilarityHeap {
    private var similarities: [Double]
    private var items: [Int32]
    /// How many neighbours are held.
    private(set) var count = 0

    /// A heap that can hold `capacity` neighbours (every other item).
    init(capacity: Int) {
        similarities = [Double](repeating: 0, count: max(capacity, 1))
        items = [Int32](repeating: 0, count: max(capacity, 1))
    }

    /// Empties the heap for the next row.
    mutating func removeAll() { count = 0 }

    /// Appends a neighbour and sifts it up (capacity is never exceeded: an
    /// item has at most every other item as neighbour).
    mutating func insert(item: Int32, similarity: Double) {
        guard count < similarities.count else { return }
        similarities.withUnsafeMutableBufferPointer { values in
            items.withUnsafeMutableBufferPointer { keys in
                var position = count
                values[position] = similarity
                keys[position] = item
                while position > 0 {
                    let parent = (position - 1) / 2
                    guard values[parent] > values[position] else { break }
                    values.swapAt(parent, position)
                    keys.swapAt(parent, position)
                    position = parent
                }
            }
        }
        count += 1
    }

    /// Heap-sorts the held neighbours into descending similarity.
    ///
    /// - Complexity: O(count log count).
    mutating func sortDescending() {
        guard count > 1 else { return }
        similarities.withUnsafeMutableBufferPointer { values in
            items.withUnsafeMutableBufferPointer { keys in
                for last in stride(from: count - 1, to: 0, by: -1) {
                    values.swapAt(last, 0)
                    keys.swapAt(last, 0)
                    Self.siftDown(values, keys, limit: last)
                }
            }
        }
    }

    private static func siftDown(_ values: UnsafeMutableBufferPointer<Double>, _ keys: UnsafeMutableBufferPointer<Int32>,
                                 limit: Int) {
        var position = 0
        while true {
            var smallest = position
            let left = 2 * position + 1, right = left + 1
            if left < limit, values[left] < values[smallest] { smallest = left }
            if right < limit, values[right] < values[smallest] { smallest = right }
            guard smallest != position else { return }
            values.swapAt(position, smallest)
            keys.swapAt(position, smallest)
            position = smallest
        }
    }

    /// Appends the held neighbours, in their current order, to a row store.
    func append(to rowItems: inout [Int32], _ rowSimilarities: inout [Double]) {
        rowItems.append(contentsOf: items[0 ..< count])
        rowSimilarities.append(contentsOf: similarities[0 ..< count])
    }
}
