# Compiles one misuse case of cases.cpp and checks that it fails with the
# expected message on its first error line (and, where given, that the
# diagnostic names the offending symbol before that line or on it).
#   -DCOMPILER= -DINCLUDE= -DSOURCE= -DCASE= -DEXPECT=<regex> [-DSYMBOL=<regex>]
execute_process(
  COMMAND ${COMPILER} -std=c++20 -fsyntax-only -I${INCLUDE} -DACTDIFF_CASE=${CASE} ${SOURCE}
  RESULT_VARIABLE status
  OUTPUT_VARIABLE output
  ERROR_VARIABLE output)
if(status EQUAL 0)
  message(FATAL_ERROR "case ${CASE} compiled, but it must not")
endif()
string(FIND "${output}" "error:" at)
string(SUBSTRING "${output}" 0 ${at} before)
string(SUBSTRING "${output}" ${at} -1 rest)
string(FIND "${rest}" "\n" end)
string(SUBSTRING "${rest}" 0 ${end} first_error)
if(NOT first_error MATCHES "${EXPECT}")
  message(FATAL_ERROR "case ${CASE}: the first error is\n  ${first_error}\nexpected it to match\n  ${EXPECT}\n\n${output}")
endif()
# The symbol (or the failing check) is named by the first error, in the
# instantiation context just before it, or in the lines right after it.
string(SUBSTRING "${rest}" 0 8000 after)
if(DEFINED SYMBOL AND NOT "${before}${after}" MATCHES "${SYMBOL}")
  message(FATAL_ERROR "case ${CASE}: the diagnostic does not name ${SYMBOL} by its first error\n\n${output}")
endif()
string(REGEX MATCHALL "error:" errors "${output}")
list(LENGTH errors count)
message(STATUS "case ${CASE}: ${first_error} (${count} error lines)")
