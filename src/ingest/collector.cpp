#include "ingest/collector.hpp"

#include <utility>

#include "ingest/text_checks.hpp"

namespace wiretrace::detail {

std::string oversize_reason(std::size_t size, std::size_t limit) {
  return "too large: article of " + std::to_string(size) + " bytes exceeds the limit of " +
         std::to_string(limit) + " bytes (--max-bytes)";
}

void Collector::add(Document document, std::vector<std::string> warnings, Kind kind) {
  if (is_blank(document.text)) return reject(std::move(document.origin), "empty text", document.id);
  if (document.text.size() > options_.max_document_bytes)
    return reject(std::move(document.origin),
                  oversize_reason(document.text.size(), options_.max_document_bytes), document.id);
  const std::size_t number = sink_ ? kept_origins_.size() : result_.documents.size();
  const auto [first, inserted] = first_with_id_.try_emplace(document.id, number);
  if (!inserted) {
    const std::string& first_origin =
        sink_ ? kept_origins_[first->second] : result_.documents[first->second].origin;
    std::string reason = "duplicate id \"" + document.id + "\" (first seen at " + first_origin + ")";
    if (kind == from_file && options_.id_from == IdFrom::name)
      reason += "; to tell apart files of the same name in different folders, give --id-from path";
    return reject(std::move(document.origin), std::move(reason), document.id);
  }
  std::vector<InputWarning> remarks;
  remarks.reserve(warnings.size());
  for (auto& message : warnings) remarks.push_back({document.origin, std::move(message)});
  if (sink_) {
    kept_origins_.push_back(document.origin);
    sink_->on_document(std::move(document), std::move(remarks));
    return;
  }
  for (auto& remark : remarks) result_.warnings.push_back(std::move(remark));
  result_.bytes_read += document.text.size();
  result_.documents.push_back(std::move(document));
}

void Collector::reject(std::string input, std::string reason, std::string id) {
  if (options_.fail_on_error) throw BadInput(input + ": " + reason);
  if (sink_) return sink_->on_rejected({std::move(input), std::move(reason), std::move(id)});
  result_.rejected.push_back({std::move(input), std::move(reason), std::move(id)});
}

void Collector::warn(std::string input, std::string message) {
  if (sink_) return sink_->on_warning({std::move(input), std::move(message)});
  result_.warnings.push_back({std::move(input), std::move(message)});
}

}  // namespace wiretrace::detail
