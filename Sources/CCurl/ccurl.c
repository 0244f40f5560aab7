#include "ccurl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

static struct {
    CURLcode (*global_init)(long);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *);
    CURLcode (*easy_perform)(CURL *);
    const char *(*easy_strerror)(CURLcode);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
} fn;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static const char *load_error;
static char error_text[512];

#define CORRIDOR_SYM(field, name)                                                              \
    do {                                                                                       \
        void *p = dlsym(lib, name);                                                            \
        if (!p) {                                                                              \
            snprintf(error_text, sizeof error_text, "libcurl.so.4 has no %s", name);           \
            load_error = error_text;                                                           \
            return;                                                                            \
        }                                                                                      \
        *(void **)&fn.field = p;                                                               \
    } while (0)

static void load(void) {
    void *lib = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        snprintf(error_text, sizeof error_text, "cannot load libcurl (install libcurl4): %s", dlerror());
        load_error = error_text;
        return;
    }
    CORRIDOR_SYM(global_init, "curl_global_init");
    CORRIDOR_SYM(easy_init, "curl_easy_init");
    CORRIDOR_SYM(easy_cleanup, "curl_easy_cleanup");
    CORRIDOR_SYM(easy_perform, "curl_easy_perform");
    CORRIDOR_SYM(easy_strerror, "curl_easy_strerror");
    CORRIDOR_SYM(easy_setopt, "curl_easy_setopt");
    CORRIDOR_SYM(easy_getinfo, "curl_easy_getinfo");
    CORRIDOR_SYM(slist_append, "curl_slist_append");
    CORRIDOR_SYM(slist_free_all, "curl_slist_free_all");
    if (fn.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) load_error = "curl_global_init failed";
}

const char *corridor_curl_load(void) {
    pthread_once(&once, load);
    return load_error;
}

CURL *corridor_curl_easy_init(void) { return fn.easy_init(); }
void corridor_curl_easy_cleanup(CURL *c) { fn.easy_cleanup(c); }
CURLcode corridor_curl_easy_perform(CURL *c) { return fn.easy_perform(c); }
const char *corridor_curl_easy_strerror(CURLcode code) { return fn.easy_strerror(code); }
struct curl_slist *corridor_curl_slist_append(struct curl_slist *list, const char *s) { return fn.slist_append(list, s); }
void corridor_curl_slist_free_all(struct curl_slist *list) { fn.slist_free_all(list); }

CURLcode corridor_curl_setopt_long(CURL *c, CURLoption o, long v) { return fn.easy_setopt(c, o, v); }
CURLcode corridor_curl_setopt_ptr(CURL *c, CURLoption o, const void *v) { return fn.easy_setopt(c, o, v); }
CURLcode corridor_curl_setopt_str(CURL *c, CURLoption o, const char *v) { return fn.easy_setopt(c, o, v); }
CURLcode corridor_curl_setopt_slist(CURL *c, CURLoption o, struct curl_slist *v) { return fn.easy_setopt(c, o, v); }
CURLcode corridor_curl_setopt_writefn(CURL *c, CURLoption o, corridor_curl_write_cb f) { return fn.easy_setopt(c, o, f); }
CURLcode corridor_curl_getinfo_long(CURL *c, CURLINFO i, long *v) { return fn.easy_getinfo(c, i, v); }
