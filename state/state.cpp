// Saved states of a model (see state.h).
#include "state/state.h"

#include <boost/crc.hpp>
#include <map>
#include <type_traits>

#include "agents/param_table.h"
#include "state/bytes.h"

namespace regsim::state {

namespace {

constexpr std::string_view kMagic = "REGSIMST";
/// magic, version, column-list fingerprint, payload size, CRC-32 of the payload
constexpr std::size_t kHeaderSize = 8 + 4 + 8 + 8 + 4;

std::uint32_t crc32(std::string_view bytes) {
  boost::crc_32_type crc;
  crc.process_bytes(bytes.data(), bytes.size());
  return crc.checksum();
}

/// Columns of the world that a state holds: every one that is not a cache.
bool saved(const sim::ColumnInfo& c) {
  return c.lifetime != sim::Lifetime::Cache;
}

std::string column_name(const sim::ColumnInfo& c) {
  return std::string(c.group) + "." + std::string(c.name);
}

struct DirEntry {
  std::string name;
  std::uint8_t type = 0, extent = 0;
  bool operator==(const DirEntry&) const = default;
};

/// This build's saved columns, in list order.
const std::vector<DirEntry>& directory() {
  static const std::vector<DirEntry> dir = [] {
    std::vector<DirEntry> out;
    const sim::World w;
    sim::for_each_column(w, [&out](const sim::ColumnInfo& c, const auto&) {
      if (saved(c))
        out.push_back({column_name(c), static_cast<std::uint8_t>(c.type),
                       static_cast<std::uint8_t>(c.extent)});
    });
    return out;
  }();
  return dir;
}

/// FNV-1a of the directory: equal for builds with the same saved columns.
std::uint64_t fingerprint(const std::vector<DirEntry>& dir) {
  std::uint64_t h = 1469598103934665603ULL;
  auto mix = [&h](std::uint8_t b) {
    h ^= b;
    h *= 1099511628211ULL;
  };
  for (const auto& e : dir) {
    for (char ch : e.name) mix(static_cast<std::uint8_t>(ch));
    mix(0);
    mix(e.type);
    mix(e.extent);
  }
  return h;
}

void put_directory(Writer& out) {
  out.u64(directory().size());
  for (const auto& e : directory()) {
    out.text(e.name);
    out.u8(e.type);
    out.u8(e.extent);
  }
}

std::vector<DirEntry> get_directory(Reader& in) {
  std::vector<DirEntry> dir(in.count(8 + 2));
  for (auto& e : dir) {
    e.name = in.text();
    e.type = in.u8();
    e.extent = in.u8();
  }
  return dir;
}

/// "added here: a, b; missing here: c; changed: d" between a file's directory and this build's.
std::string directory_difference(const std::vector<DirEntry>& file) {
  std::map<std::string, DirEntry> theirs, ours;
  for (const auto& e : file) theirs[e.name] = e;
  for (const auto& e : directory()) ours[e.name] = e;
  std::string added, missing, changed;
  auto join = [](std::string& list, const std::string& name) {
    list += (list.empty() ? "" : ", ") + name;
  };
  for (const auto& [name, e] : ours) {
    const auto it = theirs.find(name);
    if (it == theirs.end())
      join(added, name);
    else if (!(it->second == e))
      join(changed, name);
  }
  for (const auto& [name, e] : theirs)
    if (!ours.contains(name)) join(missing, name);
  std::string out;
  if (!added.empty()) out += "columns this build has and the file lacks: " + added;
  if (!missing.empty()) out += (out.empty() ? "" : "; ") + ("columns the file has: " + missing);
  if (!changed.empty()) out += (out.empty() ? "" : "; ") + ("columns of another type: " + changed);
  if (out.empty()) out = "the same columns in another order";
  return out;
}

void put_changes(Writer& out, const std::vector<agents::ParamChange>& changes) {
  out.u64(changes.size());
  for (const auto& c : changes) {
    out.i64(c.tick);
    out.text(c.key);
    out.scalar(c.value);
  }
}

std::vector<agents::ParamChange> get_changes(Reader& in) {
  std::vector<agents::ParamChange> out(in.count(8 + 8 + 1));
  for (auto& c : out) {
    c.tick = static_cast<sim::Tick>(in.i64());
    c.key = in.text();
    c.value = in.scalar();
  }
  return out;
}

void put_columns(Writer& out, const sim::World& w) {
  sim::for_each_column(w, [&out](const sim::ColumnInfo& c, const auto& x) {
    if (!saved(c)) return;
    if constexpr (sim::is_column_vector<decltype(x)>) {
      out.u64(x.size());
      out.raw(x.data(), x.size() * sizeof(x[0]));
    } else {
      out.u64(1);
      out.raw(&x, sizeof x);
    }
  });
}

/// Reads every column into `w` (built from the saved parameters), checking each length against
/// the world's sizes: a state of another map or track list, or a damaged one, is refused.
void get_columns(Reader& in, sim::World& w) {
  const std::size_t n = w.num_cities(), k = w.num_tracks();
  std::size_t firms = 0, orders = 0;
  bool firms_seen = false, orders_seen = false;
  sim::for_each_column(w, [&](const sim::ColumnInfo& c, auto& x) {
    if (!saved(c)) return;
    const std::string name = column_name(c);
    if constexpr (sim::is_column_vector<decltype(x)>) {
      using T = typename std::remove_cvref_t<decltype(x)>::value_type;
      const std::size_t len = in.count(sizeof(T));
      auto expect = [&](std::size_t want, const char* what) {
        if (len != want)
          in.fail("column " + name + " has " + std::to_string(len) + " values where " + what +
                  " needs " + std::to_string(want) +
                  " (a state of another map or track list, or a damaged file)");
      };
      auto same = [&](std::size_t& size, bool& seen) {
        if (!seen) size = len;
        seen = true;
        expect(size, "the firm or order table");
      };
      switch (c.extent) {
        case sim::Extent::Track:
          expect(k, "the track list");
          break;
        case sim::Extent::City:
          expect(n, "the map");
          break;
        case sim::Extent::Cell:
          expect(n * k, "the map and track list");
          break;
        case sim::Extent::TrackPair:
          expect(k * k, "the track list");
          break;
        case sim::Extent::Firm:
          same(firms, firms_seen);
          break;
        case sim::Extent::Order:
          same(orders, orders_seen);
          break;
        default:
          break;
      }
      x.resize(len);
      in.raw(x.data(), len * sizeof(T));
    } else {
      if (in.u64() != 1) in.fail("column " + name + " is not a scalar");
      in.raw(&x, sizeof x);
    }
  });
}

/// Caches that depend on the firm table are rebuilt for the loaded one.
void rebuild_caches(sim::World& w) {
  auto& f = w.firms;
  f.index_of.assign(w.next_firm_id.index(), -1);
  for (std::size_t i = 0; i < f.size(); ++i)
    f.index_of[f.id[i].index()] = static_cast<std::int32_t>(i);
  w.merit_order.clear();  // every firm re-enters the merit order, which sorts them in full
  w.merit_next_id = sim::FirmId{};
  w.production_subsidy_tick.clear();
}

}  // namespace

const std::string* Saved::section(std::string_view name) const {
  for (const auto& [n, bytes] : sections)
    if (n == name) return &bytes;
  return nullptr;
}

std::string save_state(const agents::Model& m, const Sections& sections) {
  Writer payload;
  put_directory(payload);
  payload.u32(m.world.run);
  payload.text(agents::params_to_toml(m.params));
  put_changes(payload, m.schedule);
  payload.u64(m.next_change);
  put_changes(payload, m.applied);
  payload.f64(m.metrics.jaccard_cache);
  payload.i64(m.metrics.jaccard_tick);
  put_columns(payload, m.world);
  payload.u64(sections.size());
  for (const auto& [name, bytes] : sections) {
    payload.text(name);
    payload.text(bytes);
  }
  const std::string& body = payload.bytes();
  Writer out;
  out.raw(kMagic.data(), kMagic.size());
  out.u32(kStateVersion);
  out.u64(fingerprint(directory()));
  out.u64(body.size());
  out.u32(crc32(body));
  out.raw(body.data(), body.size());
  return out.bytes();
}

Saved load_state(std::string_view bytes, const std::string& name) {
  Reader head(bytes, name);
  if (bytes.size() < kMagic.size() || bytes.substr(0, kMagic.size()) != kMagic)
    head.fail("is not a regsim state file (no REGSIMST header)");
  if (bytes.size() < kHeaderSize) head.fail("is truncated (no complete header)");
  head.skip(kMagic.size());
  const std::uint32_t version = head.u32();
  if (version != kStateVersion)
    head.fail("has state format version " + std::to_string(version) + "; this regsim reads " +
              std::to_string(kStateVersion) + " (save the state again with this build)");
  const std::uint64_t layout = head.u64();
  const std::uint64_t size = head.u64();
  const std::uint32_t crc = head.u32();
  const std::string_view body = bytes.substr(kHeaderSize);
  if (body.size() < size)
    head.fail("is truncated (" + std::to_string(body.size()) + " of " + std::to_string(size) +
              " payload bytes)");
  if (body.size() > size) head.fail("has " + std::to_string(body.size() - size) + " extra bytes");
  if (crc32(body) != crc) head.fail("is corrupted (checksum mismatch)");
  Reader in(body, name);
  const std::vector<DirEntry> dir = get_directory(in);
  if (layout != fingerprint(directory()) || dir != directory())
    in.fail("was saved by a regsim with other state columns (" + directory_difference(dir) +
            "): a state continues only in a build with the same columns; save it again with "
            "this build");
  const std::uint32_t run = in.u32();
  agents::RunConfig config = agents::load_run_config_text(in.text(), name + " (parameters)", {});
  config.schedule = get_changes(in);
  const std::uint64_t next_change = in.u64();
  std::vector<agents::ParamChange> applied = get_changes(in);
  const double jaccard = in.f64();
  const auto jaccard_tick = static_cast<int>(in.i64());
  config.source = name;
  Saved s{agents::make_model(config, run), {}};
  get_columns(in, s.model.world);
  s.sections.resize(in.count(16));
  for (auto& [n, b] : s.sections) {
    n = in.text();
    b = in.text();
  }
  if (!in.done()) in.fail("has bytes after its last section");
  if (next_change > s.model.schedule.size()) in.fail("has a schedule position past its end");
  rebuild_caches(s.model.world);
  s.model.next_change = static_cast<std::size_t>(next_change);
  s.model.applied = std::move(applied);
  s.model.metrics.jaccard_cache = jaccard;
  s.model.metrics.jaccard_tick = jaccard_tick;
  return s;
}

agents::Model copy_model(const agents::Model& m) {
  return std::move(load_state(save_state(m), "(copy)").model);
}

Saved load_state_file(const std::filesystem::path& path) {
  return load_state(read_file_binary(path), path.string());
}

std::string encode_changes(const std::vector<agents::ParamChange>& changes) {
  Writer out;
  put_changes(out, changes);
  return out.bytes();
}

std::vector<agents::ParamChange> decode_changes(std::string_view bytes, const std::string& name) {
  Reader in(bytes, name);
  auto out = get_changes(in);
  if (!in.done()) in.fail("has bytes after its changes");
  return out;
}

}  // namespace regsim::state
