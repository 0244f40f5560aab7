import CMongoC

extension MongoCollection {
    /// Deletes every document matching `filter` and returns how many went. Blocking.
    @discardableResult
    public func deleteMany(_ filter: BSONDocument) throws(MongoError) -> Int {
        try delete(filter, mongoc_collection_delete_many)
    }

    /// Deletes the first document matching `filter`; returns 0 or 1. Blocking.
    @discardableResult
    public func deleteOne(_ filter: BSONDocument) throws(MongoError) -> Int {
        try delete(filter, mongoc_collection_delete_one)
    }

    private func delete(
        _ filter: BSONDocument,
        _ function: (OpaquePointer?, OpaquePointer?, OpaquePointer?, OpaquePointer?,
                     UnsafeMutablePointer<bson_error_t>?) -> Bool
    ) throws(MongoError) -> Int {
        let reply = try withCollection { (coll) throws(MongoError) -> BSONDocument in
            try filter.withBSONPointer { (f) throws(MongoError) -> BSONDocument in
                try withReply { reply, error in function(coll, f, nil, reply, error) }
            }
        }
        return reply["deletedCount"]?.intValue ?? 0
    }
}
