import Foundation
import RecLabShell

extension Kernel {
    /// Shows `progress` as a display under the running cell, shown once with
    /// a display id and updated in place (`update_display_data`) as the bar
    /// moves; emptied whenever the terminal would erase its bar.
    /// Called from whichever thread reports (engine workers included).
    func showProgress(_ progress: CommandProgress) {
        guard let request = parent else { return }
        progressLock.lock()
        defer { progressLock.unlock() }
        switch progress {
        case .running(let label, let fraction, let seconds):
            let text = Kernel.bar(label: label, fraction: fraction, seconds: seconds)
            if let id = progressDisplay {
                publish("update_display_data", content: content(text, id: id), parent: request)
            } else {
                let id = "reclab-progress-\(UUID().uuidString.lowercased())"
                progressDisplay = id
                publish("display_data", content: content(text, id: id), parent: request)
            }
        case .finished:
            // Erased, as the terminal erases its bar: a line saying how far
            // one stage had got would outlive the cell and differ run to run.
            // The id stays for the cell, so a bar drawn again after output
            // (an epoch row) reuses the one display instead of adding another.
            guard let id = progressDisplay else { return }
            publish("update_display_data", content: content("", id: id), parent: request)
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
