// wiretrace-bench, small text helpers shared by the suite's messages and the tables.
#pragma once
#include <cstddef>
#include <string>

namespace wiretrace::perf {

/// 100000 -> "100,000".
inline std::string with_commas(std::size_t n) {
  const std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

}  // namespace wiretrace::perf
