# Finds Python and pybind11 for the Python module; sets WIRETRACE_PYBIND11_FOUND. Quiet: without
# them, WIRETRACE_PYTHON defaults to OFF and the rest of the build does not change.
#
# The interpreter: -DPython_EXECUTABLE=... when given. Otherwise Debian's /usr/bin/python3 when
# it exists, because the packages scripts/setup.sh installs (python3-pybind11, python3-pytest)
# belong to it, and a python3 found earlier on PATH (pyenv, a virtualenv) may lack pytest. The
# module works with any interpreter of the same version (the extension's ABI is per version).
if(NOT Python_EXECUTABLE AND EXISTS /usr/bin/python3)
  set(Python_EXECUTABLE /usr/bin/python3 CACHE FILEPATH "The Python interpreter of the module")
endif()
find_package(Python 3.8 QUIET COMPONENTS Interpreter Development.Module)
set(WIRETRACE_PYBIND11_FOUND OFF)
if(Python_FOUND)
  set(PYBIND11_FINDPYTHON ON)
  find_package(pybind11 2.6 CONFIG QUIET)
  if(pybind11_FOUND)
    set(WIRETRACE_PYBIND11_FOUND ON)
  endif()
endif()
