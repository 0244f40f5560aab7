internal import CRdKafka

/// The one place that turns librdkafka error values into `KafkaError`.
enum RDKafkaErrorText {
    static func name(of code: Int32) -> String {
        String(cString: rd_kafka_err2name(rd_kafka_resp_err_t(rawValue: code)))
    }

    static func text(of code: Int32) -> String {
        String(cString: rd_kafka_err2str(rd_kafka_resp_err_t(rawValue: code)))
    }
}

extension KafkaError {
    /// From a bare `rd_kafka_resp_err_t`; `detail` is prefixed to librdkafka's text.
    init(_ err: rd_kafka_resp_err_t, _ detail: String? = nil) {
        let text = RDKafkaErrorText.text(of: err.rawValue)
        self.init(code: Code(rawValue: err.rawValue), message: detail.map { "\($0): \(text)" } ?? text)
    }

    /// From an `rd_kafka_error_t`, which it destroys. librdkafka's own retriable/fatal flags are
    /// kept in addition to the code table.
    init(consuming error: OpaquePointer) {
        let code = Code(rawValue: rd_kafka_error_code(error).rawValue)
        let message = String(cString: rd_kafka_error_string(error))
        let retriable = rd_kafka_error_is_retriable(error) != 0 || code.isRetriable
        let fatal = rd_kafka_error_is_fatal(error) != 0
        rd_kafka_error_destroy(error)
        self.init(code: code, message: message, isRetriable: retriable, isFatal: fatal)
    }

    /// The wrapper's own errors (closed handle, bad argument).
    static func state(_ message: String) -> KafkaError {
        KafkaError(code: .state, message: message, isRetriable: false)
    }

    static func invalidArgument(_ message: String) -> KafkaError {
        KafkaError(code: .invalidArgument, message: message, isRetriable: false)
    }

    /// The fatal error of a handle, if it has one (`rd_kafka_fatal_error`).
    static func fatal(of handle: OpaquePointer) -> KafkaError? {
        var buffer = [CChar](repeating: 0, count: 512)
        let err = rd_kafka_fatal_error(handle, &buffer, buffer.count)
        guard err != RD_KAFKA_RESP_ERR_NO_ERROR else { return nil }
        let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return KafkaError(code: Code(rawValue: err.rawValue), message: text, isRetriable: false, isFatal: true)
    }
}
