// The HTML report's script: reads the JSON blobs and builds the overview, the family views, the
// search and the keyboard navigation. Article text only ever enters the DOM through textContent
// and createTextNode, never as markup. Views are built when shown: the overview renders families
// in chunks as they scroll into view; a family's texts are parsed only when it is opened (or when
// a search needs them). Blob layouts are documented in src/report/html_data.hpp.
#pragma GCC diagnostic ignored "-Woverlength-strings"
#include "report/html_assets.hpp"

namespace wiretrace::detail {

const std::string_view html_report_js = R"wtjs(
(function () {
  'use strict';
  var started = performance.now();  // the page's HTML (all of its data) is parsed by now
  var root = document.documentElement;
  var errors = [];
  function noteError(message) {
    errors.push(String(message));
    root.setAttribute('data-errors', errors.join(' | '));
  }
  window.addEventListener('error', function (e) { noteError(e.message || 'error'); });
  window.addEventListener('unhandledrejection', function (e) { noteError(e.reason); });

  // Fields of a docs[] row and codes of the family blobs (see html_data.hpp).
  var ID = 0, TITLE = 1, SOURCE = 2, DATE = 3, FAMILY = 4, ROLE = 5, WORDS = 6,
      REUSED = 8, ADDED = 9, BOILER = 10;
  var ROLES = ['unique', 'original', 'copy'];
  var KIND_CLASS = ['reused', 'added', 'orig', 'boiler'];
  // Per passage: start, end, kind, source, source start, source end, reworded (1) or not.
  var STRIDE = 7;
  var COLOURS = 10;   // c0..c9 in the stylesheet
  var CHUNK = 40;     // families rendered at a time in the overview
  var UNIQUE_PAGE = 300;

  function byId(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function add(parent, child) { parent.appendChild(child); return child; }
  function plural(n, one, many) { return n.toLocaleString('en') + ' ' + (n === 1 ? one : many); }
  function percent(part, whole) { return whole ? Math.round(100 * part / whole) + '%' : '0%'; }

  var data = JSON.parse(byId('wt-data').textContent);
  var docs = data.docs, families = data.families;

  // Bidi controls in metadata (a U+202E in an id or a title would reverse the text after it) are
  // shown as escapes, never obeyed, as on a terminal. Article text keeps its own: each passage is
  // an isolate (the stylesheet's .p), so they cannot reach past it.
  var BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
  function escapeBidi(s) {
    return typeof s !== 'string' ? s : s.replace(BIDI_CONTROLS, function (c) {
      return '\\u' + ('000' + c.charCodeAt(0).toString(16).toUpperCase()).slice(-4);
    });
  }
  docs.forEach(function (x) { x[ID] = escapeBidi(x[ID]); x[TITLE] = escapeBidi(x[TITLE]); x[DATE] = escapeBidi(x[DATE]); });
  data.sources = data.sources.map(escapeBidi);
  data.rejected = data.rejected.map(function (r) { return r.map(escapeBidi); });
  data.warnings = data.warnings.map(function (w) { return w.map(escapeBidi); });
  var famName = function (f) { return 'f' + (f + 1); };
  function sourceName(d) { var s = docs[d][SOURCE]; return s < 0 ? '' : data.sources[s]; }

  var blobs = [];
  function familyBlob(f) {
    if (!blobs[f]) blobs[f] = JSON.parse(byId('wt-' + famName(f)).textContent);
    return blobs[f];
  }

  // Families by size, largest first (the report's own order breaks ties).
  var order = families.map(function (_, f) { return f; });
  order.sort(function (a, b) { return families[b][4].length - families[a][4].length || a - b; });
  var nameIndex = {};
  families.forEach(function (_, f) { nameIndex[famName(f)] = f; });

  var state = { terms: [], source: -1, selected: 0, view: '', family: -1 };
  var visible = order.slice();
  var uniqueDocs = [];
  docs.forEach(function (x, d) { if (x[FAMILY] < 0) uniqueDocs.push(d); });
  var visibleUnique = uniqueDocs;

  // ---- search -------------------------------------------------------------------------------
  var hay = null;  // lower-cased searchable text per document, built by the first search
  function buildHay() {
    hay = docs.map(function (x, d) {
      return (x[ID] + '\n' + x[TITLE] + '\n' + sourceName(d) + '\n' + x[DATE]).toLowerCase();
    });
    families.forEach(function (fam, f) {
      var texts = familyBlob(f).t;
      fam[4].forEach(function (d, i) { hay[d] += '\n' + texts[i].toLowerCase(); });
    });
  }
  function docMatches(d) {
    if (state.source >= 0 && docs[d][SOURCE] !== state.source) return false;
    if (!state.terms.length) return true;
    if (!hay) buildHay();
    var h = hay[d];
    for (var i = 0; i < state.terms.length; ++i) if (h.indexOf(state.terms[i]) < 0) return false;
    return true;
  }
  function filtering() { return state.terms.length > 0 || state.source >= 0; }
  function familyMatches(f) { return families[f][4].some(docMatches); }
  function applyFilter() {
    var q = byId('search').value.toLowerCase().trim();
    state.terms = q ? q.split(/\s+/) : [];
    var s = byId('source-filter').value;
    state.source = s === '' ? -1 : +s;
    visible = filtering() ? order.filter(familyMatches) : order.slice();
    visibleUnique = filtering() ? uniqueDocs.filter(docMatches) : uniqueDocs;
    state.selected = 0;
    updateMatches();
    if (state.view === 'overview') renderOverview();
    else { stale = true; location.hash = ''; }
  }
  function updateMatches() {
    byId('matches').textContent = filtering()
        ? visible.length + ' of ' + plural(families.length, 'family', 'families') + ', ' +
          visibleUnique.length + ' of ' + uniqueDocs.length + ' unique'
        : '';
  }

  // ---- header -------------------------------------------------------------------------------
  function renderSummary() {
    var s = data.stats, box = byId('summary');
    [[s.documents, 'articles', 'article'], [s.families, 'families', 'family'], [s.unique, 'unique'],
     [s.rejected, 'rejected']].forEach(function (item) {
      var span = add(box, el('span', 'stat'));
      span.setAttribute('data-stat', item[1]);
      add(span, el('b', '', item[0].toLocaleString('en')));
      span.appendChild(document.createTextNode(item[0] === 1 && item[2] ? item[2] : item[1]));
    });
    document.title = 'wiretrace: ' + plural(s.documents, 'article', 'articles') + ', ' +
        plural(s.families, 'family', 'families');
    var select = byId('source-filter');
    var counts = data.sources.map(function () { return 0; });
    docs.forEach(function (x) { if (x[SOURCE] >= 0) counts[x[SOURCE]]++; });
    data.sources.forEach(function (name, i) {
      var o = add(select, el('option', '', name + ' (' + counts[i] + ')'));
      o.value = String(i);
    });
    if (!data.sources.length) select.hidden = true;
  }

  // ---- overview -----------------------------------------------------------------------------
  var overview = byId('overview'), familyView = byId('family');
  var list = null, sentinel = null, rendered = 0, observer = null, stale = false;

  function figures(d) {
    var x = docs[d], words = x[WORDS];
    var cell = el('td', 'figs');
    var bar = add(cell, el('span', 'bar'));
    [[x[REUSED], 'reused'], [x[ADDED], 'added'], [x[BOILER], 'boiler']].forEach(function (p) {
      if (!p[0] || !words) return;
      var seg = add(bar, el('span', p[1]));
      seg.style.width = (100 * p[0] / words) + '%';
    });
    var text = (x[ROLE] === 1 ? 'reused by copies ' : 'reused ') + percent(x[REUSED], words) +
        ', added ' + percent(x[ADDED], words) +
        (x[BOILER] ? ', boilerplate ' + percent(x[BOILER], words) : '');
    bar.title = text;
    add(cell, el('span', 'pct', percent(x[REUSED], words) + ' / ' + percent(x[ADDED], words) +
        (x[BOILER] ? ' / ' + percent(x[BOILER], words) : '')));
    return cell;
  }

  function memberRow(d, dim) {
    var x = docs[d], tr = el('tr', dim ? 'dim' : '');
    tr.setAttribute('data-doc', x[ID]);
    add(add(tr, el('td', 'role')), el('span', 'badge ' + ROLES[x[ROLE]], ROLES[x[ROLE]]));
    add(tr, el('td', 'id', x[ID])).title = x[ID];
    add(tr, el('td', 'src', sourceName(d)));
    add(tr, el('td', 'date', x[DATE]));
    add(tr, el('td', 'title', x[TITLE])).title = x[TITLE];
    add(tr, el('td', 'words', x[WORDS].toLocaleString('en') + ' w'));
    tr.appendChild(figures(d));
    return tr;
  }

  function originalText(fam) {
    if (!fam[3]) return ' · wire not in input';
    return ' · original ' + docs[fam[0]][ID] + ' (by ' + fam[1] + ', ' + fam[2] + ' confidence)';
  }

  function familyCard(f, position) {
    var fam = families[f], name = famName(f);
    var card = el('section', 'card' + (position === state.selected ? ' selected' : ''));
    card.id = 'card-' + name;
    card.setAttribute('data-family', name);
    var h = add(card, el('h2'));
    add(h, el('a', 'fam-link', name)).href = '#family=' + name;
    add(h, el('span', 'meta', plural(fam[4].length, 'article', 'articles') + originalText(fam)));
    if (!fam[3])
      add(card, el('p', 'note', 'Wire not in input: every member carries a ' +
          "publisher's header or footer, so none is named original."));
    var table = add(card, el('table', 'members')), body = add(table, el('tbody'));
    fam[4].forEach(function (d) { body.appendChild(memberRow(d, filtering() && !docMatches(d))); });
    card.addEventListener('click', function (e) {
      if (e.target.closest('a')) return;
      state.selected = position;
      location.hash = '#family=' + name;
    });
    return card;
  }

  function renderMore(upTo) {
    var end = Math.min(visible.length, Math.max(upTo || 0, rendered + CHUNK));
    var frag = document.createDocumentFragment();
    for (; rendered < end; ++rendered) frag.appendChild(familyCard(visible[rendered], rendered));
    list.appendChild(frag);
    sentinel.hidden = rendered >= visible.length;
  }

  function legend() {
    var box = el('div', 'legend');
    [['reused', 'reused (in an original: reused by copies)'], ['added', 'added by the publisher'],
     ['boiler', 'boilerplate']].forEach(function (k) {
      var key = add(box, el('span', 'key'));
      add(key, el('span', 'swatch ' + k[0]));
      key.appendChild(document.createTextNode(k[1]));
    });
    add(box, el('span', 'key', '(bars and figures: share of each article’s words)'));
    var hint = add(box, el('span', 'hint'));
    [['/', ' search  '], ['j', ''], ['k', ' next / previous  '], ['Enter', ' open  '], ['Esc', ' back']]
        .forEach(function (k) { add(hint, el('kbd', '', k[0])); hint.appendChild(document.createTextNode(k[1])); });
    return box;
  }

  function moreList(title, items, row) {
    var box = el('details', 'more');
    add(box, el('summary', '', title));
    var table = add(box, el('table')), body = add(table, el('tbody'));
    var shown = 0, button = null;
    function page() {
      var end = Math.min(items.length, shown + UNIQUE_PAGE);
      for (; shown < end; ++shown) body.appendChild(row(items[shown]));
      if (shown < items.length) {
        if (!button) {
          button = add(box, el('button', 'show-more'));
          button.addEventListener('click', page);
        }
        button.textContent = 'Show more (' + (items.length - shown).toLocaleString('en') + ' left)';
      } else if (button) {
        button.remove();
      }
    }
    box.addEventListener('toggle', function () { if (box.open && shown === 0) page(); });
    return box;
  }

  function renderOverview() {
    overview.textContent = '';
    overview.appendChild(legend());
    list = add(overview, el('div', 'families'));
    list.id = 'families';
    sentinel = add(overview, el('div', 'sentinel'));
    sentinel.style.height = '1px';
    rendered = 0;
    if (!visible.length)
      add(list, el('p', 'empty', families.length ? 'No family matches.' : 'No families: no two articles share wire copy.'));
    renderMore(state.selected + 1);
    if (observer) observer.disconnect();
    if (window.IntersectionObserver) {
      observer = new IntersectionObserver(function (entries) {
        if (entries.some(function (e) { return e.isIntersecting; }) && rendered < visible.length) renderMore();
      }, { rootMargin: '800px' });
      observer.observe(sentinel);
    }
    var u = add(overview, moreList('Unique articles (' + (filtering() ? visibleUnique.length + ' of ' : '') +
        uniqueDocs.length.toLocaleString('en') + ')', visibleUnique, function (d) {
      var x = docs[d], tr = el('tr');
      tr.setAttribute('data-doc', x[ID]);
      add(tr, el('td', 'id', x[ID]));
      add(tr, el('td', '', sourceName(d)));
      add(tr, el('td', '', x[DATE]));
      add(tr, el('td', '', x[TITLE]));
      add(tr, el('td', '', x[WORDS].toLocaleString('en') + ' words'));
      return tr;
    }));
    u.id = 'unique';
    if (data.rejected.length)
      add(overview, moreList('Rejected inputs (' + data.rejected.length + ')', data.rejected, function (r) {
        var tr = el('tr');
        add(tr, el('td', 'id', r[0]));
        add(tr, el('td', '', r[1]));
        return tr;
      })).id = 'rejected';
    if (data.warnings.length)
      add(overview, moreList('Warnings (' + data.warnings.length + ')', data.warnings, function (w) {
        var tr = el('tr');
        add(tr, el('td', 'id', w[0]));
        add(tr, el('td', '', w[1]));
        return tr;
      })).id = 'warnings';
    var p = data.params;
    add(overview, el('footer', '', 'Two articles share wire copy when they share a run of at least ' +
        p.min_run_words + ' words or their ' + p.shingle_k + '-word shingle Jaccard reaches ' +
        p.min_jaccard + '.' + (data.stats.seconds !== null ? ' Computed in ' + data.stats.seconds + ' s.' : '')));
  }

  function select(position) {
    if (!visible.length) return;
    position = Math.max(0, Math.min(visible.length - 1, position));
    if (position >= rendered) renderMore(position + 1);
    var old = list.children[state.selected];
    if (old) old.classList.remove('selected');
    state.selected = position;
    var card = list.children[position];
    card.classList.add('selected');
    card.scrollIntoView({ block: 'nearest' });
  }

  function showOverview() {
    var wasFamily = state.view === 'family';
    state.view = 'overview';
    document.body.classList.remove('family-view');
    familyView.hidden = true;
    familyView.textContent = '';
    byId('linkinfo').hidden = true;
    overview.hidden = false;
    root.setAttribute('data-view', 'overview');
    if (!list || stale) renderOverview();
    stale = false;
    if (wasFamily && visible.length) select(state.selected);
  }

  // ---- family view --------------------------------------------------------------------------
  var cols = [];       // per member: {doc, pos, body, p (flat passages), spans, starts}
  var memberPos = {};  // doc index -> member position in the open family
  var incoming = [];   // per member: reused passages of other members taken from it
  var pinned = null, hovered = null;

  function colourClass(position) { return 'c' + (position % COLOURS); }

  function columnHead(d, position) {
    var x = docs[d], head = el('div', 'col-head');
    var line = add(head, el('div', 'title-line'));
    add(line, el('span', 'badge ' + ROLES[x[ROLE]], ROLES[x[ROLE]]));
    add(line, el('span', 'id', x[ID])).title = x[ID];
    var sub = [sourceName(d), x[DATE], plural(x[WORDS], 'word', 'words')].filter(Boolean).join(' · ');
    add(head, el('div', 'sub', sub)).title = sub;
    if (x[TITLE]) add(head, el('div', 'doc-title', x[TITLE]));
    var figs = add(head, el('div', 'figs-line')), cell = figures(d);
    while (cell.firstChild) figs.appendChild(cell.firstChild);
    return head;
  }

  function pairsTable(fam, position) {
    var box = el('div', 'pairs-box');
    var table = add(box, el('table', 'pairs'));
    var head = add(add(table, el('thead')), el('tr'));
    ['article', 'compared with', 'Jaccard', 'containment a→b', 'b→a', 'shared words', 'longest run']
        .forEach(function (h) { add(head, el('th', '', h)); });
    var body = add(table, el('tbody'));
    fam[5].forEach(function (p) {
      var tr = add(body, el('tr'));
      [p[0], p[1]].forEach(function (d) {
        var td = add(tr, el('td', 'id ' + colourClass(position[d])));
        add(td, el('span', 'chip'));
        td.appendChild(document.createTextNode(docs[d][ID]));
      });
      for (var i = 2; i < 7; ++i) add(tr, el('td', '', String(p[i])));
    });
    return box;
  }

  function kindsLegend(members) {
    var box = el('div', 'kinds');
    var reused = add(box, el('span', 'key'));
    add(reused, el('span', 'sample p reused ' + colourClass(0), 'reused'));
    reused.appendChild(document.createTextNode(' in the colour of its source'));
    var orig = add(box, el('span', 'key'));
    add(orig, el('span', 'sample p orig ' + colourClass(0), 'original'));
    orig.appendChild(document.createTextNode(' text that copies reused'));
    var reworded = add(box, el('span', 'key'));
    add(reworded, el('span', 'sample p reused reworded ' + colourClass(0), 'reworded'));
    reworded.appendChild(document.createTextNode(' reused in other words'));
    add(add(box, el('span', 'key')), el('span', 'sample p added', 'added'));
    add(add(box, el('span', 'key')), el('span', 'sample p boiler', 'boilerplate'));
    var hint = add(box, el('span', 'key', 'hover or click a highlight to see where it comes from'));
    hint.style.color = 'var(--faint)';
    return box;
  }

  function showFamily(f) {
    state.view = 'family';
    state.family = f;
    var position = visible.indexOf(f);
    if (position >= 0) state.selected = position;
    overview.hidden = true;
    document.body.classList.add('family-view');
    familyView.hidden = false;
    familyView.textContent = '';
    familyView.setAttribute('data-family', famName(f));
    root.setAttribute('data-view', 'family');
    pinned = hovered = null;

    var fam = families[f], members = fam[4], blob = familyBlob(f);
    memberPos = {};
    members.forEach(function (d, i) { memberPos[d] = i; });

    var head = add(familyView, el('div', 'fam-head'));
    add(head, el('h2', '', 'Family ' + famName(f)));
    add(head, el('span', 'meta', plural(members.length, 'article', 'articles') + originalText(fam)));
    var nav = add(head, el('span', 'nav'));
    var seq = position >= 0 ? visible : order, at = seq.indexOf(f);
    var prev = add(nav, el('a', '', '← k'));
    prev.href = at > 0 ? '#family=' + famName(seq[at - 1]) : '#';
    prev.title = 'Previous family (k or ←)';
    add(nav, el('span', '', (at + 1) + ' of ' + seq.length));
    var next = add(nav, el('a', '', 'j →'));
    next.href = at + 1 < seq.length ? '#family=' + famName(seq[at + 1]) : '#';
    next.title = 'Next family (j or →)';
    add(nav, el('a', '', 'all families (Esc)')).href = '#';

    var tools = add(familyView, el('div', 'fam-tools'));
    tools.appendChild(pairsTable(fam, memberPos));
    tools.appendChild(kindsLegend(members));

    var grid = add(familyView, el('div', 'cols'));
    cols = [];
    incoming = members.map(function () { return []; });
    members.forEach(function (d, i) {
      var col = add(grid, el('article', 'col ' + colourClass(i)));
      col.setAttribute('data-doc', docs[d][ID]);
      col.setAttribute('data-role', ROLES[docs[d][ROLE]]);
      col.appendChild(columnHead(d, i));
      var body = add(col, el('div', 'text'));
      body.setAttribute('data-col', String(i));
      var text = blob.t[i], p = blob.p[i], n = p.length / STRIDE;
      var spans = new Array(n), starts = new Array(n);
      var frag = document.createDocumentFragment();
      for (var k = 0; k < n; ++k) {
        var b = STRIDE * k, kind = p[b + 2], source = p[b + 3], reworded = p[b + 6] === 1;
        var cls = 'p ' + KIND_CLASS[kind] + (reworded ? ' reworded' : '');
        if (kind === 0 && source in memberPos) cls += ' ' + colourClass(memberPos[source]);
        else if (kind === 2) cls += ' ' + colourClass(i);
        var span = el('span', cls, text.slice(p[b], p[b + 1]));
        span.setAttribute('data-k', String(k));
        if (kind === 0) {
          span.title = (reworded ? 'reused, reworded, from ' : 'reused from ') + docs[source][ID];
          if (source in memberPos) incoming[memberPos[source]].push({ col: i, k: k, start: p[b + 4], end: p[b + 5] });
        }
        spans[k] = span;
        starts[k] = p[b];
        frag.appendChild(span);
      }
      body.appendChild(frag);
      cols.push({ doc: d, pos: i, body: body, col: col, p: p, spans: spans, starts: starts });
    });
  }

  // The DOM position of UTF-16 offset `at` in a column: a passage span holds one text node.
  function point(column, at, end) {
    var s = column.starts, lo = 0, hi = s.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (s[mid] < at || (!end && s[mid] === at)) lo = mid; else hi = mid - 1;
    }
    var node = column.spans[lo].firstChild;
    if (!node) return { node: column.spans[lo], offset: 0 };
    return { node: node, offset: Math.max(0, Math.min(node.length, at - s[lo])) };
  }
  function rangeIn(column, start, end) {
    var r = document.createRange();
    var a = point(column, start, false), b = point(column, end, true);
    r.setStart(a.node, a.offset);
    r.setEnd(b.node, b.offset);
    return r;
  }
  var smooth = 'smooth';
  function scrollToRange(column, range, always) {
    var box = column.body.getBoundingClientRect(), rect = range.getBoundingClientRect();
    if (!always && rect.top >= box.top && rect.bottom <= box.bottom) return;
    column.body.scrollTo({ top: column.body.scrollTop + rect.top - box.top - box.height / 4, behavior: smooth });
  }

  var marked = [];
  function clearLinks() {
    if (window.CSS && CSS.highlights) CSS.highlights.delete('wt-link');
    marked.forEach(function (s) { s.classList.remove('hl', 'active'); });
    marked = [];
    byId('linkinfo').hidden = true;
  }
  // Shows where a passage comes from (its source range) and which copies took from it.
  // `click` jumps every linked column to its place; `scroll` only brings an unseen source into view.
  function showLinks(span, click, scroll) {
    clearLinks();
    var ci = +span.parentNode.getAttribute('data-col'), k = +span.getAttribute('data-k');
    var column = cols[ci];
    if (!column) return;
    var b = STRIDE * k, p = column.p, start = p[b], end = p[b + 1], kind = p[b + 2], source = p[b + 3];
    var ranges = [], info = '';
    span.classList.add('active');
    marked.push(span);
    if (kind === 0 && source in memberPos) {
      var target = cols[memberPos[source]];
      var r = rangeIn(target, p[b + 4], p[b + 5]);
      ranges.push(r);
      if (click || scroll) scrollToRange(target, r, click);
      if (click) {
        flash(target);
        familyView.setAttribute('data-linked', r.toString());
      }
      info = (p[b + 6] === 1 ? 'reused, reworded, from ' : 'reused from ') + docs[source][ID];
    }
    var takers = {};
    incoming[ci].forEach(function (t) {
      if (t.start >= end || t.end <= start) return;
      var s = cols[t.col].spans[t.k], r = document.createRange();
      r.selectNodeContents(s);
      ranges.push(r);
      marked.push(s);
      if (!takers[t.col]) {
        takers[t.col] = true;
        if (click) { scrollToRange(cols[t.col], r, true); flash(cols[t.col]); }
      }
    });
    var names = Object.keys(takers).map(function (c) { return docs[cols[c].doc][ID]; });
    if (names.length) info += (info ? ' · ' : '') + 'taken by ' + names.join(', ');
    if (window.CSS && CSS.highlights && window.Highlight) {
      CSS.highlights.set('wt-link', new Highlight(...ranges));
    } else {
      marked.forEach(function (s) { s.classList.add('hl'); });
    }
    if (info) {
      var box = byId('linkinfo');
      box.textContent = info + (click ? '' : '  (click to jump)');
      box.hidden = false;
    }
  }
  function flash(column) {
    column.col.classList.remove('flash');
    void column.col.offsetWidth;
    column.col.classList.add('flash');
  }
  function linkable(target) {
    var span = target && target.closest ? target.closest('span.p') : null;
    if (!span || !span.parentNode || !span.parentNode.hasAttribute('data-col')) return null;
    return span.classList.contains('reused') || span.classList.contains('orig') ||
        incoming[+span.parentNode.getAttribute('data-col')].length ? span : null;
  }
  familyView.addEventListener('mouseover', function (e) {
    var span = linkable(e.target);
    if (span === hovered) return;
    hovered = span;
    if (span) showLinks(span, false, true);
    else if (pinned) showLinks(pinned, false, false);
    else clearLinks();
  });
  familyView.addEventListener('click', function (e) {
    var span = linkable(e.target);
    if (!span && e.target.closest && e.target.closest('.cols')) { pinned = null; clearLinks(); }
    if (!span) return;
    pinned = span;
    showLinks(span, true, true);
  });

  // ---- routing and keys ---------------------------------------------------------------------
  // #family=f3 opens a family; #family=f3&show=ID:K also clicks passage K of member ID (the
  // screenshot script and the browser tests use it to show a link).
  function route() {
    var m = /^#family=(f\d+)(?:&show=(.+))?$/.exec(location.hash);
    if (!m || !(m[1] in nameIndex)) return showOverview();
    showFamily(nameIndex[m[1]]);
    if (!m[2]) return;
    var show = decodeURIComponent(m[2]), colon = show.lastIndexOf(':');
    var id = show.slice(0, colon), k = +show.slice(colon + 1);
    cols.forEach(function (column) {
      if (docs[column.doc][ID] !== id || !column.spans[k]) return;
      var own = document.createRange();
      own.selectNodeContents(column.spans[k]);
      smooth = 'auto';
      scrollToRange(column, own, true);
      pinned = column.spans[k];
      showLinks(pinned, true, true);
      smooth = 'smooth';
    });
  }
  function step(delta) {
    var list = visible.indexOf(state.family) >= 0 ? visible : order;
    var at = list.indexOf(state.family) + delta;
    if (at < 0 || at >= list.length) return;
    if (list === visible) state.selected = at;
    state.family = list[at];  // before hashchange fires, so that repeated keys keep going
    location.hash = '#family=' + famName(list[at]);
  }
  document.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var tag = e.target && e.target.tagName;
    if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA') {
      if (e.key === 'Escape' || e.key === 'Enter') e.target.blur();
      return;
    }
    var key = e.key;
    if (key === '/') { byId('search').focus(); e.preventDefault(); return; }
    if (state.view === 'family') {
      if (key === 'j' || key === 'ArrowRight') step(1);
      else if (key === 'k' || key === 'ArrowLeft') step(-1);
      else if (key === 'Escape' || key === 'u') location.hash = '';
      else return;
    } else {
      if (key === 'j' || key === 'ArrowDown') select(state.selected + 1);
      else if (key === 'k' || key === 'ArrowUp') select(state.selected - 1);
      else if ((key === 'Enter' || key === 'o') && visible.length) location.hash = '#family=' + famName(visible[state.selected]);
      else return;
    }
    e.preventDefault();
  });
  var timer = 0;
  byId('search').addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(applyFilter, 150); });
  byId('source-filter').addEventListener('change', applyFilter);
  window.addEventListener('hashchange', route);

  renderSummary();
  route();
  root.setAttribute('data-ready', 'true');
  // Milliseconds since navigation started, and of those, spent in this script.
  root.setAttribute('data-load-ms', String(Math.round(performance.now())));
  root.setAttribute('data-script-ms', String(Math.round(performance.now() - started)));
})();
)wtjs";

}  // namespace wiretrace::detail
