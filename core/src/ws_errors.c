/*
 * ws_errors.c -- the WebSocket engine's two tables: frame errors (names,
 * reasons, close codes) and handshake results (names, reasons, HTTP status),
 * and the rule for close codes on the wire.
 */
#include "h1/h1_ws.h"

static const char *const ws_names[] = {
#define WS_NAME(name, str, code, reason) str,
    H1_WS_ERRNO_MAP(WS_NAME)
#undef WS_NAME
};

static const char *const ws_reasons[] = {
#define WS_REASON(name, str, code, reason) reason,
    H1_WS_ERRNO_MAP(WS_REASON)
#undef WS_REASON
};

static const uint16_t ws_codes[] = {
#define WS_CODE(name, str, code, reason) code,
    H1_WS_ERRNO_MAP(WS_CODE)
#undef WS_CODE
};

static const char *const hs_names[] = {
#define HS_NAME(name, str, status, reason) str,
    H1_WS_HS_MAP(HS_NAME)
#undef HS_NAME
};

static const char *const hs_reasons[] = {
#define HS_REASON(name, str, status, reason) reason,
    H1_WS_HS_MAP(HS_REASON)
#undef HS_REASON
};

static const uint16_t hs_statuses[] = {
#define HS_STATUS(name, str, status, reason) status,
    H1_WS_HS_MAP(HS_STATUS)
#undef HS_STATUS
};

const char *h1_ws_errno_name(h1_ws_errno e) {
  return (unsigned)e < H1_WS_E__COUNT ? ws_names[e] : "WS_UNKNOWN";
}

const char *h1_ws_errno_reason(h1_ws_errno e) {
  return (unsigned)e < H1_WS_E__COUNT ? ws_reasons[e] : "Unknown error";
}

unsigned h1_ws_errno_close_code(h1_ws_errno e) {
  return (unsigned)e < H1_WS_E__COUNT ? ws_codes[e] : 0u;
}

const char *h1_ws_hs_name(h1_ws_hs e) {
  return (unsigned)e < H1_WS_HS__COUNT ? hs_names[e] : "WS_HS_UNKNOWN";
}

const char *h1_ws_hs_reason(h1_ws_hs e) {
  return (unsigned)e < H1_WS_HS__COUNT ? hs_reasons[e] : "Unknown result";
}

unsigned h1_ws_hs_status(h1_ws_hs e) {
  return (unsigned)e < H1_WS_HS__COUNT ? hs_statuses[e] : 0u;
}

/* RFC 6455 7.4.1 defines 1000-1011 (1004 reserved, 1005 and 1006 never on
 * the wire); IANA registered 1012-1014 since, 1015 is never sent either.
 * 3000-3999 are registered by libraries, 4000-4999 private. */
int h1_ws_close_code_valid(unsigned code) {
  if (code >= 3000u && code <= 4999u)
    return 1;
  return code >= 1000u && code <= 1014u && code != 1004u && code != 1005u &&
         code != 1006u;
}
