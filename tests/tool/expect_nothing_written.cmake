# The tool writes all of its files or none. In an empty SCRATCH directory, a
# directory named BLOCK stands where the tool must write a file (or its
# temporary); running ARGS must then fail with a message and leave SCRATCH
# holding only BLOCK.
file(REMOVE_RECURSE ${SCRATCH})
file(MAKE_DIRECTORY ${SCRATCH}/${BLOCK})
string(REPLACE "%SCRATCH%" "${SCRATCH}" args "${ARGS}")
execute_process(COMMAND ${TOOL} ${args} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(status EQUAL 0)
  message(FATAL_ERROR "'actdiff ${args}' succeeded although ${BLOCK} blocks a file")
endif()
if(NOT err MATCHES "actdiff: .*written")
  message(FATAL_ERROR "'actdiff ${args}' did not say that nothing was written:\n${err}")
endif()
file(GLOB_RECURSE left RELATIVE ${SCRATCH} LIST_DIRECTORIES true ${SCRATCH}/*)
if(NOT left STREQUAL "${BLOCK}")
  message(FATAL_ERROR "'actdiff ${args}' left files behind: ${left}")
endif()
message(STATUS "${err}")
