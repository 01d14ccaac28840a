// The HTML report's skeleton and stylesheet. System fonts only: the page loads nothing.
// Colours: c0..c9 name family members (c0 is the original); a reused passage wears the colour of
// the member it came from. Overview bars use one fixed colour per kind.
#pragma GCC diagnostic ignored "-Woverlength-strings"
#include "report/html_assets.hpp"

namespace wiretrace::detail {

const std::string_view html_report_body = R"wthtml(<header id="top">
  <a class="brand" href="#" title="All families (Esc)">wiretrace</a>
  <div id="summary" class="summary"></div>
  <div class="controls">
    <input id="search" type="search" placeholder="Search id, source, title or words  ( / )" autocomplete="off" spellcheck="false" aria-label="Search id, source, title or words">
    <select id="source-filter" aria-label="Filter by source"><option value="">All sources</option></select>
    <span id="matches" class="matches" aria-live="polite"></span>
  </div>
</header>
<main id="overview"></main>
<main id="family" hidden></main>
<div id="linkinfo" hidden></div>
<noscript><p class="noscript">This report draws itself with its own script: enable JavaScript to see it.</p></noscript>
)wthtml";

const std::string_view html_report_css = R"wtcss(
:root {
  --fg: #1f2328; --muted: #6a737d; --faint: #8c959f; --line: #d8dee4; --bg: #f6f8fa; --card: #fff;
  --reused: #2f6fdf; --added: #e8a23a; --boiler: #c4c9cf; --hl: #ffe45c;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", "Liberation Sans", sans-serif;
  font-size: 14px; color: var(--fg); background: var(--bg);
}
* { box-sizing: border-box; }
body { margin: 0; }
a { color: #0b5cad; text-decoration: none; }
a:hover { text-decoration: underline; }
.c0 { --c: #2f6fdf; } .c1 { --c: #d9443a; } .c2 { --c: #1f9d55; } .c3 { --c: #c07a00; }
.c4 { --c: #8a4fd8; } .c5 { --c: #d63f8c; } .c6 { --c: #0f95a8; } .c7 { --c: #6b8e00; }
.c8 { --c: #e0622a; } .c9 { --c: #5b6b7d; }

#top { position: sticky; top: 0; z-index: 10; display: flex; flex-wrap: wrap; align-items: center;
  gap: 8px 20px; padding: 8px 16px; background: var(--card); border-bottom: 1px solid var(--line); }
.brand { font-weight: 700; font-size: 17px; color: var(--fg); letter-spacing: .2px; }
.summary { display: flex; gap: 14px; color: var(--muted); }
.summary b { color: var(--fg); font-size: 15px; margin-right: 3px; }
.controls { display: flex; align-items: center; gap: 8px; margin-left: auto; }
#search { width: 320px; padding: 6px 9px; border: 1px solid var(--line); border-radius: 6px; font: inherit; }
#source-filter { padding: 5px 6px; border: 1px solid var(--line); border-radius: 6px; font: inherit; max-width: 220px; }
.matches { color: var(--muted); min-width: 10em; }
.noscript { padding: 20px; }

#overview { padding: 12px 16px 40px; max-width: 1400px; margin: 0 auto; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 16px; align-items: center; color: var(--muted); margin: 4px 0 12px; }
.key { display: inline-flex; align-items: center; gap: 5px; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 3px; background: var(--c, #999); }
.swatch.reused { background: var(--reused); } .swatch.added { background: var(--added); }
.swatch.boiler { background: var(--boiler); }
.hint { color: var(--faint); margin-left: auto; }
kbd { font: 12px ui-monospace, "DejaVu Sans Mono", monospace; border: 1px solid var(--line);
  border-bottom-width: 2px; border-radius: 4px; padding: 0 4px; background: var(--card); color: var(--fg); }

.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; margin: 0 0 10px;
  padding: 8px 12px 6px; cursor: pointer; }
.card:hover { border-color: #a8b3bf; }
.card.selected { border-color: var(--reused); box-shadow: 0 0 0 2px rgba(47,111,223,.25); }
.card h2 { margin: 0 0 4px; font-size: 14px; font-weight: 600; display: flex; gap: 10px; align-items: baseline; }
.card h2 .meta { font-weight: 400; color: var(--muted); }
.note { margin: 2px 0 6px; color: #9a6700; font-size: 13px; }
table { border-collapse: collapse; }
.members { width: 100%; table-layout: fixed; }
.members td { padding: 2px 8px 2px 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; vertical-align: middle; }
.members tr.dim td { opacity: .45; }
.members .role { width: 64px; } .members .id { width: 26%; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12.5px; }
.members .src { width: 13%; } .members .date { width: 150px; color: var(--muted); } .members .words { width: 80px; text-align: right; color: var(--muted); }
.members .figs { width: 300px; }
.badge { display: inline-block; font-size: 11px; padding: 0 6px; border-radius: 9px; border: 1px solid var(--line); color: var(--muted); }
.badge.original { background: #e6efff; border-color: #b7cdf7; color: #1d4fa8; }
.bar { display: inline-flex; width: 140px; height: 10px; border-radius: 3px; overflow: hidden; background: #eef1f4; vertical-align: middle; }
.bar span { display: block; height: 100%; }
.bar .reused { background: var(--reused); } .bar .added { background: var(--added); }
.bar .boiler { background: repeating-linear-gradient(45deg, var(--boiler) 0 3px, #e3e6ea 3px 6px); }
.pct { color: var(--muted); font-size: 12px; margin-left: 6px; vertical-align: middle; }
.empty { color: var(--muted); padding: 20px 0; }
details.more { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; margin: 14px 0 0; }
details.more summary { cursor: pointer; font-weight: 600; }
details.more table td { padding: 2px 14px 2px 0; }
details.more .id { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12.5px; }
button.show-more { margin: 8px 0 2px; font: inherit; padding: 3px 10px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); cursor: pointer; }
footer { color: var(--faint); margin-top: 20px; font-size: 12px; }

body.family-view { height: 100vh; display: flex; flex-direction: column; overflow: hidden; }
#family { flex: 1; min-height: 0; display: flex; flex-direction: column; padding: 8px 16px 12px; gap: 8px; }
.fam-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 6px 14px; }
.fam-head h2 { margin: 0; font-size: 17px; }
.fam-head .meta { color: var(--muted); }
.fam-head .nav { margin-left: auto; display: flex; gap: 6px; align-items: center; color: var(--muted); }
.fam-head .nav a { border: 1px solid var(--line); border-radius: 6px; padding: 1px 8px; background: var(--card); }
.fam-tools { display: flex; flex-wrap: wrap; gap: 8px 28px; align-items: flex-start; }
.kinds { display: flex; flex-wrap: wrap; gap: 4px 14px; align-items: center; color: var(--muted); }
.kinds .sample { padding: 0 4px; border-radius: 3px; color: var(--fg); }
.pairs { font-size: 12.5px; }
.pairs-box { max-height: 116px; overflow: auto; }
.pairs th { text-align: right; font-weight: 600; color: var(--muted); padding: 1px 8px; border-bottom: 1px solid var(--line); white-space: nowrap; }
.pairs td { text-align: right; padding: 1px 8px; white-space: nowrap; font-variant-numeric: tabular-nums; }
.pairs th:nth-child(-n+2), .pairs td:nth-child(-n+2) { text-align: left; }
.pairs .id { font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
.chip { display: inline-block; width: 9px; height: 9px; border-radius: 50%; background: var(--c); margin-right: 5px; }
.cols { flex: 1; min-height: 0; display: grid; grid-auto-flow: column; grid-auto-columns: minmax(400px, 1fr);
  gap: 12px; overflow-x: auto; }
.col { display: flex; flex-direction: column; min-height: 0; background: var(--card); border: 1px solid var(--line);
  border-top: 4px solid var(--c); border-radius: 8px; }
.col-head { padding: 7px 14px 8px; border-bottom: 1px solid var(--line); }
.col-head .title-line { display: flex; gap: 8px; align-items: baseline; }
.col-head .id { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12.5px; font-weight: 600;
  overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.col-head .sub { color: var(--muted); font-size: 12.5px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.col-head .doc-title { font-weight: 600; font-size: 13.5px; margin-top: 2px; }
.col-head .figs-line { margin-top: 3px; line-height: 1; }
.text { flex: 1; min-height: 0; overflow-y: auto; padding: 10px 16px 24px; white-space: pre-wrap;
  overflow-wrap: anywhere; line-height: 1.6; font-size: 15px; font-family: Georgia, "DejaVu Serif", "Liberation Serif", serif; }
.p.reused { background: color-mix(in srgb, var(--c) 17%, white); box-shadow: inset 0 -2px 0 var(--c);
  cursor: pointer; border-radius: 2px; }
.p.orig { background: color-mix(in srgb, var(--c) 9%, white); box-shadow: inset 0 -1px 0 color-mix(in srgb, var(--c) 60%, white);
  cursor: pointer; }
.p { unicode-bidi: isolate; }  /* bidi controls in article text stay inside their passage */
.p.added { color: var(--fg); }
.p.boiler { color: var(--faint); font-style: italic; background: repeating-linear-gradient(135deg, transparent 0 6px, #f5f6f8 6px 12px); }
.p.reworded { text-decoration: underline dotted var(--c); text-underline-offset: 3px; }
.p.reused.active, .p.orig.active { background: color-mix(in srgb, var(--c) 38%, white); }
.p.hl { background: var(--hl); }
::highlight(wt-link) { background-color: var(--hl); color: #000; }
@keyframes wt-flash { from { box-shadow: inset 0 0 0 3px var(--hl); } to { box-shadow: inset 0 0 0 3px transparent; } }
.col.flash .text { animation: wt-flash .8s ease-out; }
#linkinfo { position: fixed; left: 50%; transform: translateX(-50%); bottom: 10px; z-index: 20; background: #1f2328; color: #fff;
  padding: 5px 12px; border-radius: 6px; font-size: 12.5px; max-width: 80vw; overflow: hidden; text-overflow: ellipsis;
  white-space: nowrap; pointer-events: none; opacity: .92; }
)wtcss";

}  // namespace wiretrace::detail
