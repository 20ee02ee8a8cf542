# Installs the build tree into a scratch prefix, then configures, builds and
# runs tests/package against it with find_package(actdiff).
set(prefix ${BINARY_DIR}/package-test/install)
set(build ${BINARY_DIR}/package-test/build)
file(REMOVE_RECURSE ${BINARY_DIR}/package-test)
foreach(step
    "${CMAKE_COMMAND};--install;${BINARY_DIR};--prefix;${prefix}"
    "${CMAKE_COMMAND};-S;${SOURCE_DIR}/tests/package;-B;${build};-DCMAKE_PREFIX_PATH=${prefix};-DCMAKE_CXX_COMPILER=${COMPILER}"
    "${CMAKE_COMMAND};--build;${build}"
    "${build}/consumer")
  execute_process(COMMAND ${step} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "step failed: ${step}\n${out}")
  endif()
endforeach()
