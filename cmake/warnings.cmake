# Warnings for regsim's own targets; third-party headers come in as SYSTEM and are exempt.
function(regsim_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                           -Wno-sign-conversion)
  if(REGSIM_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
