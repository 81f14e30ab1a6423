/// The widths of a box table's columns once fitted into a width limit.
///
/// Fitting never cuts numbers: it narrows the widest text columns first
/// (water-filling, down to ``textFloor`` cells each), and when even that is
/// too wide it keeps only as many leading columns as fit. Only a single
/// column too wide for the limit on its own is cut regardless of its type.
struct TableLayout: Equatable, Sendable {
    /// The width, in cells, of each shown column; the shown columns are the
    /// table's first `widths.count` columns.
    var widths: [Int]

    /// The narrowest a text column is made when fitting, unless its content
    /// is narrower still.
    static let textFloor = 8
    /// The narrowest limit honoured: one column of one cell, `│ x │`.
    static let minimumWidth = 5

    /// The total width of a box table whose columns are `widths` wide:
    /// each column adds its content, a space each side and one border.
    static func frameWidth(_ widths: [Int]) -> Int {
        widths.reduce(1) { $0 + $1 + 3 }
    }

    /// Fits columns of natural widths `natural` (the widest of header and
    /// cells) into `maxWidth` cells; `isText` marks the columns that may be
    /// narrowed. `nil` means no limit.
    static func fit(natural: [Int], isText: [Bool], maxWidth: Int?) -> TableLayout {
        guard let maxWidth else { return TableLayout(widths: natural) }
        let limit = max(maxWidth, minimumWidth)
        if frameWidth(natural) <= limit { return TableLayout(widths: natural) }

        let floors = natural.indices.map { isText[$0] ? min(natural[$0], textFloor) : natural[$0] }
        var kept = 0
        var used = 1
        while kept < natural.count && used + floors[kept] + 3 <= limit {
            used += floors[kept] + 3
            kept += 1
        }
        // Not even the first column fits: cut it to the limit, numbers too,
        // since the limit is the one promise that is never broken.
        if kept == 0 { return TableLayout(widths: [limit - 4]) }

        var widths = Array(natural[0..<kept])
        let textColumns = (0..<kept).filter { isText[$0] }
        let fixedWidth = (0..<kept).filter { !isText[$0] }.reduce(1 + 3 * kept) { $0 + natural[$1] }
        let budget = limit - fixedWidth
        let width = { (column: Int, cap: Int) in max(floors[column], min(natural[column], cap)) }
        let total = { (cap: Int) in textColumns.reduce(0) { $0 + width($1, cap) } }
        if total(Int.max) <= budget { return TableLayout(widths: widths) }

        // The largest cap on text widths that fits; at cap 0 every text
        // column sits at its floor, which fits by the choice of `kept`.
        var low = 0
        var high = textColumns.map { natural[$0] }.max() ?? 0
        while low < high {
            let mid = (low + high + 1) / 2
            if total(mid) <= budget { low = mid } else { high = mid - 1 }
        }
        for column in textColumns { widths[column] = width(column, low) }
        // Hand the cells left over to the leftmost narrowed columns, so the
        // table fills the limit exactly.
        var slack = budget - total(low)
        for column in textColumns where slack > 0 && widths[column] < natural[column] {
            widths[column] += 1
            slack -= 1
        }
        return TableLayout(widths: widths)
    }
}
