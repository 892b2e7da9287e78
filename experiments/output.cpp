// Whole-or-absent outputs: exclusive temporaries, staged directories swapped in with one atomic
// exchange, flock-based directory locks, and temporaries removed on INT/TERM/HUP.
#include "experiments/output.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstring>
#include <mutex>
#include <system_error>

namespace regsim::experiments {

namespace fs = std::filesystem;

namespace {

// ---------------------------------------------------------------------------------------------
// Paths removed by the signal handler. Fixed storage: the handler may only call
// async-signal-safe functions (unlink, rmdir, sigaction, raise).

constexpr int kSlots = 256;
enum SlotState : int { kFree = 0, kClaimed = 1, kFile = 2, kDir = 3 };

struct Slot {
  std::atomic<int> state{kFree};
  std::array<char, PATH_MAX> path{};
};

std::array<Slot, kSlots> g_slots;
struct sigaction g_previous[3];
constexpr std::array<int, 3> kSignals = {SIGINT, SIGTERM, SIGHUP};

/// Removes the files a directory holds with system calls only (async-signal-safe): a staging
/// directory's files go whether or not their writers had registered them when the signal came
/// (a file is created a moment before it is registered; after a commit's exchange the staging
/// name holds the old results). Subdirectories are left (rmdir of the parent then fails and the
/// next run removes the rest).
void empty_dir(const char* path) {
  const int fd = ::open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return;
  alignas(8) char buf[4096];
  for (int round = 0; round < 4; ++round) {  // entries removed while reading: read again
    bool removed = false;
    ::lseek(fd, 0, SEEK_SET);
    for (;;) {
      const long n = ::syscall(SYS_getdents64, fd, buf, sizeof buf);
      if (n <= 0) break;
      for (long off = 0; off < n;) {
        const auto* entry = reinterpret_cast<const struct dirent64*>(buf + off);
        off += entry->d_reclen;
        const char* name = entry->d_name;
        if (name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0))) continue;
        if (::unlinkat(fd, name, 0) == 0) removed = true;
      }
    }
    if (!removed) break;
  }
  ::close(fd);
}

void on_signal(int sig) {
  for (int pass = 0; pass < 2; ++pass)  // files first, then the directories
    for (int i = kSlots - 1; i >= 0; --i) {
      const int state = g_slots[static_cast<std::size_t>(i)].state.load();
      const char* path = g_slots[static_cast<std::size_t>(i)].path.data();
      if (pass == 0 && state == kFile) ::unlink(path);
      if (pass == 1 && state == kDir) {
        empty_dir(path);
        ::rmdir(path);
      }
    }
  for (std::size_t s = 0; s < kSignals.size(); ++s)
    if (kSignals[s] == sig) ::sigaction(sig, &g_previous[s], nullptr);
  ::raise(sig);
}

/// Registers a path for removal on a signal; -1 when every slot is taken or the path is too long
/// (the next run then removes it).
int register_path(const fs::path& path, bool dir) {
  install_cleanup_on_signals();
  const std::string& text = path.native();
  if (text.size() >= PATH_MAX) return -1;
  for (int i = 0; i < kSlots; ++i) {
    Slot& slot = g_slots[static_cast<std::size_t>(i)];
    int expected = kFree;
    if (!slot.state.compare_exchange_strong(expected, kClaimed)) continue;
    std::memcpy(slot.path.data(), text.c_str(), text.size() + 1);
    slot.state.store(dir ? kDir : kFile);
    return i;
  }
  return -1;
}

void unregister_path(int slot) {
  if (slot >= 0) g_slots[static_cast<std::size_t>(slot)].state.store(kFree);
}

// ---------------------------------------------------------------------------------------------

