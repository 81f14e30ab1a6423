import Foundation
import RecLabShell

/// A cell's progress display: shown once with a display id, then updated in
/// place (`update_display_data`) as the bar moves.
struct ProgressDisplay {
    /// The display's id, unique to the cell's stage.
    var id: String
    /// The last stage shown, and how long it had run.
    var label: String
    var seconds: Double
}

extension Kernel {
    /// Shows `progress` as a line updated in place under the running cell;
    /// at the end of a stage the line says it is done and how long it took.
    /// Called from whichever thread reports (engine workers included).
    func showProgress(_ progress: CommandProgress) {
        guard let request = parent else { return }
        progressLock.lock()
        defer { progressLock.unlock() }
        let text: String
        switch progress {
        case .running(let label, let fraction, let seconds):
            text = Kernel.bar(label: label, fraction: fraction, seconds: seconds)
            if var display = progressDisplay {
                display.label = label
                display.seconds = seconds
                progressDisplay = display
                publish("update_display_data", content: content(text, id: display.id), parent: request)
            } else {
                let display = ProgressDisplay(id: "reclab-progress-\(UUID().uuidString.lowercased())", label: label, seconds: seconds)
                progressDisplay = display
                publish("display_data", content: content(text, id: display.id), parent: request)
            }
        case .finished:
            // Erased, as the terminal erases its bar: a line saying how far
            // one stage had got would outlive the cell and differ run to run.
            guard let display = progressDisplay else { return }
            publish("update_display_data", content: content("", id: display.id), parent: request)
            progressDisplay = nil
        }
    }

    /// `train mf  ▕██████░░░░░░░░░░▏  38%  2.1 s`, in text a front end
    /// shows as it is (no terminal escape codes).
    static func bar(label: String, fraction: Double, seconds: Double) -> String {
        guard !fraction.isNaN else { return "\(label)  \(Kernel.seconds(seconds))" }
        let width = 24
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        return "\(label)  ▕\(bar)▏ \(Int((fraction * 100).rounded(.down)))%  \(Kernel.seconds(seconds))"
    }

    /// `2.1 s`.
    static func seconds(_ value: Double) -> String {
        String(format: "%.1f s", value)
    }

    private func content(_ text: String, id: String) -> JupyterMessage.JSON {
        // The metadata marks it as progress, not a result, for whoever reads the saved notebook.
        ["data": ["text/plain": text], "metadata": ["reclab": ["progress": true]], "transient": ["display_id": id]]
    }
}
