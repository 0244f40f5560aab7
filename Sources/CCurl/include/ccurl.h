#pragma once
#include <curl/curl.h>

/* libcurl, loaded on first use instead of at program start.
 *
 * Only the agent's HTTPS transport needs libcurl, and Debian's libcurl4 drags in GnuTLS (through
 * librtmp), Kerberos, LDAP and SSH libraries whose constructors run and whose pages stay resident
 * as soon as the binary is linked against it: about 3 MB of RSS on an agent that forwards over
 * Kafka and never makes an HTTP request. So the agent does not link libcurl; it dlopens
 * libcurl.so.4 the first time an HTTPS client is made (libcurl4 stays a package dependency).
 *
 * curl_easy_setopt / curl_easy_getinfo are variadic: typed twins Swift can call. */

/* NULL once libcurl is loaded and curl_global_init succeeded, else why not. Thread-safe; the
 * load is tried once. Call it (HTTPClient's init does) before any other function here. */
const char *corridor_curl_load(void);

CURL *corridor_curl_easy_init(void);
void corridor_curl_easy_cleanup(CURL *c);
CURLcode corridor_curl_easy_perform(CURL *c);
const char *corridor_curl_easy_strerror(CURLcode code);
struct curl_slist *corridor_curl_slist_append(struct curl_slist *list, const char *s);
void corridor_curl_slist_free_all(struct curl_slist *list);

CURLcode corridor_curl_setopt_long(CURL *c, CURLoption o, long v);
CURLcode corridor_curl_setopt_ptr(CURL *c, CURLoption o, const void *v);
CURLcode corridor_curl_setopt_str(CURL *c, CURLoption o, const char *v);
CURLcode corridor_curl_setopt_slist(CURL *c, CURLoption o, struct curl_slist *v);
typedef size_t (*corridor_curl_write_cb)(char *, size_t, size_t, void *);
CURLcode corridor_curl_setopt_writefn(CURL *c, CURLoption o, corridor_curl_write_cb f);
CURLcode corridor_curl_getinfo_long(CURL *c, CURLINFO i, long *v);
