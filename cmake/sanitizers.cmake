# ASan + UBSan for the asan preset: every error is fatal, and float-to-integer casts out of range
# (undefined behaviour that "undefined" leaves out in GCC and clang) are checked where supported.
include(CheckCXXCompilerFlag)
set(regsim_sanitize_flags -fsanitize=address,undefined)
check_cxx_compiler_flag(-fsanitize=float-cast-overflow REGSIM_HAVE_FLOAT_CAST_OVERFLOW)
if(REGSIM_HAVE_FLOAT_CAST_OVERFLOW)
  list(APPEND regsim_sanitize_flags -fsanitize=float-cast-overflow)
endif()
if(REGSIM_BUILD_FUZZ)  # every library instrumented for coverage; the fuzz targets add the driver
  list(APPEND regsim_sanitize_flags -fsanitize=fuzzer-no-link)
endif()
add_compile_options(${regsim_sanitize_flags} -fno-sanitize-recover=all -fno-omit-frame-pointer)
add_link_options(${regsim_sanitize_flags})
