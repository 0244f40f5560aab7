import CMongoC

extension MongoCollection {
    /// Documents matching `filter`, all read into memory (use `limit` for big collections). Blocking.
    /// - Parameters:
    ///   - sort: e.g. `["captured_at": -1]`.
    ///   - projection: e.g. `["_id": 0, "rating": 1]`.
    public func find(
        _ filter: BSONDocument = [:], sort: BSONDocument? = nil, skip: Int? = nil, limit: Int? = nil,
        projection: BSONDocument? = nil
    ) throws(MongoError) -> [BSONDocument] {
        var opts = BSONDocument()
        if let sort { opts["sort"] = .document(sort) }
        if let skip { opts["skip"] = .int64(Int64(skip)) }
        if let limit { opts["limit"] = .int64(Int64(limit)) }
        if let projection { opts["projection"] = .document(projection) }
        return try withCollection { (coll) throws(MongoError) -> [BSONDocument] in
            try filter.withBSONPointer { (f) throws(MongoError) -> [BSONDocument] in
                try opts.withBSONPointer { (o) throws(MongoError) -> [BSONDocument] in
                    guard let cursor = mongoc_collection_find_with_opts(coll, f, o, nil) else {
                        throw MongoError.invalidArgument("find: no cursor")
                    }
                    return try drainCursor(cursor)
                }
            }
        }
    }

    /// The first document matching `filter` (in `sort` order), or nil. Blocking.
    public func findOne(_ filter: BSONDocument = [:], sort: BSONDocument? = nil,
                        projection: BSONDocument? = nil) throws(MongoError) -> BSONDocument? {
        try find(filter, sort: sort, limit: 1, projection: projection).first
    }
}
