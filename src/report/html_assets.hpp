// The HTML report's fixed parts: its stylesheet, its script and the skeleton of its body, compiled
// into the library (src/report/html/) so that the page needs no file beside it.
#pragma once
#include <string_view>

namespace wiretrace::detail {

extern const std::string_view html_report_css;   ///< inside <style>
extern const std::string_view html_report_js;    ///< inside the last <script>; builds every view
extern const std::string_view html_report_body;  ///< the static markup the script fills in

}  // namespace wiretrace::detail
