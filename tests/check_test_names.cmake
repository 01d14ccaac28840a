# Run after every link of wiretrace_tests (POST_BUILD, before doctest_discover_tests registers
# the cases with CTest): fails the build when a test-case name cannot travel through CTest.
#
#   cmake -DTEST_EXECUTABLE=<wiretrace_tests> -P check_test_names.cmake
#
# doctest_discover_tests (doctestAddTests.cmake) reads `--list-test-cases` into a CMake list and
# registers one CTest entry per name, running `--test-case=<name>` with commas escaped. What
# breaks on the way:
#   ;        CMake's list separator: one case becomes two entries that each match nothing
#   [ ]      CMake does not split a list inside square brackets: following names glue on
#   \        escapes the next `;` for CMake and the next `,` or `\` for doctest's filter
#   * ?      wildcards of doctest's filter: the entry may run other cases too
#   leading or trailing blanks, empty names, names differing only in case (the filter ignores
#   case), repeated names: the entry runs another number of cases than one.
# Each remaining name must then match exactly one case when passed as discovery passes it
# (`--count --test-case=<name, commas escaped>`). The runs themselves are checked again at test
# time: every entry passes --wiretrace-expect-cases=1 (tests/test_main.cpp), and the CTest entry
# "suite: CTest runs every doctest case once" compares the registered entries with the cases.
cmake_minimum_required(VERSION 3.25)  # the policies of the project (IN_LIST, REAL_PATH)
if(NOT TEST_EXECUTABLE)
  message(FATAL_ERROR "check_test_names.cmake: set TEST_EXECUTABLE")
endif()
# CHECK_FILTERS=OFF skips the one run per name below: a sanitizer build pays ~0.1 s of start-up
# per run (26 s for 235 names), and its names are the ones the Release build already checked.
if(NOT DEFINED CHECK_FILTERS)
  set(CHECK_FILTERS ON)
endif()
include(${CMAKE_CURRENT_LIST_DIR}/test_names.cmake)
wiretrace_list_test_cases("${TEST_EXECUTABLE}" names)

set(problems "")
set(seen_lower "")
foreach(name IN LISTS names)
  set(why "")
  if(name MATCHES "<(semicolon|lbracket|rbracket|backslash)>")
    string(APPEND why " `;`, `[`, `]` or `\\` (CMake list syntax, doctest's escape);")
  endif()
  if(name MATCHES "[*?]")
    string(APPEND why " `*` or `?` (wildcards of doctest's --test-case filter);")
  endif()
  if(name STREQUAL "")
    string(APPEND why " an empty name;")
  elseif(name MATCHES "^[ \t]|[ \t]$")
    string(APPEND why " blanks at the start or end;")
  endif()
  string(TOLOWER "${name}" lower)
  if(lower IN_LIST seen_lower)
    string(APPEND why " a second case of this name (doctest filters ignore case);")
  endif()
  list(APPEND seen_lower "${lower}")
  if(why STREQUAL "" AND CHECK_FILTERS)
    # Passed as doctestAddTests.cmake passes it.
    string(REPLACE "," "\\," filter "${name}")
    execute_process(COMMAND "${TEST_EXECUTABLE}" --count "--test-case=${filter}"
                    OUTPUT_VARIABLE counted RESULT_VARIABLE result)
    if(NOT result EQUAL 0 OR NOT counted MATCHES "passing the current filters: 1\n")
      string(APPEND why " its --test-case filter does not match exactly this one case;")
    endif()
  endif()
  if(NOT why STREQUAL "")
    wiretrace_unmask_test_name("${name}" shown)
    string(APPEND problems "\n  \"${shown}\":${why}")
  endif()
endforeach()

if(NOT problems STREQUAL "")
  message(FATAL_ERROR
    "wiretrace_tests: test-case names that CTest cannot run as one case each. Rename them "
    "(use words, `:` or `—`):${problems}")
endif()
