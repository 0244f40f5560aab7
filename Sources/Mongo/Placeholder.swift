// Mongo
