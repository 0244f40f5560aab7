import CMongoC

/// The one error type of the Mongo wrapper: a libmongoc `bson_error_t` (domain, code, message)
/// plus what the server's reply said (error labels, per-document write errors).
public struct MongoError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the error comes from (libmongoc's error domains, error API version 2).
    public enum Domain: Sendable, Equatable {
        case client, stream, `protocol`, cursor, query, insert, sasl, bson, matcher, namespace
        case command, collection, gridfs, scram, serverSelection, writeConcern, server
        case transaction, clientSideEncryption, pool
        /// A domain number this wrapper does not know.
        case other(UInt32)
    }

    public let domain: Domain
    /// The server's error code (11000 duplicate key, 26 namespace not found, …) for domains
    /// `.server`, `.writeConcern`, or libmongoc's own code for the others.
    public let code: Int
    public let message: String
    /// The server's `errorLabels` (e.g. `RetryableWriteError`), when it sent any.
    public let labels: [String]
    /// Per-document write errors of a bulk write, when the error comes from one.
    public let writeErrors: [WriteError]

    public init(domain: Domain, code: Int, message: String, labels: [String] = [], writeErrors: [WriteError] = []) {
        self.domain = domain
        self.code = code
        self.message = message
        self.labels = labels
        self.writeErrors = writeErrors
    }

    /// True when the same call may succeed later (server unreachable, network failure,
    /// primary stepping down, shutdown, write-concern timeout): a consumer should keep its
    /// batch and retry. False for errors that a retry would only repeat.
    public var isRetriable: Bool {
        if labels.contains(where: { Self.retriableLabels.contains($0) }) { return true }
        switch domain {
        case .stream, .serverSelection:
            return true
        case .client:
            // CLIENT_NOT_READY: the topology is not connected yet.
            return code == Int(MONGOC_ERROR_CLIENT_NOT_READY.rawValue)
        case .server, .writeConcern, .command, .query:
            return Self.retriableServerCodes.contains(code)
        default:
            return false
        }
    }

    /// True for a duplicate key (code 11000): the document is already there.
    public var isDuplicateKey: Bool { code == 11000 && domain != .client && domain != .stream }

    public var description: String {
        var s = "MongoError(\(domain), \(code)): \(message)"
        if !labels.isEmpty { s += " labels=\(labels)" }
        if !writeErrors.isEmpty { s += " writeErrors=\(writeErrors.count)" }
        return s
    }

    // Codes the MongoDB retryable-writes/reads specifications treat as transient, plus
    // WriteConcernFailed (64: a write-concern timeout, the write may still land) and
    // MaxTimeMSExpired (50: the server was too busy this time).
    static let retriableServerCodes: Set<Int> = [
        6, 7, 50, 64, 89, 91, 134, 189, 262, 9001, 10107, 11600, 11602, 13435, 13436,
    ]
    static let retriableLabels: Set<String> = ["RetryableWriteError", "TransientTransactionError", "NetworkError"]

    static func bson(_ message: String) -> MongoError {
        MongoError(domain: .bson, code: Int(MONGOC_ERROR_BSON_INVALID.rawValue), message: message)
    }

    static func invalidArgument(_ message: String) -> MongoError {
        MongoError(domain: .command, code: Int(MONGOC_ERROR_COMMAND_INVALID_ARG.rawValue), message: message)
    }
}

/// One document's failure inside a bulk write.
public struct WriteError: Sendable, Equatable {
    /// Position of the failed operation in the models (or documents) passed to the bulk call.
    public let index: Int
    public let code: Int
    public let message: String

    public var isDuplicateKey: Bool { code == 11000 }
}

extension MongoError {
    /// The one mapping from libmongoc's `bson_error_t` (domain, code, message) to `MongoError`;
    /// `reply`, when given, contributes the server's error labels.
    init(_ error: bson_error_t, reply: BSONDocument? = nil, writeErrors: [WriteError] = []) {
        let message = withUnsafeBytes(of: error.message) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        var labels: [String] = []
        if let list = reply?["errorLabels"]?.arrayValue {
            labels = list.compactMap(\.stringValue)
        }
        self.init(domain: Domain(error.domain), code: Int(error.code), message: message,
                  labels: labels, writeErrors: writeErrors)
    }
}

extension MongoError.Domain {
    init(_ raw: UInt32) {
        switch raw {
        case MONGOC_ERROR_CLIENT.rawValue: self = .client
        case MONGOC_ERROR_STREAM.rawValue: self = .stream
        case MONGOC_ERROR_PROTOCOL.rawValue: self = .protocol
        case MONGOC_ERROR_CURSOR.rawValue: self = .cursor
        case MONGOC_ERROR_QUERY.rawValue: self = .query
        case MONGOC_ERROR_INSERT.rawValue: self = .insert
        case MONGOC_ERROR_SASL.rawValue: self = .sasl
        case MONGOC_ERROR_BSON.rawValue: self = .bson
        case MONGOC_ERROR_MATCHER.rawValue: self = .matcher
        case MONGOC_ERROR_NAMESPACE.rawValue: self = .namespace
        case MONGOC_ERROR_COMMAND.rawValue: self = .command
        case MONGOC_ERROR_COLLECTION.rawValue: self = .collection
        case MONGOC_ERROR_GRIDFS.rawValue: self = .gridfs
        case MONGOC_ERROR_SCRAM.rawValue: self = .scram
        case MONGOC_ERROR_SERVER_SELECTION.rawValue: self = .serverSelection
        case MONGOC_ERROR_WRITE_CONCERN.rawValue: self = .writeConcern
        case MONGOC_ERROR_SERVER.rawValue: self = .server
        case MONGOC_ERROR_TRANSACTION.rawValue: self = .transaction
        case MONGOC_ERROR_CLIENT_SIDE_ENCRYPTION.rawValue: self = .clientSideEncryption
        case MONGOC_ERROR_POOL.rawValue: self = .pool
        default: self = .other(raw)
        }
    }
}
