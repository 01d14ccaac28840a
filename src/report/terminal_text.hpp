// Text meant for a terminal: ids, titles, paths and article excerpts come from the input, and a
// terminal acts on what it is sent (ESC sequences clear the screen or set the window title, U+202E
// reverses what follows). Everything that writes input-derived text to a terminal (the text
// report, `compare`'s text output, messages on stderr) passes it through terminal_safe() first.
#pragma once
#include <string>
#include <string_view>

namespace wiretrace::detail {

/// `s` with every character a terminal could act on written as a visible escape:
/// C0 controls (tab and newline included) and DEL as `\x1b`, C1 controls (U+0080..U+009F) and the
/// bidirectional controls (U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069) as `\u202E`,
/// and each byte that is not part of valid UTF-8 as `\xff`. Everything else, backslashes included,
/// is unchanged (the escaping is for display, not reversible).
std::string terminal_safe(std::string_view s);

/// Appends terminal_safe(s) to `out`.
void append_terminal_safe(std::string& out, std::string_view s);

}  // namespace wiretrace::detail
