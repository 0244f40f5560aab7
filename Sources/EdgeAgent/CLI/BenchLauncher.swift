import Options
#if canImport(Glibc)
import Glibc
#endif

/// `corridor-edge bench …` runs the sibling `corridor-edge-bench` binary, so the agent itself does
/// not link Foundation (≈ 8 MB of resident memory on a small station box).
enum BenchLauncher {
    static func run(_ args: [String]) -> Int32 {
        var buf = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buf, buf.count - 1)
        guard n > 0 else { Console.err("corridor-edge bench: cannot find my own path"); return 1 }
        let me = String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let dir = me.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        let bench = dir + "/corridor-edge-bench"
        guard access(bench, X_OK) == 0 else {
            Console.err("corridor-edge bench: \(bench) is not installed (build it with: swift build -c release --product corridor-edge-bench)")
            return 1
        }
        let argv = ([bench] + args).map { strdup($0) } + [nil]
        execv(bench, argv)
        Console.err("corridor-edge bench: cannot run \(bench): \(String(cString: strerror(errno)))")
        return 1
    }
}
