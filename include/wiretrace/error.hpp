// Errors: the one exception type for caller and configuration mistakes.
// Bad records inside inputs are not errors: they are data (see RejectedInput in document.hpp).
#pragma once
#include <stdexcept>
#include <string>

namespace wiretrace {

/// Thrown when the caller asks for something impossible: an unreadable input path, a parameter
/// out of range, sketches with mismatched stamps. The CLI maps it to exit code 2.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace wiretrace
