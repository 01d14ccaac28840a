// Family ids shared by every report format: "f1", "f2", … in report order.
#pragma once
#include <cstddef>
#include <string>

namespace wiretrace::detail {

inline std::string family_id(std::size_t index) { return "f" + std::to_string(index + 1); }

}  // namespace wiretrace::detail
