// Welfare accounting (docs/model.md section 10): the legacy measure and the full one by
// component, consumer surplus relative to reference prices, and the cost of lost jobs.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "agents/metrics.h"
#include "agents/model_params.h"
#include "sim/world.h"

namespace regsim::agents {

/// Jobs a firm sheds when it exits (thousands) and what their unemployment costs.
struct JobLoss {
  double jobs = 0;  ///< e_k (h K + (1 - h) q), h = welfare.labour_hoarding
  double cost = 0;  ///< jobs x wage x effective spell
};

/// Effective unemployment spell (quarters) of a displaced worker when the city spends
/// `retraining` per thousand jobs lost: s0 H / (H + retraining), H = welfare.retraining_half.
double unemployment_spell(const WelfareParams& w, double retraining);

/// Job loss of a firm of track k with active capacity `capacity` and this tick's `output` when
/// it separates its workers (exit, mothballing) and the city spends `retraining` per thousand
/// jobs; the wage per thousand jobs is labour_share v_k P^ref_k / e_k.
JobLoss job_loss(const ModelParams& p, sim::TrackId k, double capacity, double output,
                 double retraining);

/// Gross capex of each firm's orders (by position) not yet spent at the end of this tick's
/// capacity phase: amount x unit capex x (quarters of the lag still to come) / lag. With `only`
/// (one flag per firm position), just the flagged firms' (the others get 0).
std::vector<double> unspent_order_capex(const sim::World& w, const ModelParams& p,
                                        std::span<const std::uint8_t> only = {});

/// Consumer surplus of this tick's clearing relative to each track's reference price:
/// sum over tracks and cities of the integral of demand from the city price to P^ref.
double consumer_surplus_reference(const sim::World& w, const ModelParams& p);

/// The welfare columns of `m` (both accountings, their components, welfare per unit of GDP and
/// `welfare` itself under welfare.accounting) from this tick's flows; m's gdp, subsidies,
/// bailouts, retraining, consumer and producer surplus must be set.
void record_welfare(const sim::World& w, const ModelParams& p, NationalMetrics& m);

}  // namespace regsim::agents
