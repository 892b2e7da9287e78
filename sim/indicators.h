// Regional-economics indicators (similarity, specialisation, concentration, inequality,
// clustering).
#pragma once

#include <Eigen/SparseCore>

#include <span>
#include <utility>
#include <vector>

namespace regsim::sim {

// All functions are pure and deterministic: every sum runs in index order on one thread, so the
// same input gives the same bits on every run and thread count.

/// Row-major N x K matrix of non-negative values (e.g. city x track output). Rows are cities.
struct Matrix {
  int rows = 0, cols = 0;
  std::vector<double> data;  ///< size rows * cols; entry (r, c) at r * cols + c
  double at(int r, int c) const;
};

/// Mean over all pairs i<j of the UNIDO cosine similarity S_ij = sum_k x_ik x_jk / sqrt(sum x_ik^2
/// sum x_jk^2) of the row shares. Rows with zero total are skipped (not counted in pairs). Returns
/// 0 if < 2 valid rows. O(N^2 K).
double mean_structural_similarity(const Matrix& m);

/// Mean over pairs of the Krugman dissimilarity sum_k |x_ik - x_jk| of row shares, in [0, 2].
/// Same skipping as mean_structural_similarity. O(N^2 K).
double mean_krugman_dissimilarity(const Matrix& m);

/// Krugman specialisation of each row vs the rest of the country combined:
/// sum_k |x_ik - xbar_{-i,k}|, where x_ik are the shares of row i and xbar_{-i,k} the shares of
/// the sum of all other rows. In [0, 2]. A row is 0 if it or the rest of the country has zero
/// total (no structure to compare). O(N K).
std::vector<double> krugman_specialisation(const Matrix& m);

/// Mean pairwise Jaccard |A∩B|/|A∪B| of sets given as sorted vectors of ints (duplicates are
/// tolerated and count once). Pairs whose union is empty are skipped; 0 if no pair is left.
double mean_jaccard(const std::vector<std::vector<int>>& sets);

/// Normalised Shannon entropy of each row's shares, -sum x ln x / ln K, in [0,1]; 0 for a zero
/// row, and 0 for every row when K = 1 (one track carries no diversity).
std::vector<double> structure_entropy(const Matrix& m);

/// Herfindahl–Hirschman index sum s_f^2 of shares of the given sizes, in (0,1]; 0 if total is 0.
double hhi(std::span<const double> sizes);

/// Theil index of per-capita values, population-weighted: T = sum_i (Y_i/Y) ln[(Y_i/Y)/(P_i/P)]
/// where Y_i = total (e.g. GDP) and P_i = population. Entries with Y_i = 0 contribute 0; 0 if
/// Y = 0 or P = 0. An entry with Y_i > 0 and P_i = 0 makes T infinite. Throws
/// std::invalid_argument if the spans differ in length.
double theil(std::span<const double> totals, std::span<const double> population);

/// Gini of values (unweighted): G = sum_i sum_j |y_i - y_j| / (2 N^2 ybar), computed in
/// O(N log N) by sorting as sum_i (2i - N - 1) y_(i) / (N sum y) with i 1-based. 0 if the sum
/// is 0 or there are no values.
double gini(std::span<const double> values);

/// Moran's I of z over weights W (row-standardise W inside: each row divided by its sum, rows
/// with zero sum skipped): I = (N/S0) sum_ij w_ij (z_i - zbar)(z_j - zbar) / sum_i (z_i - zbar)^2,
/// S0 = sum of the standardised weights (= number of rows kept). 0 if variance 0 or no row is
/// kept. Throws std::invalid_argument unless W is N x N.
double morans_i(std::span<const double> z, const Eigen::SparseMatrix<double, Eigen::RowMajor>& w);

/// Linear-interpolated percentile q in [0,1] of values weighted equally (like numpy's default):
/// with v sorted, h = (n-1) q, result = v[floor h] + (h - floor h)(v[floor h + 1] - v[floor h]).
/// q is clamped to [0,1]; NaN if empty or q is NaN. Values must not contain NaN.
double percentile(std::vector<double> values, double q);

/// percentile(values, q_lo) and percentile(values, q_hi), the same two doubles, computed in
/// place without a copy of the whole: `values` may be reordered. Each is NaN if `values` is empty
/// or its q is NaN. Requires q_lo <= q_hi (after clamping to [0,1]); throws std::invalid_argument
/// otherwise.
std::pair<double, double> percentile_pair(std::span<double> values, double q_lo, double q_hi);

/// Consumer surplus under constant-elasticity demand D(P) = s (P/pref)^-eta at price P.
/// For eta > 1: integral from P to infinity of D(p) dp = D(P) * P / (eta - 1).
/// For eta <= 1 that integral diverges, so it is taken only up to a choke price
/// C = choke_multiple * pref (demand treated as zero above C):
///   D(P) P (exp((1-eta) ln(C/P)) - 1) / (1-eta), and D(P) P ln(C/P) at eta = 1,
/// which is 0 when P >= C. Note the jump at eta = 1: the eta > 1 branch has no choke.
/// For price <= 0 the surplus is unbounded (+infinity) when eta >= 1.
/// Units: same money units as scale * price (scale in quantity per tick).
double consumer_surplus(double scale, double pref, double eta, double price,
                        double choke_multiple = 5.0);

/// Consumer surplus relative to a reference price: the integral of constant-elasticity demand
/// from `price` to `pref`, given the quantity `demand` bought at `price`:
/// D P ((pref/P)^(1-eta) - 1) / (1 - eta), or D P ln(pref/P) at eta = 1. Finite for every eta;
/// negative when price > pref; 0 when demand or a price is not positive.
double consumer_surplus_relative(double demand, double price, double pref, double eta);

}  // namespace regsim::sim
