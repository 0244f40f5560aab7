/// A multi-command program (`corridor-edge run|capture|…`): usage text, `version`, `help`, and
/// one place that turns errors into exit statuses (usage mistakes 2, failures 1).
public struct CommandLineTool: Sendable {
    public struct Command: Sendable {
        public var name: String
        public var summary: String
        public var run: @Sendable ([String]) throws -> Int32
        public init(_ name: String, _ summary: String, _ run: @escaping @Sendable ([String]) throws -> Int32) {
            self.name = name; self.summary = summary; self.run = run
        }
    }

    public var program: String
    public var summary: String
    public var version: String
    public var commands: [Command]

    public init(program: String, summary: String, version: String, commands: [Command]) {
        self.program = program; self.summary = summary; self.version = version; self.commands = commands
    }

    public var usage: String {
        var s = "\(program) \(version): \(summary)\n\nUsage: \(program) COMMAND [OPTIONS]\n\nCommands:\n"
        let rows = commands.map { ($0.name, $0.summary) } + [("version", "Print the version")]
        let width = (rows.map(\.0.count).max() ?? 0) + 3
        for (c, d) in rows { s += "  " + c + String(repeating: " ", count: width - c.count) + d + "\n" }
        s += "\nRun '\(program) COMMAND --help' for a command's options.\n"
        return s
    }

    /// Runs the command in `args` (argv without the program name); returns the exit status.
    public func main(_ args: [String]) -> Int32 {
        guard let name = args.first else { Console.err(usage); return 2 }
        let rest = Array(args.dropFirst())
        switch name {
        case "version", "--version": Console.out(version); return 0
        case "help", "-h", "--help": Console.out(usage); return 0
        default: break
        }
        guard let command = commands.first(where: { $0.name == name }) else {
            Console.err("\(program): unknown command '\(name)'\n\n" + usage)
            return 2
        }
        do {
            return try command.run(rest)
        } catch let e as UsageError {
            Console.err("\(program) \(name): \(e.message)")
            return 2
        } catch {
            Console.err("\(program) \(name): \(error)")
            return 1
        }
    }
}
