/// An error from librdkafka or from this wrapper, with the librdkafka code kept.
///
/// Match on `code` (a Swift copy of `rd_kafka_resp_err_t`) without importing the C module:
/// `catch let e as KafkaError where e.code == .queueFull`.
public struct KafkaError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The librdkafka error code (`rd_kafka_resp_err_t`); negative values are client-side errors.
    public let code: Code
    /// A human-readable message from librdkafka or from the wrapper.
    public let message: String
    /// Whether trying the same operation again later may succeed (broker down, queue full, timeout).
    public let isRetriable: Bool
    /// Whether the client handle is unusable from now on (e.g. idempotence guarantee broken);
    /// the owner must drop it and create a new one.
    public let isFatal: Bool

    public init(code: Code, message: String, isRetriable: Bool? = nil, isFatal: Bool = false) {
        self.code = code
        self.message = message
        self.isFatal = isFatal || code == .fatal
        self.isRetriable = !self.isFatal && (isRetriable ?? code.isRetriable)
    }

    public var description: String {
        "KafkaError(\(code.name), \(message)\(isRetriable ? ", retriable" : "")\(isFatal ? ", fatal" : ""))"
    }

    /// `rd_kafka_resp_err_t` values the project meets. Other values keep their raw number.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }

        // Client-side (librdkafka-internal) errors.
        public static let badMessage = Code(rawValue: -199)
        public static let badCompression = Code(rawValue: -198)
        public static let destroyed = Code(rawValue: -197)
        public static let fail = Code(rawValue: -196)
        public static let transport = Code(rawValue: -195)
        public static let resolve = Code(rawValue: -193)
        public static let messageTimedOut = Code(rawValue: -192)
        public static let partitionEOF = Code(rawValue: -191)
        public static let unknownPartition = Code(rawValue: -190)
        public static let unknownTopic = Code(rawValue: -188)
        public static let allBrokersDown = Code(rawValue: -187)
        public static let invalidArgument = Code(rawValue: -186)
        public static let timedOut = Code(rawValue: -185)
        public static let queueFull = Code(rawValue: -184)
        public static let waitCoordinator = Code(rawValue: -180)
        public static let unknownGroup = Code(rawValue: -179)
        public static let assignPartitions = Code(rawValue: -175)
        public static let revokePartitions = Code(rawValue: -174)
        public static let state = Code(rawValue: -172)
        public static let noOffset = Code(rawValue: -168)
        public static let timedOutQueue = Code(rawValue: -166)
        public static let purgeQueue = Code(rawValue: -152)
        public static let purgeInflight = Code(rawValue: -151)
        public static let fatal = Code(rawValue: -150)
        public static let maxPollExceeded = Code(rawValue: -147)
        public static let notConfigured = Code(rawValue: -145)
        public static let assignmentLost = Code(rawValue: -142)
        // Broker errors (Kafka protocol).
        public static let unknown = Code(rawValue: -1)
        public static let noError = Code(rawValue: 0)
        public static let offsetOutOfRange = Code(rawValue: 1)
        public static let invalidMessage = Code(rawValue: 2)
        public static let unknownTopicOrPartition = Code(rawValue: 3)
        public static let invalidMessageSize = Code(rawValue: 4)
        public static let leaderNotAvailable = Code(rawValue: 5)
        public static let notLeaderForPartition = Code(rawValue: 6)
        public static let requestTimedOut = Code(rawValue: 7)
        public static let brokerNotAvailable = Code(rawValue: 8)
        public static let messageSizeTooLarge = Code(rawValue: 10)
        public static let networkException = Code(rawValue: 13)
        public static let coordinatorLoadInProgress = Code(rawValue: 14)
        public static let coordinatorNotAvailable = Code(rawValue: 15)
        public static let notCoordinator = Code(rawValue: 16)
        public static let recordListTooLarge = Code(rawValue: 18)
        public static let notEnoughReplicas = Code(rawValue: 19)
        public static let notEnoughReplicasAfterAppend = Code(rawValue: 20)
        public static let illegalGeneration = Code(rawValue: 22)
        public static let unknownMemberID = Code(rawValue: 25)
        public static let rebalanceInProgress = Code(rawValue: 27)
        public static let topicAuthorizationFailed = Code(rawValue: 29)
        public static let topicAlreadyExists = Code(rawValue: 36)
        public static let invalidPartitions = Code(rawValue: 37)
        public static let invalidReplicationFactor = Code(rawValue: 38)
        public static let outOfOrderSequenceNumber = Code(rawValue: 45)
        public static let duplicateSequenceNumber = Code(rawValue: 46)
        public static let invalidProducerEpoch = Code(rawValue: 47)
        public static let unknownProducerID = Code(rawValue: 59)
        public static let invalidRecord = Code(rawValue: 87)

        /// Codes after which the same request may succeed later. A delivery that failed with one
        /// of these is "retry later"; any other delivery failure is "rejected for good".
        static let retriableCodes: Set<Code> = [
            .destroyed, .transport, .resolve, .messageTimedOut, .allBrokersDown, .timedOut,
            .queueFull, .waitCoordinator, .timedOutQueue, .purgeQueue, .purgeInflight,
            .unknownTopic, .unknownTopicOrPartition, .leaderNotAvailable, .notLeaderForPartition,
            .requestTimedOut, .brokerNotAvailable, .networkException, .coordinatorLoadInProgress,
            .coordinatorNotAvailable, .notCoordinator, .notEnoughReplicas,
            .notEnoughReplicasAfterAppend, .rebalanceInProgress, .illegalGeneration,
            .unknownMemberID, .unknownProducerID, .unknown,
        ]

        /// Whether this code, on its own, means "try again later".
        public var isRetriable: Bool { Self.retriableCodes.contains(self) }

        /// librdkafka's symbolic name, e.g. `_QUEUE_FULL` or `TOPIC_ALREADY_EXISTS`.
        public var name: String { RDKafkaErrorText.name(of: rawValue) }
        public var description: String { name }
    }
}
