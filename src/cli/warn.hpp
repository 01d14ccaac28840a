// The one way the CLI writes a warning to stderr: "wiretrace: warning: " and the message, with
// terminal controls and bidi controls from the input escaped (a file name or id may hold them).
#pragma once
#include <string_view>

#include "wiretrace/ingest.hpp"

namespace wiretrace::cli {

void warn(std::string_view message);
/// "FILE:LINE: message" of a record that was kept.
void warn(const InputWarning& warning);

}  // namespace wiretrace::cli
