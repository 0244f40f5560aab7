import CMongoC

/// What an update or replace did.
public struct UpdateResult: Sendable, Equatable {
    public var matchedCount: Int
    public var modifiedCount: Int
    /// The `_id` of the document an upsert inserted, nil when it updated one.
    public var upsertedID: BSONValue?
}

extension MongoCollection {
    /// Applies update operators (`$set`, `$inc`, `$max`, …) to the first match. Blocking.
    public func updateOne(_ filter: BSONDocument, update: BSONDocument, upsert: Bool = false) throws(MongoError) -> UpdateResult {
        try write(filter, update, upsert, mongoc_collection_update_one)
    }

    /// Applies update operators to every match. Blocking.
    public func updateMany(_ filter: BSONDocument, update: BSONDocument, upsert: Bool = false) throws(MongoError) -> UpdateResult {
        try write(filter, update, upsert, mongoc_collection_update_many)
    }

    /// Replaces the first match with `replacement` (a whole document, no operators). Blocking.
    public func replaceOne(_ filter: BSONDocument, replacement: BSONDocument, upsert: Bool = false) throws(MongoError) -> UpdateResult {
        try write(filter, replacement, upsert, mongoc_collection_replace_one)
    }

    private typealias UpdateFunction = (
        OpaquePointer?, OpaquePointer?, OpaquePointer?, OpaquePointer?, OpaquePointer?,
        UnsafeMutablePointer<bson_error_t>?
    ) -> Bool

    private func write(_ filter: BSONDocument, _ document: BSONDocument, _ upsert: Bool,
                       _ function: UpdateFunction) throws(MongoError) -> UpdateResult {
        let opts: BSONDocument = ["upsert": .bool(upsert)]
        let reply = try withCollection { (coll) throws(MongoError) -> BSONDocument in
            try filter.withBSONPointer { (f) throws(MongoError) -> BSONDocument in
                try document.withBSONPointer { (d) throws(MongoError) -> BSONDocument in
                    try opts.withBSONPointer { (o) throws(MongoError) -> BSONDocument in
                        try withReply { reply, error in function(coll, f, d, o, reply, error) }
                    }
                }
            }
        }
        return UpdateResult(matchedCount: reply["matchedCount"]?.intValue ?? 0,
                            modifiedCount: reply["modifiedCount"]?.intValue ?? 0,
                            upsertedID: reply["upsertedId"])
    }
}
