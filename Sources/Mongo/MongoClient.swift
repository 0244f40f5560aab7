import CMongoC

/// libmongoc must be initialised once per process before any other call; a global `let`
/// runs its initialiser exactly once, thread-safely, on first use.
///
/// libmongoc's default log handler prints DEBUG lines (every failed server-monitor
/// heartbeat) to stdout; keep WARNING and worse, which callers see as errors anyway.
private let mongocInitialized: Void = {
    mongoc_init()
    mongoc_log_set_handler({ level, domain, message, _ in
        if level.rawValue <= MONGOC_LOG_LEVEL_WARNING.rawValue {
            mongoc_log_default_handler(level, domain, message, nil)
        }
    }, nil)
}()

/// A connection pool to one MongoDB deployment (a `mongoc_client_pool_t`).
///
/// Thread-safe: every operation borrows a `mongoc_client_t` from the pool for its duration and
/// returns it, so many threads may use one `MongoClient` at once. All operations **block** the
/// calling thread on network I/O; call them from your own thread or serial `DispatchQueue`,
/// never from Swift concurrency's cooperative pool. Connection settings (timeouts, pool size,
/// write concern) go in the URI, e.g. `mongodb://h:27017/?serverSelectionTimeoutMS=2000&maxPoolSize=8`.
public final class MongoClient: @unchecked Sendable {
    // @unchecked: mongoc_client_pool_t is documented thread-safe; the mongoc_client_t values
    // it hands out are used by one thread at a time (see `withClient`).
    private let pool: OpaquePointer

    /// Parses `uri` and creates the pool; does not connect yet (connections are made lazily).
    /// Throws on a malformed URI or an `appName` longer than 128 bytes.
    public init(uri: String, appName: String) throws(MongoError) {
        _ = mongocInitialized
        var error = bson_error_t()
        guard let parsed = mongoc_uri_new_with_error(uri, &error) else { throw MongoError(error) }
        defer { mongoc_uri_destroy(parsed) }
        guard let pool = mongoc_client_pool_new_with_error(parsed, &error) else { throw MongoError(error) }
        // Version 2 reports server errors in domain SERVER (code = the server's code), which
        // is what the error mapping and isRetriable rely on. Both calls must precede the first pop.
        _ = mongoc_client_pool_set_error_api(pool, MONGOC_ERROR_API_VERSION_2)
        guard mongoc_client_pool_set_appname(pool, appName) else {
            mongoc_client_pool_destroy(pool)
            throw MongoError.invalidArgument("appName is too long (128 bytes at most): \(appName)")
        }
        self.pool = pool
    }

    deinit {
        // Every client popped by withClient has been pushed back: leases never outlive a call.
        mongoc_client_pool_destroy(pool)
    }

    /// A database handle (no I/O).
    public func database(_ name: String) -> MongoDatabase {
        MongoDatabase(client: self, name: name)
    }

    /// Runs `{ping: 1}` on `admin`. Blocking. Fails (retriable) when no server answers within
    /// the URI's `serverSelectionTimeoutMS` (30 s by default).
    public func ping() throws(MongoError) {
        _ = try runCommand(["ping": 1], database: "admin")
    }

    /// Runs a command on a database and returns the server's reply. Blocking.
    public func runCommand(_ command: BSONDocument, database: String) throws(MongoError) -> BSONDocument {
        try withClient { (client) throws(MongoError) -> BSONDocument in
            try command.withBSONPointer { (cmd) throws(MongoError) -> BSONDocument in
                try withReply { reply, error in
                    mongoc_client_command_simple(client, database, cmd, nil, reply, error)
                }
            }
        }
    }

    /// Lends a pooled `mongoc_client_t` for the duration of `body` (blocks while the pool is
    /// exhausted, `maxPoolSize` in the URI, 100 by default). The pointer must not escape.
    func withClient<R>(_ body: (OpaquePointer) throws(MongoError) -> R) throws(MongoError) -> R {
        guard let client = mongoc_client_pool_pop(pool) else {
            throw MongoError(domain: .pool, code: 0, message: "mongoc_client_pool_pop returned no client")
        }
        defer { mongoc_client_pool_push(pool, client) }
        return try body(client)
    }
}
