// EdgeAgentTests
