import EdgeAgent

#if canImport(Glibc)
import Glibc
#endif

exit(EdgeCLI.main(Array(CommandLine.arguments.dropFirst())))
