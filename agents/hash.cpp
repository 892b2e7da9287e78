// A 64-bit FNV-1a hash of the whole world state, for determinism checks.
#include <bit>
#include <cstring>

#include "agents/model.h"

namespace regsim::agents {

namespace {

class Hasher {
 public:
  void bytes(const void* data, std::size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < n; ++i) {
      h_ ^= p[i];
      h_ *= 1099511628211ull;
    }
  }
  template <class T>
  void vec(const std::vector<T>& v) {
    const std::uint64_t n = v.size();
    bytes(&n, sizeof n);
    if (!v.empty()) bytes(v.data(), v.size() * sizeof(T));
  }
  template <class T>
  void value(const T& v) {
    bytes(&v, sizeof v);
  }
  std::uint64_t get() const { return h_; }

 private:
  std::uint64_t h_ = 1469598103934665603ull;
};

}  // namespace

std::uint64_t hash_state(const sim::World& w) {
  Hasher h;
  h.value(w.tick);
  h.value(w.next_firm_id);
  const auto& t = w.tracks;
  for (const auto* v : {&t.demand_shock, &t.demand_scale, &t.cum_output, &t.frontier_cost,
                        &t.export_price, &t.price_index, &t.capacity, &t.pipeline, &t.demand,
                        &t.output, &t.price_last_year, &t.demand_last_year})
    h.vec(*v);
  h.vec(t.cities_listing);
  const auto& c = w.cities;
  for (const auto* v :
       {&c.log_endowment, &c.log_knowledge, &c.cell_output, &c.cell_capacity, &c.gdp, &c.gdp_year,
        &c.gdp_last_year, &c.debt, &c.protection, &c.subsidy_rate, &c.pressure, &c.official_age,
        &c.risk_aversion, &c.score, &c.density})
    h.vec(*v);
  h.vec(c.listed);
  h.vec(c.official_tenure);
  h.vec(c.failures);
  h.vec(c.promoted);
  const auto& f = w.firms;
  h.vec(f.id);
  h.vec(f.city);
  h.vec(f.track);
  for (const auto* v : {&f.capacity, &f.book, &f.pipeline, &f.log_eff, &f.debt, &f.cum_subsidy,
                        &f.output, &f.revenue, &f.profit})
    h.vec(*v);
  h.vec(f.loss_streak);
  h.vec(f.zombie_until);
  for (const auto& e : w.pipeline) {
    h.value(e.firm);
    h.value(e.ready);
    h.value(e.amount);
    h.value(e.unit_capex);
  }
  h.vec(w.city_price);
  h.vec(w.net_export);
  return h.get();
}

}  // namespace regsim::agents
