// Summary statistics of a run and the per-tick national series a sweep can keep.
#include "experiments/sweep/metrics.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace regsim::experiments {

namespace {

using agents::NationalMetrics;

struct SeriesField {
  const char* name;
  double NationalMetrics::*real;
  int NationalMetrics::*count;
};

// The national metrics of a tick, by name (integers are widened to doubles).
const SeriesField kSeries[] = {
    {"gdp", &NationalMetrics::gdp, nullptr},
    {"cu", &NationalMetrics::cu, nullptr},
    {"price_index", &NationalMetrics::price_index, nullptr},
    {"similarity", &NationalMetrics::similarity, nullptr},
    {"krugman", &NationalMetrics::krugman, nullptr},
    {"jaccard", &NationalMetrics::jaccard, nullptr},
    {"zombie_share", &NationalMetrics::zombie_share, nullptr},
    {"zombie_capacity_share", &NationalMetrics::zombie_capacity_share, nullptr},
    {"firms", nullptr, &NationalMetrics::firms},
    {"entries", nullptr, &NationalMetrics::entries},
    {"exits", nullptr, &NationalMetrics::exits},
    {"subsidies", &NationalMetrics::subsidies, nullptr},
    {"bailouts", &NationalMetrics::bailouts, nullptr},
    {"debt", &NationalMetrics::debt, nullptr},
    {"welfare", &NationalMetrics::welfare, nullptr},
    {"tfp", &NationalMetrics::tfp, nullptr},
    {"theil", &NationalMetrics::theil, nullptr},
    {"gini", &NationalMetrics::gini, nullptr},
    {"entropy", &NationalMetrics::entropy, nullptr},
    {"hhi", &NationalMetrics::hhi, nullptr},
    {"moran", &NationalMetrics::moran, nullptr},
    {"crowding", &NationalMetrics::crowding, nullptr},
    {"overhang", &NationalMetrics::overhang, nullptr},
    {"loss_share", &NationalMetrics::loss_share, nullptr},
    {"subsidy_gdp", &NationalMetrics::subsidy_gdp, nullptr},
    {"debt_gdp", &NationalMetrics::debt_gdp, nullptr},
    {"cu_p90_p10", &NationalMetrics::cu_p90_p10, nullptr},
    {"interprovincial_trade", &NationalMetrics::interprovincial_trade, nullptr},
    {"employment", &NationalMetrics::employment, nullptr},
    {"consumer_surplus", &NationalMetrics::consumer_surplus, nullptr},
    {"producer_surplus", &NationalMetrics::producer_surplus, nullptr},
    {"capacity", &NationalMetrics::capacity, nullptr},
    {"output", &NationalMetrics::output, nullptr},
    {"demand", &NationalMetrics::demand, nullptr},
    {"retraining", &NationalMetrics::retraining, nullptr},
    {"written_off", &NationalMetrics::written_off, nullptr},
    {"mobile_entries", nullptr, &NationalMetrics::mobile_entries},
    {"bailouts_count", nullptr, &NationalMetrics::bailouts_count},
    {"promoted", nullptr, &NationalMetrics::promoted},
    {"knowledge", &NationalMetrics::knowledge, nullptr},
    {"closed_cells", nullptr, &NationalMetrics::closed_cells},
};

}  // namespace

const std::vector<std::string>& summary_metric_names() {
  static const std::vector<std::string> names = {"final_cu",
                                                 "mean_cu",
                                                 "min_cu",
                                                 "final_price_index",
                                                 "mean_price_index",
                                                 "final_similarity",
                                                 "mean_similarity",
                                                 "final_krugman",
                                                 "final_jaccard",
                                                 "final_zombie_share",
                                                 "mean_zombie_share",
                                                 "final_zombie_capacity_share",
                                                 "subsidy_gdp",
                                                 "final_debt_gdp",
                                                 "mean_welfare",
                                                 "final_tfp",
                                                 "tfp_growth",
                                                 "final_gdp",
                                                 "gdp_growth",
                                                 "final_firms",
                                                 "total_entries",
                                                 "total_exits",
                                                 "final_theil",
                                                 "final_gini",
                                                 "final_hhi",
                                                 "final_crowding",
                                                 "final_overhang",
                                                 "mean_loss_share",
                                                 "total_bailouts",
                                                 "total_written_off",
                                                 "total_promoted",
                                                 "final_interprovincial_trade",
                                                 "final_cu_p90_p10",
                                                 "final_knowledge",
                                                 "final_closed_cells"};
  return names;
}

