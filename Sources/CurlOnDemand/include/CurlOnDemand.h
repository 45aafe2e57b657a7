#ifndef CURL_ON_DEMAND_H
#define CURL_ON_DEMAND_H

/// 1 once the real libcurl has been loaded by a first call to one of the functions below.
int curl_on_demand_loaded(void);

// Some of the stand-ins, declared for the tests (Swift cannot call the variadic ones).
char *curl_version(void);
void *curl_easy_init(void);
void curl_easy_cleanup(void *curl);
void *curl_url(void);
int curl_url_set(void *url, int part, const char *content, unsigned int flags);
int curl_url_get(void *url, int part, char **content, unsigned int flags);
void curl_free(void *pointer);

#endif
