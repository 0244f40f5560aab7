// Sentiment
