# FILE must be exactly what `TOOL sizes` prints.
execute_process(COMMAND ${TOOL} sizes RESULT_VARIABLE status OUTPUT_VARIABLE generated ERROR_VARIABLE err)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "actdiff sizes failed: ${err}")
endif()
file(READ ${FILE} committed)
if(NOT generated STREQUAL committed)
  message(FATAL_ERROR "${FILE} is stale; regenerate it with: actdiff sizes > ${FILE}")
endif()
