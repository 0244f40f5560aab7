// SentimentTests
