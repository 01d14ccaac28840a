// Known answers for the values a dedup index stores or derives from what it stores: token hashes
// (shingles are built from them), shingle hashes (the stored sequences), MinHash signatures (stored),
// LSH band keys and passage fingerprints (rebuilt from those on open). The expected values are
// literals, written down once from the code; they are not recomputed here with the code's own
// formula, so a change to any of these functions (an XXH3 seed, a mixer, the bytes hashed, the
// banding) turns these tests red. Such a change orphans every existing index: it must come with
// a bump of normalizer_version (tokens) or a change of sketch_stamp (the rest), and new literals.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "wiretrace/candidates.hpp"
#include "wiretrace/normalize.hpp"
#include "wiretrace/params.hpp"
#include "wiretrace/shingle.hpp"
#include "wiretrace/sketch.hpp"

using namespace wiretrace;

namespace {

// ASCII words (the fast path, with text after them and at the very end), a curly apostrophe,
// a dash, digits with a comma, fullwidth letters and ß (ICU's NFKC case folding).
const std::string text =
    "Reuters \xe2\x80\x94 Tokyo\xe2\x80\x99s officials said 3,000 troops arrived in "
    "\xef\xbc\xa1\xef\xbc\xa2\xef\xbc\xa3 Stra\xc3\x9f" "e on Monday, it's";

const std::vector<std::uint64_t> text_token_hashes{
    0x14d956c2a74e7420ULL,  // Reuters
    0xe4fb4c428cb4a618ULL,  // Tokyo’s
    0xfe5e1a6b957642ebULL,  // officials
    0x14c3dd57acec1933ULL,  // said
    0x218a29922e3807abULL,  // 3,000
    0x049cd34ce530595fULL,  // troops
    0x7ba9676f45c29587ULL,  // arrived
    0x48068d8a56def9a6ULL,  // in
    0x78af5f94892f3950ULL,  // ＡＢＣ
    0x6a5260406c46e30cULL,  // Straße
    0xb95d67dfb953f4efULL,  // on
    0xb55542a89b3319a4ULL,  // Monday
    0x1128e8c602e9b11eULL,  // it's
};

std::vector<Token> tokens_with_hashes(const std::vector<std::uint64_t>& hashes) {
  std::vector<Token> tokens;
  for (std::size_t i = 0; i < hashes.size(); ++i)
    tokens.push_back({static_cast<std::uint32_t>(8 * i), static_cast<std::uint32_t>(8 * i + 7), hashes[i]});
  return tokens;
}

}  // namespace

TEST_CASE("known answers: token hashes of ASCII, curly, fullwidth and folded words") {
  const auto tokens = tokenize(text);
  REQUIRE(tokens.size() == text_token_hashes.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    CAPTURE(i);
    CHECK(tokens[i].hash == text_token_hashes[i]);
  }
  // A word longer than the fast path's 128-byte buffer.
  const auto long_word = tokenize(std::string(130, 'W'));
  REQUIRE(long_word.size() == 1);
  CHECK(long_word[0].hash == 0x911e0a99a41adba7ULL);
}

TEST_CASE("known answers: shingle hashes of 5 and of 32 words") {
  std::vector<std::uint64_t> eight;
  for (std::uint64_t i = 1; i <= 8; ++i) eight.push_back(0x0123456789abcdefULL * i);
  CHECK(shingle_hashes(tokens_with_hashes(eight), 5) ==
        std::vector<ShingleHash>{0x57f92f62, 0x02d02d81, 0x418a4a20, 0xa8d35d84});

  std::vector<std::uint64_t> forty;
  for (std::uint64_t i = 0; i < 40; ++i) forty.push_back(0xfedcba9876543210ULL ^ (i << 40) ^ i);
  CHECK(shingle_hashes(tokens_with_hashes(forty), 32) ==
        std::vector<ShingleHash>{0x77a0f267, 0x0593aefa, 0x2af2adc1, 0x52861d23, 0x454e46dc, 0x193a3e08,
                                 0x94d338e3, 0x0c30ea9a, 0x9113139d});

  CHECK(shingle_hashes(tokenize(text), 5) ==
        std::vector<ShingleHash>{0xcd024c21, 0xca8144a5, 0x63b6576b, 0x808d4d81, 0x197f19a7, 0xc481bf1c,
                                 0x054f29a0, 0xf0c008d1, 0x3840a7c3});
}

