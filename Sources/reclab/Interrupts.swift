import Foundation
import RecLabShell
#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C: at the prompt it clears the line; during a command it cancels
/// the command (engine loops poll the token) and returns to the prompt.
///
/// A signal handler can't capture context, so the tokens it sets live here,
/// the one place besides libedit where the process keeps global state.
enum Interrupts {
    /// The tokens Ctrl-C sets: the running cell's and the replay's.
    nonisolated(unsafe) private static var tokens: [Cancellation] = []
    /// Set by the handler; read by the line editor to tell Ctrl-C from Ctrl-D.
    static let pending = Cancellation()

    /// Installs the SIGINT handler for `session`.
    static func install(for session: Session) {
        tokens = [session.cancellation, session.interrupt, pending]
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            for token in Interrupts.tokens { token.cancel() }
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0  // no SA_RESTART: a blocked read returns, so the prompt can clear
        sigaction(SIGINT, &action, nil)
        // A process started from a thread that blocks signals (Dispatch's
        // workers do) inherits the block: Jupyter's SIGINT would never land.
        var interrupt = sigset_t()
        sigemptyset(&interrupt)
        sigaddset(&interrupt, SIGINT)
        sigprocmask(SIG_UNBLOCK, &interrupt, nil)
    }
}
