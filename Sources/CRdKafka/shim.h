#pragma once
#include <librdkafka/rdkafka.h>

/* Typed constructors for rd_kafka_vu_t, the argument of the non-variadic rd_kafka_produceva.
 * Swift can reach the anonymous union, but these keep the union layout out of Swift code. */

static inline rd_kafka_vu_t corridor_vu_topic(const char *topic) {
    rd_kafka_vu_t vu; vu.vtype = RD_KAFKA_VTYPE_TOPIC; vu.u.cstr = topic; return vu;
}
static inline rd_kafka_vu_t corridor_vu_rkt(rd_kafka_topic_t *rkt) {
    rd_kafka_vu_t vu; vu.vtype = RD_KAFKA_VTYPE_RKT; vu.u.rkt = rkt; return vu;
}
static inline rd_kafka_vu_t corridor_vu_partition(int32_t partition) {
    rd_kafka_vu_t vu; vu.vtype = RD_KAFKA_VTYPE_PARTITION; vu.u.i32 = partition; return vu;
}
static inline rd_kafka_vu_t corridor_vu_value(const void *ptr, size_t size) {
    rd_kafka_vu_t vu; vu.vtype = RD_KAFKA_VTYPE_VALUE; vu.u.mem.ptr = (void *)ptr; vu.u.mem.size = size; return vu;
}
static inline rd_kafka_vu_t corridor_vu_key(const void *ptr, size_t size) {
    rd_kafka_vu_t vu; vu.vtype = RD_KAFKA_VTYPE_KEY; vu.u.mem.ptr = (void *)ptr; vu.u.mem.size = size; return vu;
}
static inline rd_kafka_vu_t corridor_vu_opaque(void *opaque) {
    rd_kafka_vu_t vu; vu.vtype = RD_KAFKA_VTYPE_OPAQUE; vu.u.ptr = opaque; return vu;
}
static inline rd_kafka_vu_t corridor_vu_msgflags(int flags) {
    rd_kafka_vu_t vu; vu.vtype = RD_KAFKA_VTYPE_MSGFLAGS; vu.u.i = flags; return vu;
}
static inline rd_kafka_vu_t corridor_vu_timestamp(int64_t millis) {
    rd_kafka_vu_t vu; vu.vtype = RD_KAFKA_VTYPE_TIMESTAMP; vu.u.i64 = millis; return vu;
}
/* Header values are copied by librdkafka. */
static inline rd_kafka_vu_t corridor_vu_header(const char *name, const void *value, ssize_t size) {
    rd_kafka_vu_t vu; vu.vtype = RD_KAFKA_VTYPE_HEADER;
    vu.u.header.name = name; vu.u.header.val = value; vu.u.header.size = size; return vu;
}

/* RD_KAFKA_PARTITION_UA and RD_KAFKA_MSG_F_COPY are macros; give Swift typed constants. */
static const int32_t corridor_partition_unassigned = RD_KAFKA_PARTITION_UA;
static const int corridor_msg_f_copy = RD_KAFKA_MSG_F_COPY;
static const int64_t corridor_offset_invalid = RD_KAFKA_OFFSET_INVALID;