/// 16 hex digits from the kernel's random source: temporary names nobody can predict.
std::string random_suffix() {
  std::uint64_t bits = 0;
  if (::getrandom(&bits, sizeof bits, 0) != static_cast<ssize_t>(sizeof bits))
    bits = static_cast<std::uint64_t>(::getpid()) * 0x9E3779B97F4A7C15ull ^
           reinterpret_cast<std::uintptr_t>(&bits);
  char buf[24];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(bits));
  return buf;
}

/// The absolute, normalised form of an output directory and its parent.
struct Place {
  fs::path dir, parent;
  std::string name;
};

Place place_of(const fs::path& out) {
  fs::path p = fs::absolute(out).lexically_normal();
  if (!p.has_filename()) p = p.parent_path();
  return {p, p.parent_path(), p.filename().string()};
}

void fsync_dir(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);  // best effort: some file systems refuse fsync on directories
  ::close(fd);
}

/// ".<name><suffix>": the hidden names of temporaries, staging directories and locks. (Built with
/// append: GCC 12 warns falsely on '"." + std::string' chains, -Wrestrict.)
std::string hidden(const std::string& name, const std::string& suffix) {
  std::string out(".");
  out.append(name).append(suffix);
  return out;
}

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.rfind(prefix, 0) == 0;
}

/// Staging and old directories of `name` left in `parent` by a killed run (the caller holds the
/// lock, so none of them belongs to a live process).
void remove_stale(const Place& p) {
  std::error_code ec;
  const std::string staging = hidden(p.name, ".staging-"), old = hidden(p.name, ".old-");
  for (const auto& entry : fs::directory_iterator(p.parent, ec)) {
    const std::string n = entry.path().filename().string();
    if (starts_with(n, staging) || starts_with(n, old)) fs::remove_all(entry.path(), ec);
  }
}

[[noreturn]] void throw_os(const std::string& what, const fs::path& path, int error) {
  throw std::runtime_error("cannot " + what + " " + path.string() + ": " + os_reason(error));
}

}  // namespace

std::string os_reason(int error) {
  return std::strerror(error);
}

void install_cleanup_on_signals() {
  static std::once_flag once;
  std::call_once(once, [] {
    for (std::size_t s = 0; s < kSignals.size(); ++s) {
      struct sigaction action {};
      action.sa_handler = on_signal;
      sigemptyset(&action.sa_mask);
      ::sigaction(kSignals[s], &action, &g_previous[s]);
      if (g_previous[s].sa_handler == SIG_IGN)  // e.g. nohup: keep ignoring the signal
        ::sigaction(kSignals[s], &g_previous[s], nullptr);
    }
  });
}

// ---------------------------------------------------------------------------------------------

DirLock::DirLock(const fs::path& dir, const std::string& what) {
  const Place p = place_of(dir);
  const fs::path file = p.parent / hidden(p.name, ".lock");
  fd_ = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd_ < 0)
    throw OutputConflict("cannot create the lock file " + file.string() + ": " + os_reason(errno));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd_);
    fd_ = -1;
    throw OutputConflict(what + " is writing to " + p.dir.string() + " (locked: " + file.string() +
                         ")");
  }
}

DirLock::~DirLock() {
  if (fd_ >= 0) ::close(fd_);
}

// ---------------------------------------------------------------------------------------------

ExclusiveFile::ExclusiveFile(fs::path path) : path_(std::move(path)) {
  // Registered before it exists, so a signal between creating and registering cannot leave it
  // (unlinking a name not yet created does nothing; the name is unpredictable).
  slot_ = register_path(path_, false);
  const int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) {
    const int error = errno;
    unregister_path(slot_);
    throw_os("create", path_, error);
  }
  file_ = ::fdopen(fd, "wb");
  if (file_ == nullptr) {
    const int error = errno;
    ::close(fd);
    ::unlink(path_.c_str());
    unregister_path(slot_);
    throw_os("write", path_, error);
  }
  // A 64 KiB buffer instead of stdio's 4 KiB: a default run's 5 MB of CSV in about 80 write calls
  // instead of about 1,200. Errors still surface at the latest in finish()'s fflush.
  // (glibc ignores the size when given no buffer, so the buffer is ours.)
  constexpr std::size_t kBuffer = std::size_t{1} << 16;
  buffer_ = std::make_unique_for_overwrite<char[]>(kBuffer);
  std::setvbuf(file_, buffer_.get(), _IOFBF, kBuffer);
}

