/*
 * twin_rename.h -- force-included (-include) into the second copy of the
 * engine that fuzz_twin links: the engine's parser and view built with
 * H1_NO_SIMD and H1_NO_FAST_PATHS, every external name given an h1_twin_
 * prefix so both copies live in one program.  fuzz/CMakeLists.txt builds
 * that copy from core/src; this list must name every external name of
 * parser*.c and view.c (a missing one is a duplicate-symbol link error).
 */
#ifndef H1_TWIN_RENAME_H
#define H1_TWIN_RENAME_H

#define h1_errno_name h1_twin_errno_name
#define h1_errno_reason h1_twin_errno_reason
#define h1_execute h1_twin_execute
#define h1_finish h1_twin_finish
#define h1_lower h1_twin_lower
#define h1_message_in_progress h1_twin_message_in_progress
#define h1_method_name h1_twin_method_name
#define h1_parser_init h1_twin_parser_init
#define h1_parser_reset h1_twin_parser_reset
#define h1_should_keep_alive h1_twin_should_keep_alive
#define h1_trim_value h1_twin_trim_value
#define h1_merge_rule_of h1_twin_merge_rule_of
#define h1_node_header_counts h1_twin_node_header_counts
#define h1_view_build h1_twin_view_build
#define h1_parser_keep_head h1_twin_parser_keep_head
#define h1_parser_set_request_method h1_twin_parser_set_request_method
#define h1_parser_set_memory h1_twin_parser_set_memory
#define h1__parser_check_only h1_twin_parser_check_only

/* the parser's private names shared between its files (parser_int.h) */
#define h1__body h1_twin__body
#define h1__execute h1_twin__execute_machine
#define h1__chunk_line h1_twin__chunk_line
#define h1__chunked_body h1_twin__chunked_body
#define h1__field_done h1_twin__field_done
#define h1__field_lines h1_twin__field_lines
#define h1__field_value h1_twin__field_value
#define h1__framing_value h1_twin__framing_value
#define h1__authority_mismatch h1_twin__authority_mismatch
#define h1__errno_reasons h1_twin__errno_reasons
#define h1__fast_fields h1_twin__fast_fields
#define h1__head h1_twin__head
#define h1__method_is_rtsp h1_twin__method_is_rtsp
#define h1__method_lookup h1_twin__method_lookup
#define h1__method_prefix h1_twin__method_prefix
#define h1__next_chunk h1_twin__next_chunk
#define h1__request_line h1_twin__request_line
#define h1__span_close h1_twin__span_close
#define h1__spill h1_twin__spill
#define h1__spill_done h1_twin__spill_done
#define h1__status_line h1_twin__status_line
#define h1__strict_field h1_twin__strict_field
#define h1__strict_head h1_twin__strict_head
#define h1__target h1_twin__target
#define h1__too_many_lines h1_twin__too_many_lines
#define h1__version h1_twin__version

#endif
