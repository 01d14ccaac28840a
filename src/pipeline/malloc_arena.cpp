#include "wiretrace/pipeline.hpp"

#if defined(__has_include) && __has_include(<malloc.h>)
#include <malloc.h>
#endif

namespace wiretrace {

void share_one_malloc_arena() {
#if defined(M_ARENA_MAX)
  mallopt(M_ARENA_MAX, 1);
#endif
}

}  // namespace wiretrace
