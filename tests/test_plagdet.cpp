// PAN's measures, on cases small enough to compute by hand.
#include <doctest/doctest.h>

#include <cmath>

#include "pan13/plagdet.hpp"

using namespace wiretrace::bench;

namespace {

Alignment al(std::uint64_t so, std::uint64_t sl, std::uint64_t ro, std::uint64_t rl,
             const char* susp = "s", const char* src = "r") {
  return {susp, src, so, sl, ro, rl};
}

}  // namespace

TEST_CASE("plagdet: a perfect detection scores 1") {
  const auto s = score_plagdet({al(100, 50, 10, 50)}, {al(100, 50, 10, 50)});
  CHECK(s.recall == doctest::Approx(1));
  CHECK(s.precision == doctest::Approx(1));
  CHECK(s.granularity == doctest::Approx(1));
  CHECK(s.plagdet == doctest::Approx(1));
}

TEST_CASE("plagdet: half a case found, nothing wrong reported") {
  // The detection covers 25 of 50 characters on each side.
  const auto s = score_plagdet({al(100, 50, 10, 50)}, {al(100, 25, 10, 25)});
  CHECK(s.recall == doctest::Approx(0.5));
  CHECK(s.precision == doctest::Approx(1));
  CHECK(s.plagdet == doctest::Approx(2.0 / 3.0));
}

TEST_CASE("plagdet: a case found in two pieces has granularity 2") {
  const auto s = score_plagdet({al(0, 100, 0, 100)}, {al(0, 50, 0, 50), al(50, 50, 50, 50)});
  CHECK(s.recall == doctest::Approx(1));
  CHECK(s.granularity == doctest::Approx(2));
  CHECK(s.plagdet == doctest::Approx(1 / std::log2(3.0)));
}

TEST_CASE("plagdet: a detection in another document pair or another place detects nothing") {
  const auto s = score_plagdet({al(0, 100, 0, 100)},
                               {al(0, 100, 0, 100, "s", "other"), al(0, 100, 500, 100)});
  CHECK(s.recall == doctest::Approx(0));
  CHECK(s.precision == doctest::Approx(0));
  CHECK(s.detected_cases == 0);
  CHECK(s.plagdet == doctest::Approx(0));
}

TEST_CASE("plagdet: overlapping detections count each character once") {
  const auto s = score_plagdet({al(0, 100, 0, 100)}, {al(0, 60, 0, 60), al(40, 60, 40, 60)});
  CHECK(s.recall == doctest::Approx(1));
  CHECK(s.precision == doctest::Approx(1));
}
