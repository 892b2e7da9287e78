// Metrics of MODEL.md section 10: national per tick, per track per tick, per city per year.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace regsim::agents {

struct NationalMetrics {
  int tick = 0, year = 0;
  double gdp = 0, cu = 0, price_index = 0, similarity = 0, krugman = 0, jaccard = 0;
  double zombie_share = 0, zombie_capacity_share = 0;
  int firms = 0, entries = 0, exits = 0;
  double subsidies = 0, bailouts = 0, debt = 0, welfare = 0, tfp = 0, theil = 0;
  double gini = 0, entropy = 0, hhi = 0, moran = 0, crowding = 0, overhang = 0, loss_share = 0;
  double subsidy_gdp = 0, debt_gdp = 0, cu_p90_p10 = 0, interprovincial_trade = 0;
  double employment = 0, consumer_surplus = 0, producer_surplus = 0, capacity = 0, output = 0;
  double demand = 0, retraining = 0, written_off = 0;
  double knowledge = 0;    ///< mean ln A_ik over city-track cells
  double mean_tenure = 0;  ///< mean years in post of officials
  int mobile_entries = 0, bailouts_count = 0, promoted = 0;
  int closed_cells = 0;  ///< city-track cells closed to entrants (rules.closed_cluster_share)
  // Welfare by component under both accountings (docs/model.md section 10); `welfare` above is
  // the one welfare.accounting selects.
  double welfare_gdp = 0;          ///< welfare / GDP (both quarterly)
  double welfare_legacy = 0;       ///< CS + PS - public_funds_legacy - idle_capital_cost
  double public_funds_legacy = 0;  ///< (1 + mcpf)(subsidies + bailouts + retraining)
  double idle_capital_cost = 0;    ///< r x current capex x idle capacity
  double welfare_full = 0;  ///< CS_ref + operating - capital - exit loss - public funds - jobs
  double consumer_surplus_ref = 0;  ///< consumer surplus relative to reference prices
  double operating_surplus = 0;     ///< sum of R - c q - fixed cost
  double capital_cost = 0;          ///< (r + d) x gross book
  double exit_loss = 0;             ///< gross book scrapped at exit less scrap value
  double public_funds_full = 0;     ///< mcpf (subsidies + bailouts) + (1 + mcpf) retraining
  double job_loss_cost = 0;         ///< jobs lost x wage x unemployment spell
  double jobs_lost = 0;             ///< thousand jobs shed by exiting firms
  double scrap_value = 0;           ///< proceeds of scrapped capacity
  double jobs_output = 0;           ///< thousand jobs if jobs followed output (sum of e_k q_f)
  int exits_distress = 0, exits_exogenous = 0;  ///< exits by cause (sum with later causes: exits)
  double soft_budget_share = 0;                 ///< share of firms with a soft budget (z > 0)
  double soft_budget_capacity_share = 0;        ///< their share of active capacity
  double mothballed_capacity = 0;               ///< capacity mothballed (not in `capacity`)
  int exits_voluntary = 0;               ///< exits because staying was worth less than scrapping
  int mothballs = 0, reactivations = 0;  ///< firms that mothballed / started reactivating
};

struct TrackMetrics {
  double capacity = 0, pipeline = 0, demand = 0, output = 0, cu = 0, price = 0, export_price = 0;
  double frontier_cost = 0, zombie_share = 0, loss_share = 0, overhang = 0, hhi = 0;
  double price_dispersion = 0;  ///< max / min city price
  double zombie_capacity_share = 0;
  double subsidies = 0;
  int firms = 0, cities_listing = 0, entries = 0, exits = 0;
  double war_intensity = 0;  ///< price-war intensity w of the clearing (cournot; 0 otherwise)
  double conduct = 0;        ///< effective conduct theta (1 - w) (cournot; 0 = price taking)
  /// Average variable (cash) cost per unit produced: output-weighted c_f plus utilisation cost,
  /// before subsidies (0 without output).
  double avc = 0;
  /// Cash cost of the average plant: capacity-weighted mean true unit cost c_f (0 without
  /// capacity); the price falls below it when most capacity sells below its cash cost.
  double cash_cost = 0;
  double cash_cost_marginal =
      0;                         ///< unit cost c_f of the dearest producing firm (0 without output)
  double loss_share_active = 0;  ///< loss-making share of the firms with active capacity
  /// Trade with the rest of the world in the quarter (market.rest_of_world; 0 otherwise).
  double exports = 0, imports = 0;
  double mothballed = 0;  ///< mothballed capacity (exit.rule forward_looking)
};

struct CityYear {
  int year = 0, city = 0, province = 0;
  double gdp = 0, gdp_growth = 0, debt = 0, subsidies = 0, protection = 0, jobs = 0, score = 0;
  double subsidy_rate = 0;
  double cu = 0;                ///< the city's capacity utilisation in the last quarter of the year
  std::string priority_tracks;  ///< names joined with ';'
  int official_tenure = 0, promoted = 0;
  int entries = 0, mobile_entries = 0;  ///< entrants this year; mobile ones chose this city
  int closed_cells = 0;                 ///< its cells closed to entrants at the last decision
  std::string zone;
};

struct Metrics {
  NationalMetrics national;
  double jaccard_cache = -1;  ///< lists change once a year: Jaccard is recomputed then
  int jaccard_tick = -100;
  std::vector<TrackMetrics> tracks;
  std::vector<CityYear> cities;  ///< filled at the last tick of each year, empty otherwise
};

/// CSV header and row writers; the column lists live in one place (metrics.cpp).
std::string national_csv_header();
std::string national_csv_row(const NationalMetrics& m);
std::string track_csv_header();  ///< starts with tick,track
std::string track_csv_row(int tick, const std::string& track, const TrackMetrics& m);
/// The columns of tracks.csv after tick and track, in file order (all numbers), and the value
/// of column `column` of one track's metrics (integers widened), unrounded.
const std::vector<std::string>& track_column_names();
double track_column_value(const TrackMetrics& m, std::size_t column);
std::string city_csv_header();
std::string city_csv_row(const CityYear& c, const std::string& name);
/// Formats a double with up to 10 significant digits, the same on every platform.
std::string format_number(double v);
/// Room format_number_to needs at `out`.
inline constexpr std::size_t kNumberChars = 32;
/// Writes format_number(v)'s characters to `out` and returns their end; it needs kNumberChars
/// of room there, and the characters past the returned end within it may be overwritten.
char* format_number_to(double v, char* out);
/// The rows of national_csv_row and track_csv_row appended to `out` as they are (no allocation
/// once `out` has grown); `track_cell` is the track's name as a CSV cell (sim::csv_cell).
void append_national_csv_row(std::string& out, const NationalMetrics& m);
void append_track_csv_row(std::string& out, int tick, std::string_view track_cell,
                          const TrackMetrics& m);
/// city_csv_row appended to `out`; `name_cell` is the city's name quoted (sim::csv_quoted).
void append_city_csv_row(std::string& out, const CityYear& c, std::string_view name_cell);

}  // namespace regsim::agents
