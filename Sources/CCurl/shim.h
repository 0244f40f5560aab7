#pragma once
#include <curl/curl.h>
// curl_easy_setopt / curl_easy_getinfo are variadic: typed twins Swift can call.
static inline CURLcode corridor_curl_setopt_long(CURL *c, CURLoption o, long v) { return curl_easy_setopt(c, o, v); }
static inline CURLcode corridor_curl_setopt_ptr(CURL *c, CURLoption o, const void *v) { return curl_easy_setopt(c, o, v); }
static inline CURLcode corridor_curl_setopt_str(CURL *c, CURLoption o, const char *v) { return curl_easy_setopt(c, o, v); }
static inline CURLcode corridor_curl_setopt_slist(CURL *c, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(c, o, v); }
typedef size_t (*corridor_curl_write_cb)(char *, size_t, size_t, void *);
static inline CURLcode corridor_curl_setopt_writefn(CURL *c, CURLoption o, corridor_curl_write_cb f) { return curl_easy_setopt(c, o, f); }
static inline CURLcode corridor_curl_getinfo_long(CURL *c, CURLINFO i, long *v) { return curl_easy_getinfo(c, i, v); }
