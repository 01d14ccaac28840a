# Helpers of check_test_names.cmake and check_ctest_entries.cmake: the test-case names of a
# doctest binary as a CMake list that no name can break.

# `out` = the names `executable --list-test-cases` prints, one element each. The characters that
# CMake lists treat specially (`;`, `[`, `]`, `\`) are replaced by <semicolon>, <lbracket>,
# <rbracket> and <backslash> first, so a bad name stays one element and can be reported. Fails
# when the names listed are not as many as doctest counts (a name holding a line break).
function(wiretrace_list_test_cases executable out)
  execute_process(COMMAND "${executable}" --list-test-cases
                  OUTPUT_VARIABLE listing RESULT_VARIABLE result)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "${executable} --list-test-cases failed (${result}):\n${listing}")
  endif()
  string(REPLACE "\\" "<backslash>" listing "${listing}")
  string(REPLACE ";" "<semicolon>" listing "${listing}")
  string(REPLACE "[" "<lbracket>" listing "${listing}")
  string(REPLACE "]" "<rbracket>" listing "${listing}")
  string(REPLACE "\n" ";" lines "${listing}")
  set(names "")
  set(counted "")
  foreach(line IN LISTS lines)
    if(line MATCHES "^<lbracket>doctest<rbracket> unskipped test cases passing the current filters: ([0-9]+)$")
      set(counted "${CMAKE_MATCH_1}")
    elseif(line MATCHES "^<lbracket>doctest<rbracket> " OR line MATCHES "^=+$" OR line STREQUAL "")
      # doctest's header and rules (an empty name is caught by the count below)
    else()
      list(APPEND names "${line}")
    endif()
  endforeach()
  list(LENGTH names listed)
  if(NOT counted STREQUAL "${listed}")
    message(FATAL_ERROR "${executable} --list-test-cases: doctest counts ${counted} test cases, "
                        "${listed} names were read: a name is empty or holds a line break")
  endif()
  set(${out} "${names}" PARENT_SCOPE)
endfunction()

# `out` = `name` with the placeholders of wiretrace_list_test_cases shown as the characters.
function(wiretrace_unmask_test_name name out)
  string(REPLACE "<semicolon>" ";" name "${name}")
  string(REPLACE "<lbracket>" "[" name "${name}")
  string(REPLACE "<rbracket>" "]" name "${name}")
  string(REPLACE "<backslash>" "\\" name "${name}")
  set(${out} "${name}" PARENT_SCOPE)
endfunction()
