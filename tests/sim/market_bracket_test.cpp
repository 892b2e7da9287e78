// The export price's bracket searches (sim/market_internal.h): the sign-only search from a hint
// and the secant-guided one the Cournot solver uses, on hand-made monotone functions.
#include "sim/market_cournot.h"
#include "sim/market_internal.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <functional>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace regsim::sim {
namespace {

struct Case {
  std::string name;
  std::function<double(double)> g;  // non-decreasing, g < 0 below the root, >= 0 from it
};

// Shapes of the Cournot search's G(P) = P^eta sum_m NX_m(P): smooth, convex, concave, kinked
// (capacity limits), with a flat stretch (every firm at capacity), and a step.
std::vector<Case> cases() {
  return {
      {"linear", [](double p) { return p - 0.8; }},
      {"power", [](double p) { return std::pow(p, 1.5) - 0.3 / p; }},
      {"steep", [](double p) { return 1e4 * (p - 1.3); }},
      {"kinked", [](double p) { return p < 0.9 ? 20.0 * (p - 0.9) : 0.5 * (p - 0.9); }},
      {"flat then rising",
       [](double p) { return p < 1.0 ? -1.0 : (p < 1.1 ? -1.0 + 10.0 * (p - 1.0) : 1.0); }},
      {"step", [](double p) { return p < 0.7 ? -3.0 : 2.0; }},
      {"tiny root", [](double p) { return p - 1e-7; }},
      {"huge root", [](double p) { return std::log(p) - std::log(1e7); }},
      {"near the largest double", [](double p) { return p - 1e307; }},
      {"near the smallest normal", [](double p) { return p - 1e-306; }},
  };
}

/// Runs a bracket search and then narrows to adjacent doubles; counts evaluations.
struct Result {
  double lo = 0.0, hi = 0.0;
  int evaluations = 0;  ///< both phases
  int bracket = 0;      ///< the bracket search's alone
};

template <class Search>
Result search_and_narrow(const std::function<double(double)>& g, double hint, Search&& search) {
  Result r;
  const auto counted = [&](double p) {
    ++r.evaluations;
    return g(p);
  };
  search(counted, hint, r.lo, r.hi);
  r.bracket = r.evaluations;
  EXPECT_LT(r.lo, r.hi);
  if (r.lo > 0.0) {
    EXPECT_LT(g(r.lo), 0.0) << "lo " << r.lo;
  }
  EXPECT_GE(g(r.hi), 0.0) << "hi " << r.hi;
  const double f_lo = r.lo > 0.0 ? g(r.lo) : -std::numeric_limits<double>::infinity();
  detail::narrow_to_adjacent(
      counted, [](bool) {}, r.lo, r.hi, f_lo, g(r.hi));
  return r;
}

Result by_signs(const std::function<double(double)>& g, double hint) {
  return search_and_narrow(g, hint, [](auto& f, double h, double& lo, double& hi) {
    EXPECT_FALSE(
        detail::bracket_export_price([&](double p) { return f(p) >= 0.0; }, 0.0, 1.0, h, lo, hi));
  });
}

Result by_secant(const std::function<double(double)>& g, double hint) {
  return search_and_narrow(g, hint, [](auto& f, double h, double& lo, double& hi) {
    EXPECT_FALSE(detail::bracket_export_price_by_secant(f, 0.0, 1.0, h, lo, hi));
  });
}

TEST(BracketExportPrice, SecantSearchEndsOnTheSameAdjacentDoubles) {
  for (const Case& c : cases()) {
    // The root, by the sign-only search without a hint.
    const Result plain = by_signs(c.g, 0.0);
    EXPECT_EQ(std::nextafter(plain.lo, plain.hi), plain.hi) << c.name;
    for (double rel : {1.0, 1.0 + 1e-12, 0.999, 0.97, 0.9, 1.03, 1.2, 1.5, 3.0, 1e-6, 1e6}) {
      SCOPED_TRACE(c.name + " hint x" + std::to_string(rel));
      const double hint = plain.hi * rel;
      const Result s = by_signs(c.g, hint), t = by_secant(c.g, hint);
      EXPECT_EQ(s.lo, plain.lo);
      EXPECT_EQ(s.hi, plain.hi);
      EXPECT_EQ(t.lo, plain.lo);
      EXPECT_EQ(t.hi, plain.hi);
    }
  }
}

TEST(BracketExportPrice, SecantSearchTakesFewerEvaluationsFromANearbyHint) {
  // A hint 2-15% from the root (a tick's price move): the secant aims at the root after the
  // first step, where the sign-only search doubles its steps until it passes it. Only the
  // bracket's evaluations are counted: the narrowing after it depends on the shape at the root.
  int signs = 0, secant = 0;
  for (const Case& c : cases()) {
    if (c.name == "step" || c.name == "flat then rising") continue;  // no slope to aim with
    if (c.name == "near the smallest normal") continue;  // differences of g are subnormal
    const Result plain = by_signs(c.g, 0.0);
    for (double rel : {0.85, 0.9, 0.95, 0.98, 1.02, 1.05, 1.1, 1.15}) {
      SCOPED_TRACE(c.name + " hint x" + std::to_string(rel));
      const int a = by_signs(c.g, plain.hi * rel).bracket;
      const int b = by_secant(c.g, plain.hi * rel).bracket;
      EXPECT_LE(b, a);
      EXPECT_LE(b, 5);
      signs += a;
      secant += b;
    }
  }
  EXPECT_LT(static_cast<double>(secant), 0.8 * static_cast<double>(signs))
      << "secant " << secant << " signs " << signs;
}

TEST(BracketExportPrice, SecantSearchKeepsTheSignSearchsEnds) {
  const auto never = [](double) { return -1.0; };  // excess negative at every price
  const auto always = [](double) { return 1.0; };  // non-negative at every price
  const auto nan = [](double) { return std::numeric_limits<double>::quiet_NaN(); };
  for (double hint : {1e-300, 0.5, 2.0, 1e300}) {
    double lo = 0.0, hi = 0.0, lo2 = 0.0, hi2 = 0.0;
    detail::bracket_export_price([&](double p) { return never(p) >= 0.0; }, 0.0, 1.0, hint, lo, hi);
    detail::bracket_export_price_by_secant(never, 0.0, 1.0, hint, lo2, hi2);
    EXPECT_EQ(hi2, std::numeric_limits<double>::max()) << hint;
    EXPECT_EQ(hi2, hi);
    detail::bracket_export_price([&](double p) { return always(p) >= 0.0; }, 0.0, 1.0, hint, lo,
                                 hi);
    detail::bracket_export_price_by_secant(always, 0.0, 1.0, hint, lo2, hi2);
    EXPECT_EQ(lo2, 0.0) << hint;
    EXPECT_EQ(lo, 0.0);
    EXPECT_EQ(hi2, std::numeric_limits<double>::min());
    EXPECT_EQ(hi, hi2);
    // NaN counts as negative, as in the sign-only search: upwards to the largest double.
    detail::bracket_export_price_by_secant(nan, 0.0, 1.0, hint, lo2, hi2);
    EXPECT_EQ(hi2, std::numeric_limits<double>::max()) << hint;
  }
}

TEST(BracketExportPrice, SecantSearchWithAFloorOrNoHintIsTheSignSearch) {
  const auto g = [](double p) { return p - 2.5; };
  for (const auto& [floor, hint] :
       std::vector<std::pair<double, double>>{{0.0, 0.0},
                                              {1.0, 0.0},
                                              {1.0, 2.0},
                                              {3.0, 2.0},
                                              {0.0, -1.0},
                                              {0.0, std::numeric_limits<double>::infinity()}}) {
    double lo = 0.0, hi = 0.0, lo2 = 0.0, hi2 = 0.0;
    const bool a = detail::bracket_export_price([&](double p) { return g(p) >= 0.0; }, floor, 1.0,
                                                hint, lo, hi);
    const bool b = detail::bracket_export_price_by_secant(g, floor, 1.0, hint, lo2, hi2);
    EXPECT_EQ(a, b) << floor << " " << hint;
    EXPECT_EQ(lo, lo2) << floor << " " << hint;
    EXPECT_EQ(hi, hi2) << floor << " " << hint;
  }
}

}  // namespace
}  // namespace regsim::sim
