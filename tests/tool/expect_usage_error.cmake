# Runs the tool with ARGS and requires exit code 2, a message on stderr, and
# nothing on stdout (no partial output).
execute_process(COMMAND ${TOOL} ${ARGS} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 2)
  message(FATAL_ERROR "'actdiff ${ARGS}' exited with ${status}, expected 2\n${out}${err}")
endif()
if(NOT err MATCHES "actdiff: |usage: ")
  message(FATAL_ERROR "'actdiff ${ARGS}' printed no error message on stderr\n${err}")
endif()
if(NOT out STREQUAL "")
  message(FATAL_ERROR "'actdiff ${ARGS}' printed output before failing\n${out}")
endif()
message(STATUS "${err}")
