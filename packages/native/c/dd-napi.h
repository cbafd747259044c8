#ifndef DD_NAPI_H
#define DD_NAPI_H
#include <node_api.h>
#include "dd.h"

typedef struct dd_layout {
  size_t count;
  dd_column columns[];
} dd_layout;

/* dd-napi-wire.c: rows in a server's wire format (PostgreSQL COPY text, MySQL text rows). */
void dd_napi_register_wire(napi_env env, napi_value exports);

#endif
