// ASCII character classes of the generator's own (English, ASCII-only) synthetic text.
#pragma once

namespace wiretrace::bench {

inline bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

}  // namespace wiretrace::bench
