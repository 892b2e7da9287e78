// Market-access expectations (firms.expectations = market_access): each city's outlook per track.
#pragma once

#include <span>
#include <vector>

#include "agents/economics.h"

namespace regsim::agents {

/// t_m = t0 + kappa (border + b_prot h_m): the wedge an importer in city m pays (section 4).
double import_wedge(const sim::MarketParams& m, double protection);

/// The access operator of one track. City m's market has expected size D_m and access factor
/// a_m = (1 + t_m)^-eta: a seller from another city reaches a_m D_m of it, a local seller all of
/// it (a_im = 1 for m = i, a_m otherwise). Because a_im depends on the origin only through
/// i = m, every sum below costs O(N).
struct MarketAccess {
  std::vector<double> size;    ///< D_m
  std::vector<double> factor;  ///< a_m
  std::vector<double> wedge;   ///< t_m (empty when built by hand from sizes and factors)
  /// D^e_i = sum_m a_im D_m for every i.
  std::vector<double> accessible_demand() const;
  /// Supply competing for each city's accessible market: each city j spreads its supply S_j over
  /// the markets it reaches in proportion to a_jm D_m / D^e_j, giving C_m in market m; city i's
  /// rivals are then sum_m a_im C_m. Without friction every city sees national supply; in
  /// autarky only its own.
  std::vector<double> competing_supply(std::span<const double> supply,
                                       std::span<const double> accessible) const;
};

/// Each city's expected mill price at today's wedges: last year's mill price p_i, capped at
/// (1 + t_i) P* with P* the lowest positive mill price (the pool price exporters received) and
/// t_i the city's wedge today. An importer's producers receive at most the
/// pool price plus the city's wedge, so a fall of kappa or protection lowers their expected price
/// at once (docs/model.md 5.9); exporters' prices do not move.
std::vector<double> expected_mill_prices(std::span<const double> mill,
                                         std::span<const double> wedge);

/// The access operator of track k: D_m = w_m D^e_k (GDP share of the national expected demand)
/// and a_m at the current wedges.
MarketAccess market_access(const sim::World& w, const ModelParams& p, sim::TrackId k,
                           double national_demand);

/// Capacity under construction per cell (N x K), from the firms' open orders.
std::vector<double> cell_pipeline(const sim::World& w);

/// The outlook of every cell (N x K, row-major like World::cell) under market-access
/// expectations (docs/model.md 5.9): P^e_i from the city's own mill price last year, D^e_i the
/// demand it can reach, CU^e_i = D^e_i / (K_M(i) + iota Pipe_M(i)) with rivals' capacity and
/// pipelines access-weighted, the overhang O_i = (K_M(i) + Pipe_M(i)) / D^e_i - 1. Growth and
/// annuity are the track's. `national` holds track_outlook of every track.
std::vector<TrackOutlook> cell_outlooks(const sim::World& w, const ModelParams& p,
                                        const std::vector<TrackOutlook>& national);

/// Outlooks as the investors of a run see them: the track's national outlook, or the cell's own
/// under market-access expectations.
class Outlooks {
 public:
  Outlooks(const sim::World& w, const ModelParams& p);
  const TrackOutlook& at(sim::CityId i, sim::TrackId k) const {
    return cells_.empty() ? national_[k.index()] : cells_[i.index() * national_.size() + k.index()];
  }
  const TrackOutlook& national(sim::TrackId k) const { return national_[k.index()]; }

 private:
  std::vector<TrackOutlook> national_;
  std::vector<TrackOutlook> cells_;  ///< empty under national expectations
};

}  // namespace regsim::agents