ExclusiveFile::~ExclusiveFile() {
  if (file_ != nullptr) std::fclose(file_);
  if (!finished_) ::unlink(path_.c_str());
  unregister_path(slot_);
}

void ExclusiveFile::fail(const char* doing, int error) {
  if (file_ != nullptr) std::fclose(file_);
  file_ = nullptr;
  throw_os(doing, path_, error);
}

void ExclusiveFile::write(const std::string& text) {
  if (file_ == nullptr) throw std::logic_error("write after finish: " + path_.string());
  if (std::fwrite(text.data(), 1, text.size(), file_) != text.size()) fail("write", errno);
}

void ExclusiveFile::line(const std::string& text) {
  write(text);
  if (std::fputc('\n', file_) == EOF) fail("write", errno);
}

void ExclusiveFile::finish() {
  if (std::fflush(file_) != 0 || std::ferror(file_)) fail("write", errno);
  if (::fsync(::fileno(file_)) != 0) fail("sync", errno);
  std::FILE* f = file_;
  file_ = nullptr;
  if (std::fclose(f) != 0) throw_os("write", path_, errno);
  finished_ = true;
}

// ---------------------------------------------------------------------------------------------

AtomicFile::AtomicFile(fs::path path)
    : path_(std::move(path)),
      tmp_(path_.parent_path() / hidden(path_.filename().string(), ".tmp-" + random_suffix())) {}

void AtomicFile::commit() {
  tmp_.finish();
  if (::rename(tmp_.path().c_str(), path_.c_str()) != 0) {
    const int error = errno;
    ::unlink(tmp_.path().c_str());
    throw_os("write", path_, error);
  }
  fsync_dir(path_.parent_path().empty() ? fs::path(".") : path_.parent_path());
}

void remove_stale_temporaries(const fs::path& dir) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string n = entry.path().filename().string();
    const auto tmp = n.rfind(".tmp-");
    const bool ours = n.size() > 1 && n[0] == '.' && tmp != std::string::npos &&
                      n.size() - tmp == 5 + 16 &&
                      n.find_first_not_of("0123456789abcdef", tmp + 5) == std::string::npos;
    if (ours && entry.is_regular_file(ec)) fs::remove(entry.path(), ec);
  }
}

void write_file_atomic(const fs::path& path, const std::string& content) {
  AtomicFile f(path);
  if (!content.empty() && content.back() == '\n') {
    f.line(content.substr(0, content.size() - 1));
  } else {
    f.line(content);
  }
  f.commit();
}

void write_bytes_atomic(const fs::path& path, const std::string& bytes) {
  AtomicFile f(path);
  f.write(bytes);
  f.commit();
}

// ---------------------------------------------------------------------------------------------

void check_output_dir(const fs::path& out) {
  if (out.empty()) throw OutputConflict("the output directory is empty: name one with --out DIR");
  const Place p = place_of(out);
  if (p.name.empty() || p.name == "." || p.name == "..")
    throw OutputConflict(out.string() + " cannot be an output directory: name a directory");
  std::error_code ec;
  const auto status = fs::status(p.dir, ec);
  if (fs::exists(status) && !fs::is_directory(status))
    throw OutputConflict(out.string() + " exists and is not a directory");
  fs::path existing = p.parent;  // the nearest existing ancestor must let us create entries
  while (!existing.empty() && !fs::exists(existing, ec) && existing != existing.root_path())
    existing = existing.parent_path();
  if (!fs::is_directory(existing, ec))
    throw OutputConflict("cannot create " + out.string() + ": " + existing.string() +
                         " is not a directory");
  if (::access(existing.c_str(), W_OK | X_OK) != 0)
    throw OutputConflict("cannot write in " + existing.string() + ": " + os_reason(errno));
}

