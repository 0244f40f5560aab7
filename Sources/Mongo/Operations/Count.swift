import CMongoC

extension MongoCollection {
    /// Counts the documents matching `filter` (an exact count: libmongoc runs an aggregation
    /// `$match` + `$group {$sum: 1}`). Blocking.
    public func count(_ filter: BSONDocument = [:]) throws(MongoError) -> Int {
        try withCollection { (coll) throws(MongoError) -> Int in
            try filter.withBSONPointer { (f) throws(MongoError) -> Int in
                var error = bson_error_t()
                let n = mongoc_collection_count_documents(coll, f, nil, nil, nil, &error)
                if n < 0 { throw MongoError(error) }
                return Int(n)
            }
        }
    }
}
