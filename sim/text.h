// Text that users give regsim (names, labels, values quoted in messages): UTF-8 checks and the
// escaping that keeps a hostile value from cutting or corrupting a message on the terminal.
#pragma once

#include <string>
#include <string_view>

namespace regsim::sim {

/// Whether `text` is valid UTF-8 without control characters (C0, DEL, C1): safe to print, to
/// write in a CSV cell or a page, and to log.
bool is_printable_text(std::string_view text);

/// `text` with every control character written as \n, \t, \r or \xNN and every byte that is not
/// part of valid UTF-8 written as \xNN; printable UTF-8 (and backslashes) unchanged. A NUL byte
/// in a message cut everything after it when printed; an escape sequence recoloured the terminal.
std::string printable_for_message(std::string_view text);

}  // namespace regsim::sim