const std::vector<std::string>& series_metric_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& f : kSeries) out.emplace_back(f.name);
    return out;
  }();
  return names;
}

int series_metric_index(const std::string& name) {
  const auto& names = series_metric_names();
  const auto it = std::find(names.begin(), names.end(), name);
  return it == names.end() ? -1 : static_cast<int>(it - names.begin());
}

int track_metric_index(const std::string& name) {
  const auto& names = agents::track_column_names();
  const auto it = std::find(names.begin(), names.end(), name);
  return it == names.end() ? -1 : static_cast<int>(it - names.begin());
}

double series_value(const NationalMetrics& m, std::size_t index) {
  const SeriesField& f = kSeries[index];
  return f.real != nullptr ? m.*(f.real) : static_cast<double>(m.*(f.count));
}

void SummaryAccumulator::add(const NationalMetrics& m) {
  if (ticks_ == 0) {
    first_ = m;
    min_cu_ = m.cu;
  }
  last_ = m;
  ++ticks_;
  sum_cu_ += m.cu;
  min_cu_ = std::min(min_cu_, m.cu);
  sum_price_ += m.price_index;
  sum_similarity_ += m.similarity;
  sum_zombie_ += m.zombie_share;
  sum_subsidies_ += m.subsidies;
  sum_gdp_ += m.gdp;
  sum_welfare_ += m.welfare;
  sum_loss_ += m.loss_share;
  bailouts_ += m.bailouts;
  written_off_ += m.written_off;
  entries_ += m.entries;
  exits_ += m.exits;
  promoted_ += m.promoted;
}

std::vector<double> SummaryAccumulator::finish(int years) const {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (ticks_ == 0) return std::vector<double>(summary_metric_names().size(), nan);
  const double n = ticks_;
  auto ratio = [nan](double a, double b) { return b != 0.0 ? a / b : nan; };
  // Annual growth rate between the first and the last tick.
  auto annual = [&](double a, double b) {
    return a > 0.0 && b > 0.0 && years > 0 ? std::pow(b / a, 1.0 / years) - 1.0 : nan;
  };
  const NationalMetrics& z = last_;
  std::vector<double> out = {z.cu,
                             sum_cu_ / n,
                             min_cu_,
                             z.price_index,
                             sum_price_ / n,
                             z.similarity,
                             sum_similarity_ / n,
                             z.krugman,
                             z.jaccard,
                             z.zombie_share,
                             sum_zombie_ / n,
                             z.zombie_capacity_share,
                             ratio(sum_subsidies_, sum_gdp_),
                             z.debt_gdp,
                             sum_welfare_ / n,
                             z.tfp,
                             annual(first_.tfp, z.tfp),
                             z.gdp,
                             annual(first_.gdp, z.gdp),
                             static_cast<double>(z.firms),
                             static_cast<double>(entries_),
                             static_cast<double>(exits_),
                             z.theil,
                             z.gini,
                             z.hhi,
                             z.crowding,
                             z.overhang,
                             sum_loss_ / n,
                             bailouts_,
                             written_off_,
                             static_cast<double>(promoted_),
                             z.interprovincial_trade,
                             z.cu_p90_p10,
                             z.knowledge,
                             static_cast<double>(z.closed_cells)};
  return out;
}

}  // namespace regsim::experiments
