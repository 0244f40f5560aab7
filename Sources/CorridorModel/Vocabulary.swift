/// The four service poles of a station.
public enum ServicePole: String, Sendable, CaseIterable, Codable {
    case fuel, shop, wash, gas

    /// The name the French UI shows.
    public var frenchName: String {
        switch self {
        case .fuel: return "Carburant"
        case .shop: return "Boutique & restauration"
        case .wash: return "Lavage auto"
        case .gas: return "Service gaz"
        }
    }
}

/// Where a review came from.
public enum ReviewChannel: String, Sendable, CaseIterable, Codable {
    case kiosk, pos, attendant, sms, api
}

/// How a transaction was paid.
public enum PaymentMethod: String, Sendable, CaseIterable, Codable {
    case cash
    case mobileMoney = "mobile_money"
    case card
    case fleetCard = "fleet_card"
}

/// The three-way customer sentiment.
public enum SentimentLabel: String, Sendable, CaseIterable, Codable, Comparable {
    case unsatisfied, neutral, satisfied

    /// The label a star rating alone implies: 1–2 unsatisfied, 3 neutral, 4–5 satisfied.
    public init(rating: Int) {
        self = rating <= 2 ? .unsatisfied : rating == 3 ? .neutral : .satisfied
    }

    private var order: Int { self == .unsatisfied ? 0 : self == .neutral ? 1 : 2 }
    public static func < (a: SentimentLabel, b: SentimentLabel) -> Bool { a.order < b.order }
}

/// What a review talks about.
public enum Aspect: String, Sendable, CaseIterable, Codable {
    case waiting        // attente, file
    case staff          // accueil
    case cleanliness    // propreté
    case price          // prix
    case availability   // disponibilité, rupture
    case quality        // qualité du produit
    case safety         // sécurité
    case fuelMeasure = "fuel_measure"   // volume servi, compteur honnête
    case washDamage = "wash_damage"     // dégâts au lavage
    case gasBottle = "gas_bottle"       // poids, fuite de la bouteille

    public var frenchName: String {
        switch self {
        case .waiting: return "Attente"
        case .staff: return "Accueil"
        case .cleanliness: return "Propreté"
        case .price: return "Prix"
        case .availability: return "Disponibilité"
        case .quality: return "Qualité"
        case .safety: return "Sécurité"
        case .fuelMeasure: return "Mesure carburant"
        case .washDamage: return "Dégâts lavage"
        case .gasBottle: return "Bouteille de gaz"
        }
    }
}

/// The kind of event an envelope carries.
public enum EventKind: String, Sendable, CaseIterable, Codable {
    case review, transaction, heartbeat

    /// The kind named by these UTF-8 bytes (`rawValue`), without building a `String`.
    public init?(utf8 bytes: UnsafeRawBufferPointer) {
        guard let k = EventKind.allCases.first(where: { k in k.rawValue.utf8.elementsEqual(bytes) }) else { return nil }
        self = k
    }

    /// `corridor.review` etc.; the envelope's `schema` is this plus `/MAJOR[.MINOR]`.
    public var schemaName: String { "corridor.\(rawValue)" }
    /// The schema string this code writes.
    public var schema: String { "\(schemaName)/\(EventKind.majorVersion)" }
    /// The default Kafka topic.
    public var defaultTopic: String {
        switch self {
        case .review: return "corridor.reviews.v1"
        case .transaction: return "corridor.transactions.v1"
        case .heartbeat: return "corridor.heartbeats.v1"
        }
    }
    public static let majorVersion = 1

    /// Parses `corridor.review/1` or `corridor.review/1.3`; nil for another major version or name.
    public init?(schema: String) {
        switch schema {  // the common case: exactly what this version writes
        case "corridor.review/1": self = .review; return
        case "corridor.transaction/1": self = .transaction; return
        case "corridor.heartbeat/1": self = .heartbeat; return
        default: break
        }
        guard let slash = schema.lastIndex(of: "/") else { return nil }
        let name = schema[..<slash]
        let version = schema[schema.index(after: slash)...]
        let major = version.split(separator: ".", maxSplits: 1).first.flatMap { Int($0) }
        guard major == EventKind.majorVersion,
              let kind = EventKind.allCases.first(where: { $0.schemaName == name }) else { return nil }
        if version.contains(".") {
            let parts = version.split(separator: ".")
            guard parts.count == 2, Int(parts[1]) != nil else { return nil }
        }
        self = kind
    }
}