TEST_CASE("known answers: MinHash signatures, all bins filled and densified") {
  const std::uint64_t seed = Params{}.seed;
  std::vector<ShingleHash> forty;
  for (std::uint32_t i = 1; i <= 40; ++i) forty.push_back(0x9e3779b9u * i);
  std::vector<std::uint32_t> signature(16);
  minhash(forty, seed, signature);
  CHECK(signature == std::vector<std::uint32_t>{0x57041085, 0x4e5c0aa6, 0x43dae61a, 0x0ed2aaf5, 0x2054a613,
                                                0x0f7fdb11, 0x52fffbe0, 0x57041085, 0x5f10f34e, 0x4cd4720a,
                                                0x0f0b0a41, 0x13a68bf5, 0x0a81b3be, 0x1ae432f5, 0x041fe69f,
                                                0x172d7ab6});
  // Three shingles for 16 bins: 13 bins borrow from the three filled ones.
  minhash(std::vector<ShingleHash>{0x11111111, 0x22222222, 0x33333333}, seed, signature);
  CHECK(signature == std::vector<std::uint32_t>{0x5ac7ea2d, 0x5db60620, 0x7baba1d9, 0x7baba1d9, 0x5db60620,
                                                0x7baba1d9, 0x5ac7ea2d, 0x5ac7ea2d, 0x5db60620, 0x7baba1d9,
                                                0x5ac7ea2d, 0x7baba1d9, 0x5db60620, 0x5db60620, 0x5db60620,
                                                0x7baba1d9});
}

TEST_CASE("known answers: LSH band keys, and the banding of the default parameters") {
  const std::vector<std::uint32_t> signature{0x57041085, 0x4e5c0aa6, 0x43dae61a, 0x0ed2aaf5, 0x2054a613,
                                             0x0f7fdb11, 0x52fffbe0, 0x57041085, 0x5f10f34e, 0x4cd4720a,
                                             0x0f0b0a41, 0x13a68bf5, 0x0a81b3be, 0x1ae432f5, 0x041fe69f,
                                             0x172d7ab6};
  CHECK(band_keys(signature, LshBands{4, 4}) ==
        std::vector<std::uint64_t>{0x912efc15b5997eacULL, 0xcb0adb81203d6700ULL, 0xa8b526e200ab3f38ULL,
                                   0x34c2c941bd3362dcULL});

  const Params defaults;
  const LshBands bands = choose_bands(defaults.num_perm, defaults.lsh_threshold);
  CHECK(bands.bands == 25);
  CHECK(bands.rows == 5);
  // From text to keys, as the index computes them.
  std::vector<std::uint32_t> full(defaults.num_perm);
  minhash(shingle_hashes(tokenize(text), defaults.shingle_k), defaults.seed, full);
  CHECK(band_keys(full, bands) ==
        std::vector<std::uint64_t>{
            0x78d3ca8f3b0ae004ULL, 0x7348cf3bd63cf79eULL, 0xe7872709720bb6c5ULL, 0x95e5f59b71552080ULL,
            0x968032d1fe66eb16ULL, 0xb9a047e660f87885ULL, 0x1f7e8af69732ee19ULL, 0x84cc42774e593c12ULL,
            0x99abf06404855cd5ULL, 0xb0a67944a5dcc09dULL, 0x0587fc48311b9577ULL, 0x5621a0badef3ea58ULL,
            0x197ba844b58bbc95ULL, 0x6e6e5e164c939432ULL, 0x34e4fca092c8e55dULL, 0x3f8cc421278a95ddULL,
            0x8825793ee22e7dbbULL, 0xc36a008c37aa75f6ULL, 0x829b60ad7e6ebb0fULL, 0x15d3b3e5022983f1ULL,
            0xbd149fc1a5140716ULL, 0x784adec3b172fbe8ULL, 0x35f3551f344a1fb0ULL, 0xc80e80836a2f620fULL,
            0x81487e678254c363ULL});
}

TEST_CASE("known answers: passage fingerprints around a masked position") {
  std::vector<ShingleHash> sequence;
  for (std::uint32_t i = 3; i < 33; ++i) sequence.push_back(0x85ebca6bu * i);
  sequence[20] = 0;
  CHECK(passage_fingerprints(sequence, 5, 8, 12) ==
        std::vector<std::uint64_t>{0x264eb849d9a6fedfULL, 0x2af2d03eeed7cc77ULL, 0x20ba5405e95b80a9ULL,
                                   0x3c3d5c8f1a960ba9ULL, 0x17d49036d728da6fULL, 0x0e5fb3d86b1b2ddbULL});
}
