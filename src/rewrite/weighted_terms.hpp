// Private to the rewrite stage: a run of sentences as one tf-idf vector. Sentence seeds, grown
// passages (sentence_align.cpp) and whole articles (document_links.cpp) are weighted alike.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "wiretrace/rewrite.hpp"

namespace wiretrace::detail {

/// Distinct terms in order, each weighing (1 + ln tf) * idf, and the vector's Euclidean norm.
struct WeightedTerms {
  std::vector<std::uint64_t> terms;
  std::vector<double> weights;
  double norm = 0;
};

WeightedTerms weighted_terms(std::span<const TermSentence> sentences, const TermWeights& weights);

}  // namespace wiretrace::detail
