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

const char* to_string(Stage stage) {
  switch (stage) {
    case Stage::reading: return "reading";
    case Stage::tokenizing: return "tokenizing";
    case Stage::boilerplate: return "boilerplate";
    case Stage::sketching: return "sketching";
    case Stage::candidates: return "candidates";
    case Stage::verifying: return "verifying";
    case Stage::clustering: return "clustering";
    case Stage::aligning: return "aligning";
    case Stage::done: return "done";
  }
  return "done";
}

}  // namespace wiretrace
