import Foundation

/// A fresh temporary directory for one test, removed by `cleanup()`.
public struct TempDir: Sendable {
    public let path: String

    public init(_ name: String = "test") {
        path = NSTemporaryDirectory() + "corridor-test-\(name)-\(UUID().uuidString.prefix(8))"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    public func cleanup() { try? FileManager.default.removeItem(atPath: path) }
}
