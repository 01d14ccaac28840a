#include "ingest/collector.hpp"

#include <utility>

#include "ingest/text_checks.hpp"
#include "wiretrace/error.hpp"

namespace wiretrace::detail {

std::string oversize_reason(std::size_t size, std::size_t limit) {
  return "article of " + std::to_string(size) + " bytes exceeds the limit of " +
         std::to_string(limit) + " bytes";
}

void Collector::add(Document document, std::vector<std::string> warnings) {
  if (is_blank(document.text)) return reject(std::move(document.origin), "empty text");
  if (document.text.size() > options_.max_document_bytes)
    return reject(std::move(document.origin),
                  oversize_reason(document.text.size(), options_.max_document_bytes));
  const auto [first, inserted] = first_with_id_.try_emplace(document.id, result_.documents.size());
  if (!inserted)
    return reject(std::move(document.origin),
                  "duplicate id \"" + document.id + "\" (first seen at " +
                      result_.documents[first->second].origin + ")");
  for (auto& message : warnings) result_.warnings.push_back({document.origin, std::move(message)});
  result_.bytes_read += document.text.size();
  result_.documents.push_back(std::move(document));
}

void Collector::reject(std::string input, std::string reason) {
  if (options_.fail_on_error) throw Error(input + ": " + reason);
  result_.rejected.push_back({std::move(input), std::move(reason)});
}

}  // namespace wiretrace::detail