namespace {

/// A directory regsim may replace: missing, empty, or holding `marker`.
void check_replaceable(const fs::path& dir, const std::string& marker) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return;
  if (fs::exists(dir / marker, ec)) return;
  if (fs::is_empty(dir, ec) && !ec) return;
  throw OutputConflict(dir.string() + " holds files regsim did not write (no " + marker +
                       "); name a new or empty directory, or one of an earlier run");
}

/// Creates the staging directory, registered for removal on a signal before it exists (a signal
/// right after mkdir must not leave it behind).
fs::path make_staging(const Place& p, int& slot) {
  for (int attempt = 0; attempt < 100; ++attempt) {
    const fs::path dir = p.parent / hidden(p.name, ".staging-" + random_suffix());
    slot = register_path(dir, true);
    if (::mkdir(dir.c_str(), 0755) == 0) return dir;
    const int error = errno;
    unregister_path(slot);
    slot = -1;
    if (error != EEXIST) throw_os("create", dir, error);
  }
  throw std::runtime_error("cannot create a staging directory in " + p.parent.string());
}

/// Checks `out` and creates its parent; returns its absolute, normalised path.
fs::path prepare_output_dir(const fs::path& given, const std::string& marker) {
  check_output_dir(given);
  std::error_code ec;
  // A symlink to a directory: the outputs go to the directory, and the link stays a link.
  const bool link = fs::is_symlink(fs::symlink_status(given, ec));
  ec.clear();
  const fs::path out = link ? fs::canonical(given, ec) : given;
  if (ec) throw OutputConflict("cannot resolve " + given.string() + ": " + ec.message());
  check_replaceable(place_of(out).dir, marker);  // refuse before leaving a lock file beside it
  const Place p = place_of(out);
  fs::create_directories(p.parent, ec);
  if (ec) throw OutputConflict("cannot create " + p.parent.string() + ": " + ec.message());
  return p.dir;
}

}  // namespace

StagedDir::StagedDir(fs::path out, const std::string& marker)
    : out_(prepare_output_dir(out, marker)), lock_(out_, "another regsim run") {
  check_replaceable(out_, marker);  // again, under the lock
  const Place p = place_of(out_);
  remove_stale(p);
  staging_ = make_staging(p, slot_);
}

StagedDir::~StagedDir() {
  if (!committed_) {
    std::error_code ec;
    fs::remove_all(staging_, ec);
  }
  unregister_path(slot_);
}

void StagedDir::commit() {
  fsync_dir(staging_);
  std::error_code ec;
  if (fs::exists(out_, ec)) {
    // One atomic exchange: a kill at any moment leaves `out` whole, old or new.
    if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, out_.c_str(), RENAME_EXCHANGE) != 0) {
      if (errno != EINVAL && errno != ENOSYS) throw_os("replace", out_, errno);
      // A file system without exchange: move the old aside first (a short window).
      const fs::path old =
          place_of(out_).parent / hidden(place_of(out_).name, ".old-" + random_suffix());
      if (::rename(out_.c_str(), old.c_str()) != 0) throw_os("replace", out_, errno);
      if (::rename(staging_.c_str(), out_.c_str()) != 0) throw_os("replace", out_, errno);
      staging_ = old;
    }
    committed_ = true;
    fs::remove_all(staging_, ec);  // now the old files
  } else {
    if (::rename(staging_.c_str(), out_.c_str()) != 0) throw_os("create", out_, errno);
    committed_ = true;
  }
  unregister_path(slot_);
  slot_ = -1;
  fsync_dir(place_of(out_).parent);
}

}  // namespace regsim::experiments
