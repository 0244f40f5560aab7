import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// SIGTERM and SIGINT delivered on a queue instead of killing the process (SIGPIPE ignored), so a
/// daemon's main thread can wait for them and then shut down in order.
public final class TerminationSignals: @unchecked Sendable {
    // @unchecked: `sources` is written once in init and only read in deinit.
    /// The queue the signal handlers run on; daemons schedule their timers on it too.
    public let queue: DispatchQueue
    private let stop = DispatchSemaphore(value: 0)
    private var sources: [any DispatchSourceSignal] = []

    public init(label: String) {
        signal(SIGTERM, SIG_IGN)
        signal(SIGINT, SIG_IGN)
        signal(SIGPIPE, SIG_IGN)
        queue = DispatchQueue(label: label)
        let stop = self.stop
        sources = [SIGTERM, SIGINT].map { sig -> any DispatchSourceSignal in
            let s = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            s.setEventHandler { stop.signal() }
            s.resume()
            return s
        }
    }

    /// Blocks until SIGTERM or SIGINT arrives.
    public func wait() { stop.wait() }

    deinit { sources.forEach { $0.cancel() } }
}
