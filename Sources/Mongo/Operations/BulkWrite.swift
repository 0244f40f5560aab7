import CMongoC

/// One operation of a bulk write.
public enum WriteModel: Sendable {
    case insertOne(BSONDocument)
    /// `update` holds update operators (`$set`, `$inc`, …).
    case updateOne(filter: BSONDocument, update: BSONDocument, upsert: Bool)
    case updateMany(filter: BSONDocument, update: BSONDocument, upsert: Bool)
    /// `replacement` is a whole document (no operators).
    case replaceOne(filter: BSONDocument, replacement: BSONDocument, upsert: Bool)
    case deleteOne(filter: BSONDocument)
    case deleteMany(filter: BSONDocument)
}

/// What a bulk write did, including the operations the server rejected one by one.
public struct BulkWriteResult: Sendable, Equatable {
    public var insertedCount = 0
    public var matchedCount = 0
    public var modifiedCount = 0
    public var deletedCount = 0
    public var upsertedCount = 0
    /// Positions (in the models passed in) of the operations that inserted by upsert.
    public var upsertedIndexes: [Int] = []
    /// Operations rejected one by one (duplicate key, invalid update, …), by position.
    public var writeErrors: [WriteError] = []

    public init() {}
}

extension MongoCollection {
    /// Executes `models` as one bulk write (libmongoc splits it into server batches). Blocking.
    ///
    /// Per-operation rejections are **returned** in `writeErrors`, with their indexes into
    /// `models`; with `ordered: true` the server stops at the first one, with `ordered: false`
    /// it tries every operation. Throws when the batch as a whole failed: network or server
    /// selection (retriable; some operations may already have been applied), a write-concern
    /// error, or an invalid model (an update without operators, a replacement with them).
    public func bulkWrite(_ models: [WriteModel], ordered: Bool = true) throws(MongoError) -> BulkWriteResult {
        if models.isEmpty { return BulkWriteResult() }  // libmongoc rejects an empty bulk
        return try withCollection { (coll) throws(MongoError) -> BulkWriteResult in
            let opts: BSONDocument = ["ordered": .bool(ordered)]
            let bulk = try opts.withBSONPointer { (o) throws(MongoError) -> OpaquePointer in
                guard let b = mongoc_collection_create_bulk_operation_with_opts(coll, o) else {
                    throw MongoError.invalidArgument("cannot create bulk operation")
                }
                return b
            }
            defer { mongoc_bulk_operation_destroy(bulk) }
            for model in models { try Self.add(model, to: bulk) }

            let (ok, doc, error) = callWithReply { reply, error in
                mongoc_bulk_operation_execute(bulk, reply, error) != 0  // 0: failure, else a server id
            }
            let result = Self.result(from: doc)
            if !ok {
                let mapped = MongoError(error, reply: doc, writeErrors: result.writeErrors)
                // Write errors alone are an answer; anything else means the batch did not complete.
                if result.writeErrors.isEmpty || mapped.isRetriable || mapped.domain == .writeConcern {
                    throw mapped
                }
            }
            if let wce = doc["writeConcernErrors"]?.arrayValue?.first?.documentValue {
                throw MongoError(domain: .writeConcern, code: wce["code"]?.intValue ?? 64,
                                 message: wce["errmsg"]?.stringValue ?? "write concern error",
                                 writeErrors: result.writeErrors)
            }
            return result
        }
    }

    private static func add(_ model: WriteModel, to bulk: OpaquePointer) throws(MongoError) {
        var error = bson_error_t()
        let ok: Bool
        switch model {
        case .insertOne(let doc):
            ok = try doc.withBSONPointer { (d) throws(MongoError) -> Bool in
                mongoc_bulk_operation_insert_with_opts(bulk, d, nil, &error)
            }
        case .updateOne(let filter, let update, let upsert):
            ok = try withFilterAndDocument(filter, update, upsert) { f, u, o in
                mongoc_bulk_operation_update_one_with_opts(bulk, f, u, o, &error)
            }
        case .updateMany(let filter, let update, let upsert):
            ok = try withFilterAndDocument(filter, update, upsert) { f, u, o in
                mongoc_bulk_operation_update_many_with_opts(bulk, f, u, o, &error)
            }
        case .replaceOne(let filter, let replacement, let upsert):
            ok = try withFilterAndDocument(filter, replacement, upsert) { f, r, o in
                mongoc_bulk_operation_replace_one_with_opts(bulk, f, r, o, &error)
            }
        case .deleteOne(let filter):
            ok = try filter.withBSONPointer { (f) throws(MongoError) -> Bool in
                mongoc_bulk_operation_remove_one_with_opts(bulk, f, nil, &error)
            }
        case .deleteMany(let filter):
            ok = try filter.withBSONPointer { (f) throws(MongoError) -> Bool in
                mongoc_bulk_operation_remove_many_with_opts(bulk, f, nil, &error)
            }
        }
        if !ok { throw MongoError(error) }
    }

    private static func withFilterAndDocument(
        _ filter: BSONDocument, _ document: BSONDocument, _ upsert: Bool,
        _ body: (OpaquePointer, OpaquePointer, OpaquePointer) -> Bool
    ) throws(MongoError) -> Bool {
        let opts: BSONDocument = ["upsert": .bool(upsert)]
        return try filter.withBSONPointer { (f) throws(MongoError) -> Bool in
            try document.withBSONPointer { (d) throws(MongoError) -> Bool in
                try opts.withBSONPointer { (o) throws(MongoError) -> Bool in body(f, d, o) }
            }
        }
    }

    /// Reads libmongoc's merged bulk reply (its indexes are already relative to the whole bulk).
    static func result(from reply: BSONDocument) -> BulkWriteResult {
        var r = BulkWriteResult()
        r.insertedCount = reply["nInserted"]?.intValue ?? 0
        r.matchedCount = reply["nMatched"]?.intValue ?? 0
        r.modifiedCount = reply["nModified"]?.intValue ?? 0
        r.deletedCount = reply["nRemoved"]?.intValue ?? 0
        r.upsertedCount = reply["nUpserted"]?.intValue ?? 0
        r.upsertedIndexes = (reply["upserted"]?.arrayValue ?? []).compactMap { $0["index"]?.intValue }
        r.writeErrors = (reply["writeErrors"]?.arrayValue ?? []).compactMap { e in
            guard let index = e["index"]?.intValue else { return nil }
            return WriteError(index: index, code: e["code"]?.intValue ?? 0,
                              message: e["errmsg"]?.stringValue ?? "")
        }
        return r
    }
}
