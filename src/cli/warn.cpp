#include "cli/warn.hpp"

#include <iostream>
#include <string>

#include "report/terminal_text.hpp"

namespace wiretrace::cli {

void warn(std::string_view message) {
  std::cerr << "wiretrace: warning: " << detail::terminal_safe(std::string(message)) << "\n";
}

void warn(const InputWarning& warning) { warn(warning.input + ": " + warning.message); }

}  // namespace wiretrace::cli
