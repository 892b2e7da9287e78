// Chart axes fit the data: a dip from 97% to 80% fills the chart, any range keeps round ticks.
#include <gtest/gtest.h>

#include <cmath>

#include "visual/axis.h"

namespace regsim::visual {
namespace {

/// The share of the axis the data [lo, hi] covers.
double coverage(const AxisScale& a, double lo, double hi) {
  return (hi - lo) / (a.hi - a.lo);
}

void expect_sound(const AxisScale& a, double lo, double hi, const char* what) {
  EXPECT_LE(a.lo, lo) << what;
  EXPECT_GE(a.hi, hi) << what;
  const std::size_t n = a.ticks().size();
  EXPECT_GE(n, 3u) << what;
  EXPECT_LE(n, 6u) << what;
  EXPECT_NEAR(a.ticks().back(), a.hi, 1e-9 * std::max(1.0, std::fabs(a.hi))) << what;
  const double mantissa = a.step / std::pow(10.0, std::floor(std::log10(a.step)));
  const bool nice = std::fabs(mantissa - 1) < 1e-9 || std::fabs(mantissa - 2) < 1e-9 ||
                    std::fabs(mantissa - 2.5) < 1e-9 || std::fabs(mantissa - 5) < 1e-9;
  EXPECT_TRUE(nice) << what << ": step " << a.step;
}

TEST(Axis, UtilisationBetween80And97FillsTheChart) {
  const AxisScale a = fit_axis(0.80, 0.97, 0.1, Bounds::Share);
  expect_sound(a, 0.80, 0.97, "cu 80-97");
  EXPECT_GE(a.lo, 0.7);
  EXPECT_LE(a.hi, 1.0);
  EXPECT_GE(coverage(a, 0.80, 0.97), 0.55);  // was 17% of a fixed 0-100% axis
}

TEST(Axis, UtilisationBetween40And95StaysInsideZeroToOne) {
  const AxisScale a = fit_axis(0.40, 0.95, 0.1, Bounds::Share);
  expect_sound(a, 0.40, 0.95, "cu 40-95");
  EXPECT_LE(a.hi, 1.0);
  EXPECT_GE(coverage(a, 0.40, 0.95), 0.6);
}

TEST(Axis, NearZeroDataKeepsTheZeroBaseline) {
  EXPECT_EQ(fit_axis(0.0, 0.12, 0.05, Bounds::Share).lo, 0.0);
  EXPECT_EQ(fit_axis(0.01, 0.031, 0.005, Bounds::NonNegative).lo, 0.0);
}

TEST(Axis, FlatSeriesIsNotBlownUp) {
  const AxisScale a = fit_axis(0.93, 0.93, 0.1, Bounds::Share);
  EXPECT_GE(a.hi - a.lo, 0.1);
  expect_sound(a, 0.93, 0.93, "flat");
  const AxisScale top = fit_axis(1.0, 1.0, 0.1, Bounds::Share);
  EXPECT_LE(top.hi, 1.0);
  EXPECT_GE(top.hi - top.lo, 0.1);
}

TEST(Axis, AnyRangeGetsRoundTicksAroundTheData) {
  const double cases[][2] = {{0.2, 0.3},    {0.0, 1.0},     {0.41, 0.43}, {-3.5, 2.0},
                             {1200, 18500}, {0.004, 0.031}, {5e6, 5.2e6}, {-0.02, -0.01}};
  for (const auto& c : cases) {
    const AxisScale a = fit_axis(c[0], c[1], 0, Bounds::Free);
    expect_sound(a, c[0], c[1], "free");
    EXPECT_GE(coverage(a, c[0], c[1]), 0.4) << c[0] << ".." << c[1];
  }
}

TEST(Axis, NiceStepsAreOneTwoTwoAndAHalfOrFive) {
  EXPECT_DOUBLE_EQ(nice_step(0.06), 0.1);
  EXPECT_DOUBLE_EQ(nice_step(0.19), 0.2);
  EXPECT_DOUBLE_EQ(nice_step(0.21), 0.25);
  EXPECT_DOUBLE_EQ(nice_step(0.3), 0.5);
  EXPECT_DOUBLE_EQ(nice_step(700), 1000);
}

}  // namespace
}  // namespace regsim::visual
