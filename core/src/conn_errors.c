/*
 * conn_errors.c -- Node's names for connection errors and the raw answers
 * its server writes to a client error (_http_server.js socketOnError):
 * 431 for HPE_HEADER_OVERFLOW, 413 for HPE_CHUNK_EXTENSIONS_OVERFLOW, 408
 * for a request timeout, 400 for any other; no Date, no body.
 */
#include "conn.h"

#define H1__CANNED(code, reason)                                               \
  "HTTP/1.1 " #code " " reason "\r\nConnection: close\r\n\r\n"

static const char h1__c400[] = H1__CANNED(400, "Bad Request");
static const char h1__c408[] = H1__CANNED(408, "Request Timeout");
static const char h1__c413[] = H1__CANNED(413, "Payload Too Large");
static const char h1__c431[] =
    H1__CANNED(431, "Request Header Fields Too Large");

unsigned h1__canned_status(h1_conn_error e, h1_errno pe) {
  if (e == H1_CE_REQUEST_TIMEOUT)
    return 408;
  if (e != H1_CE_PARSE)
    return 0;
  if (pe == H1_E_HEADER_OVERFLOW)
    return 431;
  if (pe == H1_E_CHUNK_EXTENSIONS_OVERFLOW)
    return 413;
  return 400;
}

struct h1_span h1__canned_bytes(unsigned status) {
  struct h1_span s = {h1__c400, sizeof(h1__c400) - 1};
  if (status == 408) {
    s.ptr = h1__c408;
    s.len = sizeof(h1__c408) - 1;
  } else if (status == 413) {
    s.ptr = h1__c413;
    s.len = sizeof(h1__c413) - 1;
  } else if (status == 431) {
    s.ptr = h1__c431;
    s.len = sizeof(h1__c431) - 1;
  }
  return s;
}

const char *h1_conn_error_code(h1_conn_error e) {
  switch (e) {
  case H1_CE_REQUEST_TIMEOUT:
    return "ERR_HTTP_REQUEST_TIMEOUT";
  case H1_CE_HANG_UP:
  case H1_CE_ABORTED:
    return "ECONNRESET";
  case H1_CE_PARSE:
    return "HPE";
  default:
    return "OK";
  }
}

const char *h1_conn_error_message(h1_conn_error e) {
  switch (e) {
  case H1_CE_REQUEST_TIMEOUT:
    return "Request timeout";
  case H1_CE_HANG_UP:
    return "socket hang up";
  case H1_CE_ABORTED:
    return "aborted";
  case H1_CE_PARSE:
    return "Parse Error";
  default:
    return "";
  }
}
