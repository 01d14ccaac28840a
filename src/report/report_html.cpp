// The HTML report: one self-contained page (no network, no external scripts or fonts). The markup
// here is a fixed skeleton; the data goes in as JSON blobs inside <script type="application/json">
// elements and the page's script builds the DOM from them with textContent, so article text is
// never parsed as HTML. A Content-Security-Policy with a per-report nonce keeps even a failure of
// that escaping from running anything, and forbids every network request.
#include <cstdio>
#include <string>
#include <vector>

#include <tbb/parallel_for.h>
#include <xxhash.h>

#include "report/html_assets.hpp"
#include "report/html_data.hpp"
#include "wiretrace/report.hpp"

namespace wiretrace {

void write_html_report(std::ostream& out, const ClusterResult& result, const ReportOptions& options) {
  const std::string main_blob = detail::html_main_blob(result, options);
  // Families are the bulk of the page (member texts); each is serialized into its own slot.
  std::vector<std::string> family_blobs(result.families.size());
  tbb::parallel_for(std::size_t{0}, family_blobs.size(),
                    [&](std::size_t f) { family_blobs[f] = detail::html_family_blob(result, f); });

  // The nonce only has to be unguessable by the article text it protects against, and the
  // report has to stay byte-identical between runs: a hash of everything the page carries.
  XXH3_state_t* state = XXH3_createState();
  XXH3_64bits_reset(state);
  XXH3_64bits_update(state, main_blob.data(), main_blob.size());
  for (const auto& blob : family_blobs) XXH3_64bits_update(state, blob.data(), blob.size());
  XXH3_64bits_update(state, detail::html_report_js.data(), detail::html_report_js.size());
  const std::uint64_t digest = XXH3_64bits_digest(state);
  XXH3_freeState(state);
  char nonce[17];
  std::snprintf(nonce, sizeof nonce, "%016llx", static_cast<unsigned long long>(digest));

  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      << "script-src 'nonce-" << nonce << "'; style-src 'unsafe-inline'; img-src data:\">\n"
      << "<meta name=\"generator\" content=\"wiretrace\">\n"
      << "<title>wiretrace report</title>\n<style>\n"
      << detail::html_report_css << "</style>\n</head>\n<body>\n"
      << detail::html_report_body
      << "<script type=\"application/json\" id=\"wt-data\">" << main_blob << "</script>\n";
  for (std::size_t f = 0; f < family_blobs.size(); ++f)
    out << "<script type=\"application/json\" id=\"wt-f" << f + 1 << "\">"  // family_id(f)
        << family_blobs[f] << "</script>\n";
  out << "<script nonce=\"" << nonce << "\">\n" << detail::html_report_js << "</script>\n"
      << "</body>\n</html>\n";
}

}  // namespace wiretrace
