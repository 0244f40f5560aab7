import EdgeAgent
import Foundation

// TEMPORARY (sentiment branch): lets `corridor-edge sentiment …` run before the lead's dispatcher exists.
if CommandLine.arguments.count > 1, CommandLine.arguments[1] == "sentiment" {
    exit(SentimentCommand.run(Array(CommandLine.arguments.dropFirst(2))))
}
print("corridor-edge")
