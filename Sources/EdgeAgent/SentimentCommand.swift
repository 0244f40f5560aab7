/// Placeholder until the sentiment model lands.
public enum SentimentCommand {
    public static func run(_ args: [String]) -> Int32 { Console.err("sentiment: not yet"); return 2 }
}
