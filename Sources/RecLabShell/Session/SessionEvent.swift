/// One thing a cell shows, as itself rather than as terminal text. Every
/// output of a cell passes once through ``Session`` `emit`, which hands it
/// to the notebook recorder (a block `export` writes) and then to the front
/// end: ``Session/display`` when set (the Jupyter kernel sends tables as
/// HTML, pictures as SVG, errors as error messages), else the terminal,
/// which prints text, tables and drawings.
public enum SessionEvent: Sendable {
    /// Text a verb printed, as it is (not wrapped to a terminal).
    case text(String)
    /// A table: the rows shown, and how the terminal draws them.
    case table(NotebookTable, text: String)
    /// A chart: its SVG, its title, and the terminal's drawing of it.
    case picture(svg: String, title: String, text: String)
    /// The cell failed.
    case error(CellError)
}
