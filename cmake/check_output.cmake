# check_output.cmake -- a ctest check on both the exit status and the output
# of a program:
#   cmake -DCOMMAND=<program;args> -DEXPECTED=<file> -P check_output.cmake
# Fails unless the program exits 0 and its standard output is exactly the
# content of EXPECTED.
if(NOT DEFINED COMMAND OR NOT DEFINED EXPECTED)
  message(FATAL_ERROR "usage: cmake -DCOMMAND=... -DEXPECTED=... -P ${CMAKE_CURRENT_LIST_FILE}")
endif()
execute_process(COMMAND ${COMMAND}
  RESULT_VARIABLE rc
  OUTPUT_VARIABLE out)
file(READ ${EXPECTED} want)
set(bad "")
if(NOT rc STREQUAL "0")
  set(bad "exit status ${rc}, not 0")
endif()
if(NOT out STREQUAL want)
  string(APPEND bad "\nwant output:\n${want}\ngot output:\n${out}")
endif()
if(bad)
  message(FATAL_ERROR "${COMMAND}: ${bad}")
endif()
