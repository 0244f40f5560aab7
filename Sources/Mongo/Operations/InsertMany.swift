/// What `insertMany` did.
public struct InsertManyResult: Sendable, Equatable {
    /// Documents the server inserted.
    public var insertedCount: Int
    /// Positions (in the documents passed in) rejected because their `_id` or another unique
    /// key was already there (code 11000), in increasing order.
    public var duplicateIndexes: [Int]
}

extension MongoCollection {
    /// Inserts `documents` in one bulk write. Blocking.
    ///
    /// Duplicate keys (11000) are not errors here: they are reported by position in
    /// `duplicateIndexes`, which is how insert-with-`_id` deduplicates. Use `ordered: false`
    /// (the default) so the server tries every document; `ordered: true` stops at the first
    /// duplicate. Any other per-document error is thrown (its `writeErrors` lists them all);
    /// a retriable error means some documents may already be in, and will show as duplicates
    /// on a retry.
    public func insertMany(_ documents: [BSONDocument], ordered: Bool = false) throws(MongoError) -> InsertManyResult {
        let result = try bulkWrite(documents.map(WriteModel.insertOne), ordered: ordered)
        if let other = result.writeErrors.first(where: { !$0.isDuplicateKey }) {
            throw MongoError(domain: .server, code: other.code,
                             message: "insertMany: document \(other.index): \(other.message)",
                             writeErrors: result.writeErrors)
        }
        return InsertManyResult(insertedCount: result.insertedCount,
                                duplicateIndexes: result.writeErrors.map(\.index).sorted())
    }

    /// Inserts one document; throws a duplicate-key error (`isDuplicateKey`) if it is there. Blocking.
    public func insertOne(_ document: BSONDocument) throws(MongoError) {
        let result = try bulkWrite([.insertOne(document)], ordered: true)
        if let e = result.writeErrors.first {
            throw MongoError(domain: .server, code: e.code, message: e.message, writeErrors: result.writeErrors)
        }
    }
}
