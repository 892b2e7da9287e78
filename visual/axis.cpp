// Value axes of the charts: ranges fitted to the data, with round ticks.
#include "visual/axis.h"

#include <algorithm>
#include <cmath>

namespace regsim::visual {

std::vector<double> AxisScale::ticks() const {
  std::vector<double> out;
  if (!(step > 0) || !(hi > lo)) return out;
  const auto n = static_cast<int>(std::llround((hi - lo) / step));
  for (int i = 0; i <= n && i <= 20; ++i) out.push_back(lo + step * i);
  return out;
}

double nice_step(double raw) {
  if (!(raw > 0) || !std::isfinite(raw)) return 1.0;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (m * power >= raw * (1 - 1e-9)) return m * power;
  return 10 * power;
}

AxisScale fit_axis(double lo, double hi, double min_span, Bounds bounds, double pad) {
  if (!std::isfinite(lo) || !std::isfinite(hi) || lo > hi) lo = 0, hi = 1;
  if (bounds == Bounds::Share) min_span = std::min(min_span, 1.0);
  if (hi - lo < min_span) {
    const double mid = (lo + hi) / 2;
    lo = mid - min_span / 2, hi = mid + min_span / 2;
    if (bounds != Bounds::Free && lo < 0) hi -= lo, lo = 0;
    if (bounds == Bounds::Share && hi > 1) lo = std::max(0.0, lo - (hi - 1)), hi = 1;
  }
  const double span = std::max(hi - lo, 1e-12);
  lo -= pad * span, hi += pad * span;
  if (bounds != Bounds::Free && lo < 0.25 * (hi - lo)) lo = 0;  // near zero: show the baseline
  if (bounds == Bounds::Share) hi = std::min(hi, 1.0);
  AxisScale a;
  for (int intervals : {3, 4, 2}) {  // prefer 3 intervals; accept 2 to 4 after rounding out
    a.step = nice_step((hi - lo) / intervals);
    a.lo = std::floor(lo / a.step + 1e-9) * a.step;
    a.hi = std::ceil(hi / a.step - 1e-9) * a.step;
    const double n = std::round((a.hi - a.lo) / a.step);
    if (n >= 2 && n <= 4) break;
  }
  if (bounds == Bounds::Share) a.hi = std::min(a.hi, 1.0), a.lo = std::max(a.lo, 0.0);
  if (bounds == Bounds::NonNegative) a.lo = std::max(a.lo, 0.0);
  if (!(a.hi > a.lo)) a.hi = a.lo + a.step;
  return a;
}

}  // namespace regsim::visual
