import CSystemd

/// `sd_notify(3)` for a `Type=notify` service: readiness, status line, watchdog pings.
///
/// Every call is a no-op when the process was not started by systemd (no `NOTIFY_SOCKET`).
public enum SystemdNotify {
    /// Sends raw `KEY=VALUE` lines; true when systemd received them.
    @discardableResult
    public static func send(_ state: String) -> Bool {
        sd_notify(0, state) > 0
    }

    /// `READY=1` plus a first status line.
    @discardableResult
    public static func ready(status: String) -> Bool { send("READY=1\nSTATUS=\(status)") }

    /// The free-form line `systemctl status` shows.
    @discardableResult
    public static func status(_ line: String) -> Bool { send("STATUS=\(line)") }

    /// Tells systemd the service is shutting down (it then waits up to `TimeoutStopSec`).
    @discardableResult
    public static func stopping(status: String) -> Bool { send("STOPPING=1\nSTATUS=\(status)") }

    /// One watchdog keep-alive.
    @discardableResult
    public static func watchdog() -> Bool { send("WATCHDOG=1") }

    /// The watchdog period systemd expects pings within (`WATCHDOG_USEC` for this pid),
    /// nil when the watchdog is off.
    public static var watchdogInterval: Duration? {
        var usec: UInt64 = 0
        guard sd_watchdog_enabled(0, &usec) > 0, usec > 0 else { return nil }
        return .microseconds(Int64(usec))
    }
}
