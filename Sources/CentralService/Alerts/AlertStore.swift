import CorridorModel
import Foundation
import Mongo

/// Opens, updates and resolves documents of `alerts` so that each (rule, station, pole) has
/// at most one open alert. Subjects belong to one consumer at a time (a station's events all
/// land in one partition), so a read-then-write per batch does not race another replica.
struct AlertStore: Sendable {
    let collection: MongoCollection

    struct Changes: Sendable, Equatable { var opened = 0, updated = 0, resolved = 0 }

    @discardableResult
    func reconcile(_ verdicts: [(AlertSubject, AlertVerdict)], now: Timestamp) throws(MongoError) -> Changes {
        guard !verdicts.isEmpty else { return Changes() }
        let stations = Array(Set(verdicts.map(\.0.stationID))).sorted()
        let open = try collection.find(["state": "open", "station_id": ["$in": .array(stations.map { .string($0) })]])
        var openBySubject: [AlertSubject: BSONDocument] = [:]
        for d in open {
            guard let rule = d["rule"]?.stringValue.flatMap(AlertRule.init(rawValue:)),
                  let station = d["station_id"]?.stringValue else { continue }
            let service = d["service"]?.stringValue.flatMap(ServicePole.init(rawValue:))
            openBySubject[AlertSubject(rule: rule, stationID: station, service: service)] = d
        }
        var models: [WriteModel] = []
        var changes = Changes()
        for (subject, verdict) in verdicts {
            let existing = openBySubject[subject]
            switch (verdict, existing) {
            case (.firing(let value, let threshold, let message), nil):
                models.append(.insertOne([
                    "_id": .string(UUID().uuidString.lowercased()),
                    "rule": .string(subject.rule.rawValue),
                    "station_id": .string(subject.stationID),
                    "service": subject.service.map { .string($0.rawValue) } ?? .null,
                    "state": "open",
                    "opened_at": .datetime(now.millis),
                    "updated_at": .datetime(now.millis),
                    "resolved_at": .null,
                    "value": .double(value),
                    "threshold": .double(threshold),
                    "message": .string(message),
                ]))
                changes.opened += 1
            // Replacements, not $set: nx-27017 stores a datetime written by an update
            // operator as a string; we hold the whole document anyway.
            case (.firing(let value, let threshold, let message), var doc?):
                doc["value"] = .double(value)
                doc["threshold"] = .double(threshold)
                doc["message"] = .string(message)
                doc["updated_at"] = .datetime(now.millis)
                models.append(.replaceOne(filter: ["_id": doc["_id"]!], replacement: doc, upsert: false))
                changes.updated += 1
            case (.clear, var doc?):
                doc["state"] = "resolved"
                doc["resolved_at"] = .datetime(now.millis)
                doc["updated_at"] = .datetime(now.millis)
                models.append(.replaceOne(filter: ["_id": doc["_id"]!], replacement: doc, upsert: false))
                changes.resolved += 1
            case (.clear, nil):
                break
            }
        }
        let result = try collection.bulkWrite(models, ordered: false)
        if let e = result.writeErrors.first {
            throw MongoError(domain: .server, code: e.code, message: "alerts: \(e.message)", writeErrors: result.writeErrors)
        }
        return changes
    }
}
