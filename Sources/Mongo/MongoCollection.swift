import CMongoC

/// A collection of a `MongoClient`: names plus the pool, cheap to copy, safe to share.
///
/// Every operation (see `Operations/`) is synchronous and **blocks** the calling thread: it
/// borrows a pooled client, opens a `mongoc_collection_t` for the call and releases both
/// before returning. Run them on your own threads or serial queues.
public struct MongoCollection: Sendable {
    public let client: MongoClient
    public let databaseName: String
    public let name: String

    /// Lends a `mongoc_collection_t` for the duration of `body`; it must not escape.
    func withCollection<R>(_ body: (OpaquePointer) throws(MongoError) -> R) throws(MongoError) -> R {
        try client.withClient { (c) throws(MongoError) -> R in
            guard let coll = mongoc_client_get_collection(c, databaseName, name) else {
                throw MongoError.invalidArgument("invalid namespace \(databaseName).\(name)")
            }
            defer { mongoc_collection_destroy(coll) }
            return try body(coll)
        }
    }
}

/// Drains a cursor into documents and destroys it; throws the cursor's error, if any.
func drainCursor(_ cursor: OpaquePointer) throws(MongoError) -> [BSONDocument] {
    defer { mongoc_cursor_destroy(cursor) }
    var out: [BSONDocument] = []
    var doc: OpaquePointer? = nil
    while mongoc_cursor_next(cursor, &doc) {
        if let doc { out.append(BSONDocument(copying: doc)) }
    }
    var error = bson_error_t()
    var reply: OpaquePointer? = nil
    if mongoc_cursor_error_document(cursor, &error, &reply) {
        throw MongoError(error, reply: reply.map { BSONDocument(copying: $0) })
    }
    return out
}

/// Calls a libmongoc function that fills an uninitialised `reply` and a `bson_error_t`;
/// returns its verdict, the reply copied into a document, and the error. The reply is destroyed.
func callWithReply(
    _ call: (OpaquePointer, UnsafeMutablePointer<bson_error_t>) -> Bool
) -> (ok: Bool, reply: BSONDocument, error: bson_error_t) {
    withUnsafeTemporaryAllocation(of: bson_t.self, capacity: 1) { buffer in
        let reply = OpaquePointer(buffer.baseAddress!)
        // libmongoc initialises `reply` itself, but not on every early-failure path in every
        // version; an empty inline bson_t owns no memory, so initialising it first leaks nothing
        // and makes the bson_destroy below always safe.
        bson_init(reply)
        defer { bson_destroy(reply) }
        var error = bson_error_t()
        let ok = call(reply, &error)
        return (ok, BSONDocument(copying: reply), error)
    }
}

/// `callWithReply`, throwing the mapped error when the call failed.
func withReply(_ call: (OpaquePointer, UnsafeMutablePointer<bson_error_t>) -> Bool) throws(MongoError) -> BSONDocument {
    let (ok, reply, error) = callWithReply(call)
    guard ok else { throw MongoError(error, reply: reply) }
    return reply
}
