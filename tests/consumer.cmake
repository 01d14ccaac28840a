# CTest "package: ..." (tests/CMakeLists.txt) runs this with `cmake -P`: install the build into a
# fresh prefix, configure and build tests/consumer against it with find_package(wiretrace), and
# run the consumer and the installed program. Any failing step fails the test with its output.
#   -DBUILD_DIR=    the wiretrace build to install        -DWORK_DIR=  scratch folder (wiped)
#   -DCONSUMER_DIR= tests/consumer                         -DSEEDS_DIR= fixtures/seeds
#   -DVERSION=      the project version                    -DGENERATOR=, -DMAKE_PROGRAM=,
#   -DCXX_COMPILER= as the wiretrace build used them       -DJOBS= build jobs (default 2)
#   -DCONFIG=       the configuration to install (multi-config generators)
foreach(_var BUILD_DIR WORK_DIR CONSUMER_DIR SEEDS_DIR VERSION GENERATOR CXX_COMPILER)
  if(NOT DEFINED ${_var})
    message(FATAL_ERROR "consumer.cmake: -D${_var}= is required")
  endif()
endforeach()
if(NOT JOBS)
  set(JOBS 2)
endif()

set(_prefix "${WORK_DIR}/prefix")
set(_build "${WORK_DIR}/build")
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

function(step name)
  string(TIMESTAMP _t0 "%s")
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _out)
  string(TIMESTAMP _t1 "%s")
  math(EXPR _seconds "${_t1} - ${_t0}")
  if(NOT _rc EQUAL 0)
    message("${_out}")
    message(FATAL_ERROR "package: ${name} failed (${_rc})")
  endif()
  message(STATUS "package: ${name}: ok (${_seconds} s)")
  set(step_output "${_out}" PARENT_SCOPE)
endfunction()

set(_install "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${_prefix}")
if(CONFIG)
  list(APPEND _install --config "${CONFIG}")
endif()
step("cmake --install" ${_install})

# What went in: public headers under include/wiretrace/ only (nothing of src/, no detail/).
file(GLOB_RECURSE _installed RELATIVE "${_prefix}" "${_prefix}/*")
list(SORT _installed)
foreach(_file IN LISTS _installed)
  if(_file MATCHES "^include/" AND NOT _file MATCHES "^include/wiretrace/[a-z_]+\\.hpp$")
    message(FATAL_ERROR "package: installed ${_file}, which is not a public header")
  endif()
endforeach()
foreach(_file include/wiretrace/version.hpp include/wiretrace/pipeline.hpp bin/wiretrace)
  if(NOT EXISTS "${_prefix}/${_file}")
    message(FATAL_ERROR "package: ${_file} was not installed; installed: ${_installed}")
  endif()
endforeach()

set(_configure "${CMAKE_COMMAND}" -S "${CONSUMER_DIR}" -B "${_build}" -G "${GENERATOR}"
    "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}"
    "-DCMAKE_PREFIX_PATH=${_prefix}"
    -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
    "-DWIRETRACE_EXPECTED_VERSION=${VERSION}"
    "-DWIRETRACE_EXPECTED_PREFIX=${_prefix}")
if(MAKE_PROGRAM)
  list(APPEND _configure "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}")
endif()
step("configure tests/consumer with find_package(wiretrace)" ${_configure})
step("build tests/consumer" "${CMAKE_COMMAND}" --build "${_build}" --parallel "${JOBS}")

step("run the consumer on fixtures/seeds" "${_build}/consumer" "${SEEDS_DIR}")
message("${step_output}")

step("run the installed wiretrace --version" "${_prefix}/bin/wiretrace" --version)
string(STRIP "${step_output}" _version_line)
if(NOT _version_line STREQUAL "wiretrace ${VERSION}")
  message(FATAL_ERROR "package: the installed wiretrace --version says \"${_version_line}\", "
                      "expected \"wiretrace ${VERSION}\"")
endif()
message(STATUS "package: all steps passed")
