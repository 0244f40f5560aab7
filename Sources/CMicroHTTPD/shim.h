#pragma once
#include <stdint.h>
#include <stdarg.h>
#include <string.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <microhttpd.h>

// MHD_start_daemon is variadic: one typed twin with the options Corridor uses.
static inline struct MHD_Daemon *corridor_mhd_start(unsigned int flags, const char *ipv4, uint16_t port,
        MHD_AccessHandlerCallback handler, void *handler_cls,
        MHD_RequestCompletedCallback completed, void *completed_cls,
        unsigned int connection_limit, unsigned int timeout_seconds, size_t memory_limit) {
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    if (inet_pton(AF_INET, ipv4, &addr.sin_addr) != 1) return NULL;
    return MHD_start_daemon(flags, port, NULL, NULL, handler, handler_cls,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
        MHD_OPTION_NOTIFY_COMPLETED, completed, completed_cls,
        MHD_OPTION_CONNECTION_LIMIT, connection_limit,
        MHD_OPTION_CONNECTION_TIMEOUT, timeout_seconds,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, memory_limit,
        MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned int)1,
        MHD_OPTION_END);
}

static inline uint16_t corridor_mhd_bound_port(struct MHD_Daemon *d) {
    const union MHD_DaemonInfo *i = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    return i ? i->port : 0;
}

// The client's IPv4/IPv6 address as text, and whether it is loopback.
static inline int corridor_mhd_client_address(struct MHD_Connection *c, char *out, size_t n) {
    const union MHD_ConnectionInfo *i = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (!i || !i->client_addr) { out[0] = 0; return 0; }
    const struct sockaddr *sa = i->client_addr;
    if (sa->sa_family == AF_INET) {
        const struct sockaddr_in *a = (const struct sockaddr_in *)sa;
        inet_ntop(AF_INET, &a->sin_addr, out, (socklen_t)n);
        return (ntohl(a->sin_addr.s_addr) >> 24) == 127;
    }
    if (sa->sa_family == AF_INET6) {
        const struct sockaddr_in6 *a = (const struct sockaddr_in6 *)sa;
        inet_ntop(AF_INET6, &a->sin6_addr, out, (socklen_t)n);
        return IN6_IS_ADDR_LOOPBACK(&a->sin6_addr);
    }
    out[0] = 0;
    return 0;
}

// Enum constants as plain values (the header's fixed enums import awkwardly).
static const enum MHD_Result CORRIDOR_MHD_YES = MHD_YES;
static const enum MHD_Result CORRIDOR_MHD_NO = MHD_NO;
static const enum MHD_ValueKind CORRIDOR_MHD_HEADER_KIND = MHD_HEADER_KIND;
static const enum MHD_ValueKind CORRIDOR_MHD_GET_ARGUMENT_KIND = MHD_GET_ARGUMENT_KIND;
static const enum MHD_ResponseMemoryMode CORRIDOR_MHD_RESPMEM_MUST_COPY = MHD_RESPMEM_MUST_COPY;
