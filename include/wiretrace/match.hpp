// How two texts match: word for word (runs of identical words), or reworded (sentences and whole
// texts alike in content, rewrite.hpp). Passages (align.hpp) and linked pairs (verify.hpp) say
// which; the reports write it as "match".
#pragma once
#include <cstdint>

namespace wiretrace {

enum class PassageMatch : std::uint8_t { exact, rewritten };
/// "exact" or "rewritten", as the reports write it.
const char* to_string(PassageMatch match);

}  // namespace wiretrace
