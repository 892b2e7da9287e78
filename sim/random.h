// Counter-based random streams keyed by what each draw is for (MODEL.md section 8).
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "sim/types.h"

namespace regsim::sim {

/// What a draw is for. Adding a purpose at the end never changes existing streams.
enum class Purpose : std::uint8_t {
  WorldCities = 1,
  WorldEndowment,
  WorldGraph,
  WorldTracks,
  InitialFirms,
  DemandShock,
  Efficiency,
  EntryLocal,
  EntryMobile,
  Observation,
  PlanNoise,
  Bailout,
  ExogenousExit,
  Official,
  Promotion,
  Compliance,
  EntrantDraw,
  ClusterClosure,
  EntryFund,
  FundEntrantDraw,
  DemandCycle,
  Test = 255,
};

struct StreamKey {
  std::uint64_t seed = 0;    ///< from the config
  std::uint32_t run = 0;     ///< replicate index in a sweep (0 for a single run)
  std::int32_t tick = 0;     ///< tick of the draw (-1 for world generation)
  std::uint32_t entity = 0;  ///< stable firm id, city index, track index or a combination
  Purpose purpose = Purpose::Test;
};

/// Philox4x32-10 stream: key = seed, counter = (run, tick, entity, purpose:8 | block:24).
/// Any draw can be recomputed from its key alone, so thread and evaluation order never matter.
class Stream {
 public:
  explicit Stream(const StreamKey& key);
  std::uint64_t next_u64();
  std::uint32_t next_u32();

