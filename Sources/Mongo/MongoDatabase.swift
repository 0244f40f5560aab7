import CMongoC

/// A database of a `MongoClient`: a name and the pool, cheap to copy, safe to share.
public struct MongoDatabase: Sendable {
    public let client: MongoClient
    public let name: String

    /// A collection handle (no I/O).
    public func collection(_ name: String) -> MongoCollection {
        MongoCollection(client: client, databaseName: self.name, name: name)
    }

    /// Runs a command on this database and returns the reply. Blocking.
    public func runCommand(_ command: BSONDocument) throws(MongoError) -> BSONDocument {
        try client.runCommand(command, database: name)
    }

    /// Drops the whole database. Blocking.
    public func drop() throws(MongoError) {
        try client.withClient { (c) throws(MongoError) in
            guard let db = mongoc_client_get_database(c, name) else {
                throw MongoError.invalidArgument("invalid database name \(name.debugDescription)")
            }
            defer { mongoc_database_destroy(db) }
            var error = bson_error_t()
            guard mongoc_database_drop_with_opts(db, nil, &error) else { throw MongoError(error) }
        }
    }

    /// Names of the collections in this database. Blocking.
    public func collectionNames() throws(MongoError) -> [String] {
        try client.withClient { (c) throws(MongoError) -> [String] in
            guard let db = mongoc_client_get_database(c, name) else {
                throw MongoError.invalidArgument("invalid database name \(name.debugDescription)")
            }
            defer { mongoc_database_destroy(db) }
            var error = bson_error_t()
            guard let names = mongoc_database_get_collection_names_with_opts(db, nil, &error) else {
                throw MongoError(error)
            }
            defer { bson_strfreev(names) }
            var out: [String] = []
            var i = 0
            while let p = names[i] { out.append(String(cString: p)); i += 1 }
            return out
        }
    }
}
