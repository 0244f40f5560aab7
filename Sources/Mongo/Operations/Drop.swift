import CMongoC

extension MongoCollection {
    /// Drops the collection; dropping one that does not exist is not an error. Blocking.
    public func drop() throws(MongoError) {
        try withCollection { (coll) throws(MongoError) in
            var error = bson_error_t()
            if !mongoc_collection_drop_with_opts(coll, nil, &error) {
                let mapped = MongoError(error)
                // 26 NamespaceNotFound: the goal (no such collection) already holds.
                if mapped.code == 26 || mapped.message.contains("ns not found") { return }
                throw mapped
            }
        }
    }
}
