#include "wiretrace/compare.hpp"

#include <algorithm>

#include <map>

#include <tbb/parallel_for.h>

#include "detail/threads.hpp"
#include "wiretrace/error.hpp"

namespace wiretrace {

LoadedArticle load_article(const std::string& path, const IngestOptions& options) {
  LoadedArticle t;
  IngestResult input = read_inputs({path}, options);
  t.warnings = std::move(input.warnings);
  if (!input.rejected.empty()) {
    t.error = input.rejected.front().input + ": " + input.rejected.front().reason;
  } else if (input.documents.empty() && !t.warnings.empty()) {
    t.error = t.warnings.front().input + ": " + t.warnings.front().message;  // "empty file..."
    t.warnings.clear();
  } else if (input.documents.empty()) {
    t.error = path + ": holds no article";
  } else if (input.documents.size() != 1) {
    t.error = path + ": holds " + std::to_string(input.documents.size()) +
              " articles; compare takes one article per path";
  } else {
    t.document = std::move(input.documents.front());
    t.document.id = path;  // the path as given says more than the bare file name here
    t.tokens = tokenize(t.document.text);
  }
  return t;
}

Comparison compare_articles(const LoadedArticle& a, const LoadedArticle& b,
                            const AlignParams& params, const TermWeights* weights,
                            const RewriteParams& rewrite) {
  Comparison c;
  c.a = &a.document;
  c.b = &b.document;
  c.a_words = static_cast<std::uint32_t>(a.tokens.size());
  c.b_words = static_cast<std::uint32_t>(b.tokens.size());
  c.passages = align(a.tokens, b.tokens, params, a.document.text, b.document.text);
  // Without a corpus's weights, align_rewritten would return the exact passages as they are.
  if (weights) c.passages = align_rewritten(a.tokens, a.terms, b.tokens, b.terms, c.passages, *weights, rewrite);
  return c;
}

PairsSummary compare_pairs(std::span<const PathPair> pairs, const Params& params,
                           const IngestOptions& options, ComparisonSink& sink) {
  std::map<std::string, std::size_t> index;
  std::vector<std::string> paths;
  for (const auto& pair : pairs)
    for (const auto* p : {&pair.a, &pair.b})
      if (index.emplace(*p, paths.size()).second) paths.push_back(*p);

  std::vector<LoadedArticle> texts(paths.size());
  // A fail_on_error load would throw from a worker; the pair's error is reported below instead.
  IngestOptions load_options = options;
  load_options.fail_on_error = false;
  detail::with_threads(params.threads, [&] {
    tbb::parallel_for(std::size_t{0}, paths.size(), [&](std::size_t i) {
      try {
        texts[i] = load_article(paths[i], load_options);
        // The run's articles are a corpus to weigh terms by: rewritten copy can be found.
        if (texts[i].error.empty()) texts[i].terms = termize(texts[i].tokens, texts[i].document.text);
      } catch (const Error& e) {
        texts[i].error = e.what();
      }
    });
  });
  auto error_of = [&](const PathPair& pair) -> const std::string& {
    const LoadedArticle& a = texts[index.at(pair.a)];
    return a.error.empty() ? texts[index.at(pair.b)].error : a.error;
  };
  for (const auto& t : texts)
    for (const auto& w : t.warnings) sink.on_warning(w);
  if (options.fail_on_error)
    for (const auto& pair : pairs)
      if (!error_of(pair).empty()) throw BadInput(pair.where + ": " + error_of(pair));
  const AlignParams how = align_params(params);
  // How rare a term is, learnt from every article of the run (a source paired with many
  // suspicious articles counts once).
  TermWeights weights;
  for (const LoadedArticle& t : texts)
    if (t.error.empty()) weights.add(t.terms);
  std::vector<Comparison> comparisons(pairs.size());
  detail::with_threads(params.threads, [&] {
    tbb::parallel_for(std::size_t{0}, pairs.size(), [&](std::size_t i) {
      if (error_of(pairs[i]).empty())
        comparisons[i] = compare_articles(texts[index.at(pairs[i].a)],
                                          texts[index.at(pairs[i].b)], how, &weights,
                                          rewrite_params(params));
    });
  });
  PairsSummary summary;
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    if (const std::string& error = error_of(pairs[i]); !error.empty()) {
      sink.on_error(pairs[i], error);
      ++summary.failed;
    } else {
      sink.on_comparison(pairs[i], comparisons[i]);
      ++summary.compared;
    }
  }
  return summary;
}

std::vector<ByteRange> added_ranges(const Comparison& c, Side side) {
  const std::string& text = (side == Side::a ? c.a : c.b)->text;
  std::vector<ByteRange> shared;
  for (const AlignedPassage& p : c.passages)
    shared.push_back(side == Side::a ? ByteRange{p.a_begin, p.a_end} : ByteRange{p.b_begin, p.b_end});
  std::sort(shared.begin(), shared.end(), [](ByteRange x, ByteRange y) { return x.start < y.start; });
  std::vector<ByteRange> gaps;
  std::uint32_t at = 0;
  for (const ByteRange& r : shared) {
    if (r.start > at) gaps.push_back({at, r.start});
    at = std::max(at, r.end);
  }
  if (at < text.size()) gaps.push_back({at, static_cast<std::uint32_t>(text.size())});
  // A gap of blanks and sentence punctuation between two passages is no text of its own.
  std::erase_if(gaps, [&](ByteRange g) {
    return std::all_of(text.begin() + g.start, text.begin() + g.end, [](char c) {
      return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '.' || c == ',';
    });
  });
  return gaps;
}

}  // namespace wiretrace
