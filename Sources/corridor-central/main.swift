import CentralService
#if canImport(Glibc)
import Glibc
#endif

exit(CentralCLI.main(Array(CommandLine.arguments.dropFirst())))
