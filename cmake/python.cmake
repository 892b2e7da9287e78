# Decides whether to build the Python module (python/). Default: ON when pybind11 and Python's
# development files are found. Its static libraries must then be position independent.
if(NOT DEFINED Python3_EXECUTABLE AND EXISTS /usr/bin/python3)
  # Debian's interpreter, the one that sees python3-pandas (a pyenv shim first on PATH may not).
  set(Python3_EXECUTABLE /usr/bin/python3 CACHE FILEPATH "Python the module is built for")
endif()
if(NOT DEFINED REGSIM_BUILD_PYTHON)
  find_package(Python3 QUIET COMPONENTS Interpreter Development.Module)
  find_package(pybind11 CONFIG QUIET)
  if(Python3_FOUND AND pybind11_FOUND)
    set(regsim_python_default ON)
  else()
    set(regsim_python_default OFF)
    message(STATUS "regsim: pybind11 or Python headers not found; the Python module is off")
  endif()
  option(REGSIM_BUILD_PYTHON "Build the Python module regsim (pybind11)" ${regsim_python_default})
endif()
if(REGSIM_BUILD_PYTHON)
  find_package(Python3 REQUIRED COMPONENTS Interpreter Development.Module)
  set(PYBIND11_FINDPYTHON ON)
  find_package(pybind11 CONFIG REQUIRED)
  # The libraries are linked into a shared module. No semantic interposition keeps the code
  # the compiler generates for them as fast as in the executables.
  set(CMAKE_POSITION_INDEPENDENT_CODE ON)
  add_compile_options(-fno-semantic-interposition)
endif()
