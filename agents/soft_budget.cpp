// Soft budgets of firms: strength per firm each quarter, reservation cut and must-run output.
#include "agents/soft_budget.h"

#include <algorithm>
#include <vector>

#include <tbb/parallel_for.h>

#include "agents/economics.h"
#include "policies/rules.h"
#include "policies/soft_budget.h"

namespace regsim::agents {

namespace {

/// What a city brings to its firms' bailout probability: its debt room, the city part of the
/// probability (policies::bailout_city_factor) and its outside control; computed once per city
/// when every firm's probability is needed.
struct CityBailout {
  double room = 0;
  double factor = 0;
  const CityChoice* held = nullptr;
};

CityBailout city_bailout(const sim::World& w, const ModelParams& p,
                         const ExternalDecisions& external, std::size_t i) {
  return {city_debt_room(w, p, sim::CityId::at(i)),
          policies::bailout_city_factor(p.exit, w.cities.pressure[i]), external.find(i)};
}

/// firm_bailout_probability with its city's part given.
double bailout_probability_in(const sim::World& w, const ModelParams& p, std::size_t f,
                              const CityBailout& city) {
  const auto& fm = w.firms;
  const std::size_t i = fm.city[f].index();
  // A held city bails out every distressed firm its debt room allows, or none.
  if (city.held) return city.held->bailouts && p.exit.bailouts ? city.room : 0.0;
  const double jobs = p.tracks[fm.track[f].index()].jobs * fm.capacity[f];
  const double job_share = w.cities.jobs[i] > 0 ? jobs / w.cities.jobs[i] : 0.0;
  return policies::bailout_probability_from(p.exit, city.factor, job_share, city.room);
}

}  // namespace

double firm_bailout_probability(const sim::World& w, const ModelParams& p,
                                const ExternalDecisions& external, std::size_t f) {
  return bailout_probability_in(w, p, f, city_bailout(w, p, external, w.firms.city[f].index()));
}

void update_soft_budgets(sim::World& w, const ModelParams& p, const ExternalDecisions& external) {
  auto& z = w.firms.soft_budget;
  if (!p.exit.soft_budgets && !p.funds.enabled) {
    std::fill(z.begin(), z.end(), 0.0);
    return;
  }
  std::vector<CityBailout> city(w.num_cities());
  for (std::size_t i = 0; i < city.size(); ++i) city[i] = city_bailout(w, p, external, i);
  tbb::parallel_for(std::size_t{0}, w.firms.size(), [&](std::size_t f) {
    policies::SoftBudgetInputs in;
    in.zombie = is_zombie(w, f);
    in.bailout_probability = bailout_probability_in(w, p, f, city[w.firms.city[f].index()]);
    // A fund-backed firm's owner is the local state (docs/model.md 6.10).
    in.state_strength = w.firms.state_linked[f] ? p.funds.soft_budget : 0.0;
    z[f] = policies::soft_budget_strength(p.exit, in);
  });
}

double soft_budget_must_run(const sim::World& w, const ModelParams& p, std::size_t f) {
  return policies::must_run_share(p.exit, w.firms.soft_budget[f]) * w.firms.capacity[f];
}

}  // namespace regsim::agents