 private:
  void refill();
  std::uint32_t key_[2];
  std::uint32_t ctr_[4];
  std::uint32_t buf_[4];
  int used_ = 4;
  std::uint32_t block_ = 0;
};

/// The first Philox block of many streams that differ only in their entity, four words per
/// entity in struct-of-arrays form: word j of entity e goes to words[j][e]. The words are those
/// Stream(key).next_u32() returns first, in order, bit for bit; computing eight entities per AVX2
/// instruction (when the CPU has it) makes per-firm draws several times cheaper.
void first_blocks(const StreamKey& key, std::span<const std::uint32_t> entities,
                  std::uint32_t* const words[4]);

/// Calls fn(e, w0, w1, w2, w3) for every entity e of `entities` with the first block of its
/// stream (the key's entity field replaced by entities[e]), computing the blocks 512 at a time.
template <class Fn>
void for_each_first_block(const StreamKey& key, std::span<const std::uint32_t> entities, Fn&& fn) {
  constexpr std::size_t kChunk = 512;
  std::array<std::array<std::uint32_t, kChunk>, 4> buf;
  std::uint32_t* const words[4] = {buf[0].data(), buf[1].data(), buf[2].data(), buf[3].data()};
  for (std::size_t begin = 0; begin < entities.size(); begin += kChunk) {
    const std::size_t n = std::min(kChunk, entities.size() - begin);
    first_blocks(key, entities.subspan(begin, n), words);
    for (std::size_t e = 0; e < n; ++e) fn(begin + e, buf[0][e], buf[1][e], buf[2][e], buf[3][e]);
  }
}

/// For typed ids (FirmId), a chunk of up to 512 at a time, for loops that take a chunk in
/// several passes: fn(begin, n, words) with words[j][e] word j of the first block of the stream
/// of ids[begin + e] (its value the key's entity), for e < n.
template <class Tag, class Fn>
void for_each_first_block_chunk(const StreamKey& key, std::span<const Id<Tag>> ids, Fn&& fn) {
  constexpr std::size_t kChunk = 512;
  std::array<std::uint32_t, kChunk> entities;
  std::array<std::array<std::uint32_t, kChunk>, 4> buf;
  std::uint32_t* const words[4] = {buf[0].data(), buf[1].data(), buf[2].data(), buf[3].data()};
  for (std::size_t begin = 0; begin < ids.size(); begin += kChunk) {
    const std::size_t n = std::min(kChunk, ids.size() - begin);
    for (std::size_t e = 0; e < n; ++e) entities[e] = ids[begin + e].value;
    first_blocks(key, std::span<const std::uint32_t>(entities.data(), n), words);
    fn(begin, n, static_cast<const std::uint32_t* const*>(words));
  }
}

/// Draws from one block's words, equal to the Stream functions on a fresh stream.
inline double block_uniform01(std::uint32_t w0, std::uint32_t w1) {
  return static_cast<double>(((static_cast<std::uint64_t>(w0) << 32) | w1) >> 11) * 0x1.0p-53;
}
inline double block_uniform_open01(std::uint32_t w0, std::uint32_t w1) {
  return (static_cast<double>(((static_cast<std::uint64_t>(w0) << 32) | w1) >> 12) + 0.5) *
         0x1.0p-52;
}
/// std_normal of a fresh stream whose first block is (w0, w1, w2, w3).
double block_std_normal(std::uint32_t w0, std::uint32_t w1, std::uint32_t w2, std::uint32_t w3);

/// Standard normal by the ziggurat method (Boost.Random's normal_distribution, 128 layers): about
/// 99% of draws cost one 64-bit word, a table lookup and a multiplication; the wedges and the
/// tail use more words and exp/log. Cheaper than std_normal (Box-Muller: log, sqrt and cos per
/// draw), with other values. The per-firm efficiency innovation uses it (docs/model.md 8).
double ziggurat_normal(Stream& s);

namespace detail {
/// x_0 .. x_128 of the ziggurat's layers (Boost.Random's normal_table<double>::table_x).
extern const double* const kZigguratX;
/// block_ziggurat_normal by Boost.Random's algorithm itself (every case, the cheap one too).
double block_ziggurat_normal_boost(const StreamKey& key, std::uint32_t w0, std::uint32_t w1,
                                   std::uint32_t w2, std::uint32_t w3);
}  // namespace detail

/// The draws of block_ziggurat_normal that the block's first 64-bit word settles (about 99%):
/// true, with the draw in `z`, by the operations of Boost's generate_int_float_pair<double, 8>
/// and the first test of unit_normal_distribution (the layer and sign from the low 8 bits, bit
/// 11 cleared, the top 56 bits times 2^-56 times x_i, kept if below x_{i+1}; then times sigma =
/// 1 plus mean = 0); false for the others (wedges and tail), which need block_ziggurat_normal.
inline bool block_ziggurat_normal_first_word(std::uint32_t w0, std::uint32_t w1, double& z) {
  std::uint64_t u = (static_cast<std::uint64_t>(w0) << 32) | w1;
  const int bucket = static_cast<int>(u & 0xFFu);
  u &= ~(std::uint64_t{1} << 11);
  const double r = static_cast<double>(u >> 8) * 0x1.0p-56;
  const int sign = (bucket & 1) * 2 - 1;
  const int i = bucket >> 1;
  const double x = r * detail::kZigguratX[i];
  if (!(x < detail::kZigguratX[i + 1])) return false;
  z = x * sign * 1.0 + 0.0;
  return true;
}

/// ziggurat_normal(Stream(key)), bit for bit, for a stream whose first block is (w0, w1, w2, w3)
/// (from first_blocks): the stream itself is built only when a draw needs more than that block.
/// Inline, the draws the first word settles (block_ziggurat_normal_first_word); the rest in
/// detail::block_ziggurat_normal_boost.
inline double block_ziggurat_normal(const StreamKey& key, std::uint32_t w0, std::uint32_t w1,
                                    std::uint32_t w2, std::uint32_t w3) {
  double z;
  if (block_ziggurat_normal_first_word(w0, w1, z)) return z;
  return detail::block_ziggurat_normal_boost(key, w0, w1, w2, w3);
}

/// Combine two small ids into one entity field (e.g. city and track of a cell).
inline constexpr std::uint32_t cell_entity(std::uint32_t a, std::uint32_t b) {
  return a * 4096u + b;
}
/// The entity of cell (city, track).
inline constexpr std::uint32_t cell_entity(CityId city, TrackId track) {
  return cell_entity(city.value, track.value);
}

double uniform01(Stream& s);       ///< in [0, 1): top 53 bits scaled by 2^-53
double uniform_open01(Stream& s);  ///< in (0, 1)
double std_normal(Stream& s);      ///< Box-Muller (one of the pair; the other is dropped)
double gumbel(Stream& s);          ///< standard Gumbel(0, 1)
/// Inversion for small means, normal approximation above 60; saturates at 2^32 - 1 (a mean of
/// inf too) and gives 0 for a mean that is not positive (NaN too).
std::uint32_t poisson(Stream& s, double mean);
bool bernoulli(Stream& s, double p);
/// Index chosen with probability proportional to exp(utility / temperature); -1 if empty.
int logit_choice(Stream& s, std::span<const double> utility, double temperature);

/// logit_choice for many draws among the same utilities: the weights and their total are
/// computed once; choose(s) gives what logit_choice(s, utility, temperature) gives, bit for bit.
class LogitChoice {
 public:
  LogitChoice(std::span<const double> utility, double temperature);
  int choose(Stream& s) const;

 private:
  std::vector<double> weight_;  ///< exp((u - max u) / temperature)
  double total_ = 0.0;          ///< their sum, in order
};

}  // namespace regsim::sim
