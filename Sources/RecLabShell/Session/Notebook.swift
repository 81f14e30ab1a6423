import RecLab

/// The session as a notebook: each cell's command and what it showed, in
/// order, with a script's comments as prose between cells.
///
/// Output is kept as the user saw it, so memory stays bounded: a table is
/// kept as its shown rows (``NotebookTable``), never the whole table.
public struct Notebook: Sendable {
    /// The cells so far, in the order they began.
    public private(set) var cells: [NotebookCell] = []
    /// Indices into ``cells`` of the cells still running, innermost last
    /// (a `run` cell stays open while its script's cells run).
    private var open: [Int] = []

    /// Creates an empty notebook.
    public init() {}

    /// The cells that have ended: what `export` writes (the `export` cell
    /// itself, still running, is left out).
    public var finishedCells: [NotebookCell] {
        cells.indices.filter { !open.contains($0) }.map { cells[$0] }
    }

    /// Whether a cell is running, so its output is being recorded.
    public var isRecording: Bool { !open.isEmpty }

    /// Starts a cell for `command`.
    public mutating func begin(_ command: String) {
        cells.append(NotebookCell(command: command))
        open.append(cells.count - 1)
    }

    /// Ends the innermost running cell; `error` is its error message, if it
    /// failed. `keep: false` drops the cell (an `export` cell).
    public mutating func end(error: String? = nil, keep: Bool = true) {
        guard let index = open.popLast() else { return }
        if let error { cells[index].blocks.append(.error(error)) }
        if !keep && index == cells.count - 1 { cells.removeLast() }
    }

    /// Adds `block` to the running cell (nothing when none runs). Text
    /// printed in several pieces is joined into one block.
    public mutating func record(_ block: NotebookBlock) {
        guard let index = open.last else { return }
        if case .text(let more) = block, case .text(let text)? = cells[index].blocks.last {
            cells[index].blocks[cells[index].blocks.count - 1] = .text(text + more)
        } else {
            cells[index].blocks.append(block)
        }
    }

    /// The text of the first comment that is a Markdown heading (`## Lab
    /// 4` in a script: `# Lab 4` once its `#` is taken off), the title a
    /// notebook gets when none is given.
    public var headingTitle: String? {
        for cell in cells where cell.command == nil {
            for case .prose(let text) in cell.blocks {
                for line in text.split(separator: "\n") where line.hasPrefix("#") {
                    let title = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
                    if !title.isEmpty { return title }
                }
            }
        }
        return nil
    }

    /// Adds a line of a script's comment (without its `#`), or an empty
    /// line for a blank one, as prose between cells. Consecutive lines
    /// make one prose entry.
    public mutating func prose(_ line: String) {
        if let last = cells.last, last.command == nil, case .prose(let text)? = last.blocks.last {
            cells[cells.count - 1].blocks = [.prose(text + "\n" + line)]
        } else if !line.isEmpty {
            cells.append(NotebookCell(command: nil, blocks: [.prose(line)]))
        }
    }
}

/// One entry of a ``Notebook``: a cell (a command and what it showed), or
/// prose (a script's comments, with no command).
public struct NotebookCell: Sendable {
    /// The command as typed, or `nil` for prose.
    public var command: String?
    /// What the cell showed, in order.
    public var blocks: [NotebookBlock] = []

    /// Creates a cell.
    public init(command: String?, blocks: [NotebookBlock] = []) {
        self.command = command
        self.blocks = blocks
    }

    /// Whether the cell failed.
    public var failed: Bool {
        blocks.contains { if case .error = $0 { true } else { false } }
    }
}

/// One piece of a cell's output.
public enum NotebookBlock: Sendable {
    /// Text as printed (kept in a fixed-width block so columns line up).
    case text(String)
    /// A table, as the rows that were shown.
    case table(NotebookTable)
    /// A chart: its SVG and its title.
    /// (`drawing` is what the terminal drew: the text a front end shows
    /// when it will not draw the SVG.)
    case picture(svg: String, title: String, drawing: String = "")
    /// The error that stopped the cell.
    case error(String)
    /// A script's comment lines, read as the notebook's text.
    case prose(String)
}

/// The part of a table a cell showed, already formatted: headers, the
/// shown rows' cells, and the footer (`… N more rows`).
public struct NotebookTable: Sendable {
    /// A line above the table (`result 2:` for a command giving several).
    public var caption: String?
    /// Column names, in order.
    public var headers: [String]
    /// Whether each column is right-aligned (numbers).
    public var rightAligned: [Bool]
    /// The shown rows, each a cell per column.
    public var rows: [[String]]
    /// Lines under the table about rows left out.
    public var footer: [String]

    /// Creates a table snapshot.
    public init(caption: String? = nil, headers: [String], rightAligned: [Bool], rows: [[String]], footer: [String]) {
        self.caption = caption
        self.headers = headers
        self.rightAligned = rightAligned
        self.rows = rows
        self.footer = footer
    }

    /// The first `maxRows` rows of `table` formatted as `renderer` shows them.
    ///
    /// - Complexity: O(shown rows × columns), independent of the table's size.
    init(_ table: Table, renderer: TableRenderer, caption: String? = nil) {
        let shown = ShownCells(table, maxRows: renderer.maxRows, formatter: renderer.cellFormatter)
        self.caption = caption
        headers = shown.columns.map(\.header)
        rightAligned = shown.columns.map { $0.alignment == .right }
        rows = (0..<shown.rowCount).map { row in shown.columns.map { $0.cells[row] } }
        footer = table.columns.isEmpty ? ["(empty table)"] : shown.footerLines
    }
}
