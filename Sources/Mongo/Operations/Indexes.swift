import CMongoC

extension MongoCollection {
    /// Creates an index (a no-op when the same index exists). Blocking.
    /// - Parameters:
    ///   - keys: e.g. `["station_id": 1, "captured_at": -1]`.
    ///   - name: defaults to MongoDB's convention, `station_id_1_captured_at_-1`.
    ///   - expireAfterSeconds: makes it a TTL index (on a single datetime field): the server
    ///     deletes a document that many seconds after the field's value.
    public func createIndex(
        _ keys: BSONDocument, name: String? = nil, unique: Bool = false, expireAfterSeconds: Int? = nil
    ) throws(MongoError) {
        var index: BSONDocument = ["key": .document(keys), "name": .string(name ?? Self.indexName(keys))]
        if unique { index["unique"] = true }
        if let expireAfterSeconds { index["expireAfterSeconds"] = .int32(Int32(clamping: expireAfterSeconds)) }
        let command: BSONDocument = ["createIndexes": .string(self.name), "indexes": [.document(index)]]
        _ = try withCollection { (coll) throws(MongoError) -> BSONDocument in
            try command.withBSONPointer { (cmd) throws(MongoError) -> BSONDocument in
                try withReply { reply, error in
                    mongoc_collection_write_command_with_opts(coll, cmd, nil, reply, error)
                }
            }
        }
    }

    /// The collection's index specifications (`{v, key, name, expireAfterSeconds?, …}`). Blocking.
    public func listIndexes() throws(MongoError) -> [BSONDocument] {
        try withCollection { (coll) throws(MongoError) -> [BSONDocument] in
            guard let cursor = mongoc_collection_find_indexes_with_opts(coll, nil) else {
                throw MongoError.invalidArgument("listIndexes: no cursor")
            }
            return try drainCursor(cursor)
        }
    }

    static func indexName(_ keys: BSONDocument) -> String {
        keys.elements.map { key, value in
            let direction = value.intValue.map(String.init) ?? value.stringValue ?? "1"
            return "\(key)_\(direction)"
        }.joined(separator: "_")
    }
}
