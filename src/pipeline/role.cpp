#include "wiretrace/pipeline.hpp"

namespace wiretrace {

const char* to_string(Role role) {
  switch (role) {
    case Role::unique: return "unique";
    case Role::original: return "original";
    case Role::copy: return "copy";
  }
  return "unique";
}

}  // namespace wiretrace
