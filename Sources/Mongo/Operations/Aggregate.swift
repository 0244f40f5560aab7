import CMongoC

extension MongoCollection {
    /// Runs an aggregation pipeline and reads every result into memory. Blocking.
    public func aggregate(_ pipeline: [BSONDocument]) throws(MongoError) -> [BSONDocument] {
        try withCollection { (coll) throws(MongoError) -> [BSONDocument] in
            try pipeline.withBSONArrayPointer { (p) throws(MongoError) -> [BSONDocument] in
                guard let cursor = mongoc_collection_aggregate(coll, MONGOC_QUERY_NONE, p, nil, nil) else {
                    throw MongoError.invalidArgument("aggregate: no cursor")
                }
                return try drainCursor(cursor)
            }
        }
    }
}
