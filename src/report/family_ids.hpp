// Family ids shared by every report format: "f1", "f2", … in report order, or "f<number>" for a
// family that carries its dedup index number (index export).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace wiretrace::detail {

inline std::string family_id(std::size_t index, std::uint32_t number = 0) {
  // Appended rather than `"f" + std::to_string(…)`, which GCC 12 warns about (-Wrestrict, a
  // false positive: GCC bug 105329).
  std::string id = "f";
  id += std::to_string(number != 0 ? std::size_t{number} : index + 1);
  return id;
}

}  // namespace wiretrace::detail
