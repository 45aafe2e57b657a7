// Swift's Foundation links libcurl for URLSession, which ladder never uses: FlyingFox's proxy
// handler is what brings FoundationNetworking in. Loading libcurl and the thirty libraries behind
// it (TLS, Kerberos, LDAP, SSH…) was 4.5 ms of the 8 ms every command spent before main.
//
// The functions here stand in for the libcurl functions Foundation calls. The first call loads
// the real libcurl and each call is passed on to it, so URLSession would still work if anything
// used it. They are hidden, so they take the place of libcurl's only inside the executable that
// also links Foundation statically (the release binary); `make release` links with --as-needed,
// which then leaves libcurl out of the binary's needed libraries. Debug builds link Foundation
// dynamically, and its shared library keeps calling libcurl directly.
//
// curl_easy_setopt, curl_multi_setopt and curl_easy_getinfo are variadic with exactly one
// argument after the option, a long, a curl_off_t, or a pointer: on the 64-bit ABIs Swift runs
// on, all three travel in one integer register, so passing it on as a pointer is exact.

#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#pragma GCC visibility push(hidden)
#include "CurlOnDemand.h"

// libcurl's handles are opaque, its codes and options are C enums (int), its sockets ints.
static struct {
    void (*curl_easy_cleanup)(void *);
    int (*curl_easy_getinfo)(void *, int, ...);
    void *(*curl_easy_init)(void);
    int (*curl_easy_pause)(void *, int);
    int (*curl_easy_setopt)(void *, int, ...);
    const char *(*curl_easy_strerror)(int);
    void (*curl_free)(void *);
    int (*curl_global_init)(long);
    int (*curl_multi_add_handle)(void *, void *);
    int (*curl_multi_assign)(void *, int, void *);
    int (*curl_multi_cleanup)(void *);
    void *(*curl_multi_info_read)(void *, int *);
    void *(*curl_multi_init)(void);
    int (*curl_multi_remove_handle)(void *, void *);
    int (*curl_multi_setopt)(void *, int, ...);
    int (*curl_multi_socket_action)(void *, int, int, int *);
    void *(*curl_slist_append)(void *, const char *);
    void (*curl_slist_free_all)(void *);
    void *(*curl_url)(void);
    int (*curl_url_get)(void *, int, char **, unsigned int);
    int (*curl_url_set)(void *, int, const char *, unsigned int);
    char *(*curl_version)(void);
    void *(*curl_version_info)(int);
} real;

static pthread_once_t loading = PTHREAD_ONCE_INIT;
static int loaded;

static void *resolve(void *library, const char *name) {
    void *function = dlsym(library, name);
    if (!function) {
        fprintf(stderr, "ladder: libcurl.so.4 has no %s (%s); install a libcurl of version 7.62 or later\n", name, dlerror());
        abort();
    }
    return function;
}

static void load(void) {
    void *library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        fprintf(stderr, "ladder: this needs libcurl, which could not be loaded (%s); install libcurl4\n", dlerror());
        abort();
    }
#define RESOLVE(name) *(void **)&real.name = resolve(library, #name);
    RESOLVE(curl_easy_cleanup) RESOLVE(curl_easy_getinfo) RESOLVE(curl_easy_init) RESOLVE(curl_easy_pause)
    RESOLVE(curl_easy_setopt) RESOLVE(curl_easy_strerror) RESOLVE(curl_free) RESOLVE(curl_global_init)
    RESOLVE(curl_multi_add_handle) RESOLVE(curl_multi_assign) RESOLVE(curl_multi_cleanup)
    RESOLVE(curl_multi_info_read) RESOLVE(curl_multi_init) RESOLVE(curl_multi_remove_handle)
    RESOLVE(curl_multi_setopt) RESOLVE(curl_multi_socket_action) RESOLVE(curl_slist_append)
    RESOLVE(curl_slist_free_all) RESOLVE(curl_url) RESOLVE(curl_url_get) RESOLVE(curl_url_set)
    RESOLVE(curl_version) RESOLVE(curl_version_info)
#undef RESOLVE
    __atomic_store_n(&loaded, 1, __ATOMIC_RELEASE);
}

static inline void ensure_loaded(void) { pthread_once(&loading, load); }

int curl_on_demand_loaded(void) { return __atomic_load_n(&loaded, __ATOMIC_ACQUIRE); }

void curl_easy_cleanup(void *curl) { ensure_loaded(); real.curl_easy_cleanup(curl); }
void *curl_easy_init(void) { ensure_loaded(); return real.curl_easy_init(); }
int curl_easy_pause(void *curl, int mask) { ensure_loaded(); return real.curl_easy_pause(curl, mask); }
const char *curl_easy_strerror(int code) { ensure_loaded(); return real.curl_easy_strerror(code); }
void curl_free(void *pointer) { ensure_loaded(); real.curl_free(pointer); }
int curl_global_init(long flags) { ensure_loaded(); return real.curl_global_init(flags); }
int curl_multi_add_handle(void *multi, void *curl) { ensure_loaded(); return real.curl_multi_add_handle(multi, curl); }
int curl_multi_assign(void *multi, int socket, void *pointer) { ensure_loaded(); return real.curl_multi_assign(multi, socket, pointer); }
int curl_multi_cleanup(void *multi) { ensure_loaded(); return real.curl_multi_cleanup(multi); }
void *curl_multi_info_read(void *multi, int *left) { ensure_loaded(); return real.curl_multi_info_read(multi, left); }
void *curl_multi_init(void) { ensure_loaded(); return real.curl_multi_init(); }
int curl_multi_remove_handle(void *multi, void *curl) { ensure_loaded(); return real.curl_multi_remove_handle(multi, curl); }
int curl_multi_socket_action(void *multi, int socket, int mask, int *running) {
    ensure_loaded();
    return real.curl_multi_socket_action(multi, socket, mask, running);
}
void *curl_slist_append(void *list, const char *text) { ensure_loaded(); return real.curl_slist_append(list, text); }
void curl_slist_free_all(void *list) { ensure_loaded(); real.curl_slist_free_all(list); }
void *curl_url(void) { ensure_loaded(); return real.curl_url(); }
int curl_url_get(void *url, int part, char **content, unsigned int flags) {
    ensure_loaded();
    return real.curl_url_get(url, part, content, flags);
}
int curl_url_set(void *url, int part, const char *content, unsigned int flags) {
    ensure_loaded();
    return real.curl_url_set(url, part, content, flags);
}
char *curl_version(void) { ensure_loaded(); return real.curl_version(); }
void *curl_version_info(int age) { ensure_loaded(); return real.curl_version_info(age); }

// A variadic stand-in: reads the one argument after the option and passes it on.
#define ONE_ARGUMENT_AFTER_OPTION(name)               \
    int name(void *handle, int option, ...) {         \
        va_list arguments;                            \
        va_start(arguments, option);                  \
        void *value = va_arg(arguments, void *);      \
        va_end(arguments);                            \
        ensure_loaded();                              \
        return real.name(handle, option, value);      \
    }

ONE_ARGUMENT_AFTER_OPTION(curl_easy_setopt)
ONE_ARGUMENT_AFTER_OPTION(curl_easy_getinfo)
ONE_ARGUMENT_AFTER_OPTION(curl_multi_setopt)

#pragma GCC visibility pop
