import EdgeAgent
import EdgeBench
import Options

#if canImport(Glibc)
import Glibc
#endif

// `corridor-edge bench …` execs this binary: the benchmarks need Foundation, the agent does not.
do {
    exit(try BenchCommand.run(Array(CommandLine.arguments.dropFirst())))
} catch let e as UsageError {
    Console.err("corridor-edge bench: \(e.message)")
    exit(2)
} catch {
    Console.err("corridor-edge bench: \(error)")
    exit(1)
}
