import CentralService

// TEMPORARY (parquet branch): only the `compact` subcommand is wired here so the crash tests can
// run the real binary; the lead's dispatcher replaces this file.
let args = Array(CommandLine.arguments.dropFirst())
if args.first == "compact" {
    exit(CompactCommand.run(Array(args.dropFirst())))
}
print("corridor-central")

#if canImport(Glibc)
import Glibc
#endif
