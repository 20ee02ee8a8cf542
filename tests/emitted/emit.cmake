# Writes `actdiff emit NAME --LANGUAGE` to OUT; fails when the tool does.
execute_process(COMMAND ${TOOL} emit ${NAME} --${LANGUAGE} OUTPUT_FILE ${OUT} RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  file(REMOVE ${OUT})
  message(FATAL_ERROR "actdiff emit ${NAME} --${LANGUAGE} failed: ${status}")
endif()
