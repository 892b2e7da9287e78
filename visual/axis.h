// Value axes of the charts: a range fitted to the data with padding and round tick values, so a
// dip from 97% to 80% fills the chart instead of a few pixels of a fixed 0-100% scale.
#pragma once

#include <vector>

namespace regsim::visual {

/// What the data may do: shares stay in [0, 1], non-negative values stay >= 0.
enum class Bounds { Free, NonNegative, Share };

struct AxisScale {
  double lo = 0, hi = 1;  ///< the plotted range; ticks at lo, lo + step, ..., hi
  double step = 0.5;

  /// Tick values from lo to hi.
  std::vector<double> ticks() const;
  /// Where v sits in the range, 0 at lo and 1 at hi.
  double fraction(double v) const { return hi > lo ? (v - lo) / (hi - lo) : 0.5; }
};

/// The nice step (1, 2, 2.5 or 5 times a power of ten) nearest above `raw`.
double nice_step(double raw);

/// A range around the data [lo, hi] (non-finite values ignored by the caller): widened to at
/// least `min_span`, padded by `pad` of the span on each side, moved to zero when it comes
/// within a quarter of the span of it (for non-negative data), kept inside the bounds, and
/// rounded out to a step that gives 2 to 4 intervals.
AxisScale fit_axis(double lo, double hi, double min_span, Bounds bounds, double pad = 0.08);

}  // namespace regsim::visual
