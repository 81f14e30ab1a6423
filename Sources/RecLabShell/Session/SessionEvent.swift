/// One thing a cell shows, as itself rather than as terminal text: the
/// stream a front end other than the terminal observes (``Session/display``).
///
/// The terminal prints each as text (its default, when ``Session/display``
/// is `nil`); the notebook keeps each as a block; the Jupyter kernel sends
/// tables as HTML, pictures as SVG and errors as error messages.
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
