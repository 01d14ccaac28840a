# `cmake --install`: the library as the imported target wiretrace::wiretrace with a CMake package
# (find_package(wiretrace)), its public headers, and the wiretrace program. Included from the
# top-level CMakeLists.txt after the targets are defined.
#
#   <prefix>/include/wiretrace/*.hpp                  public headers, and the generated version.hpp
#   <prefix>/share/wiretrace/schemas/*.schema.json    the JSON Schemas of the program's outputs
#   <prefix>/lib/libwiretrace.a
#   <prefix>/lib/cmake/wiretrace/wiretraceConfig.cmake, wiretraceConfigVersion.cmake,
#                                wiretraceTargets*.cmake
#   <prefix>/bin/wiretrace
#
# src/ (and so src/detail/) holds private headers: none is installed, and no public header may
# include one (tests/consumer compiles every installed header alone against the install).
include(CMakePackageConfigHelpers)

set(WIRETRACE_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/wiretrace"
    CACHE STRING "Where the CMake package files go, relative to the install prefix")
mark_as_advanced(WIRETRACE_INSTALL_CMAKEDIR)

install(TARGETS wiretrace EXPORT wiretraceTargets
  ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT wiretrace_development
  LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT wiretrace_development
  INCLUDES DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/wiretrace"
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}" COMPONENT wiretrace_development
  FILES_MATCHING PATTERN "*.hpp" PATTERN "schemas" EXCLUDE)
install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/wiretrace/schemas"
  DESTINATION "${CMAKE_INSTALL_DATADIR}/wiretrace" COMPONENT wiretrace_development)
install(FILES "${WIRETRACE_GENERATED_INCLUDE_DIR}/wiretrace/version.hpp"
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/wiretrace" COMPONENT wiretrace_development)
install(TARGETS wiretrace_cli RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}" COMPONENT wiretrace_runtime)

install(EXPORT wiretraceTargets
  NAMESPACE wiretrace::
  FILE wiretraceTargets.cmake
  DESTINATION "${WIRETRACE_INSTALL_CMAKEDIR}"
  COMPONENT wiretrace_development)
configure_package_config_file(
  "${CMAKE_CURRENT_LIST_DIR}/wiretraceConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/wiretraceConfig.cmake"
  INSTALL_DESTINATION "${WIRETRACE_INSTALL_CMAKEDIR}")
# Before 1.0, a minor release may break the API: find_package(wiretrace X.Y) accepts X.Y.* only.
# From 1.0 on, SameMajorVersion would be the rule.
write_basic_package_version_file("${PROJECT_BINARY_DIR}/wiretraceConfigVersion.cmake"
  VERSION "${PROJECT_VERSION}"
  COMPATIBILITY SameMinorVersion)
install(FILES
  "${PROJECT_BINARY_DIR}/wiretraceConfig.cmake"
  "${PROJECT_BINARY_DIR}/wiretraceConfigVersion.cmake"
  DESTINATION "${WIRETRACE_INSTALL_CMAKEDIR}"
  COMPONENT wiretrace_development)
