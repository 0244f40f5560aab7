import Foundation
import Testing

/// Runs the project's Python venv (pyarrow + duckdb) to read back what the Swift code wrote.
///
/// The venv is a test requirement, not an optional extra: when it is missing the test fails
/// with a message saying how to get it, instead of silently skipping the checks.
enum PythonReaders {
    static var venv: String { ProcessInfo.processInfo.environment["CORRIDOR_VENV"] ?? "/opt/corridor/venv" }
    static var python: String { venv + "/bin/python" }

    struct Output { var status: Int32; var stdout: String; var stderr: String }

    /// Runs `script` with `args`; records a test failure if the venv is missing.
    static func run(script: String, args: [String]) throws -> Output {
        guard FileManager.default.isExecutableFile(atPath: python) else {
            Issue.record("Python venv not found at \(venv) (set CORRIDOR_VENV; scripts/setup.sh installs pyarrow and duckdb)")
            throw CancellationError()
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-py-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let scriptURL = dir.appendingPathComponent("check.py")
        try script.write(to: scriptURL, atomically: true, encoding: .utf8)
        return try runProcess(python, [scriptURL.path] + args)
    }

    static func runProcess(_ exe: String, _ args: [String], environment: [String: String]? = nil) throws -> Output {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = args
        if let environment { p.environment = environment }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        // Read both pipes before waiting so a chatty child cannot block on a full pipe.
        let errData = LockedData()
        let t = Thread { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        t.start()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        while !errData.done { usleep(1000) }
        return Output(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                      stderr: String(decoding: errData.data, as: UTF8.self))
    }
}

final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var _data = Data()
    private var _done = false
    func set(_ d: Data) { lock.lock(); _data = d; _done = true; lock.unlock() }
    var done: Bool { lock.lock(); defer { lock.unlock() }; return _done }
    var data: Data { lock.lock(); defer { lock.unlock() }; return _data }
}
