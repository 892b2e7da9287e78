// regsim-classroom: the browser role-play (also: regsim classroom ...). Students govern cities
// from their browsers; the teacher moves the central levers; the decision log replays headless.
#include <arpa/inet.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <cstring>
#include <ctime>
#include <exception>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "apps/app_args.h"
#include "classroom/api.h"
#include "classroom/game.h"
#include "classroom/replay.h"
#include "classroom/server.h"
#include "classroom/views.h"
#include "experiments/default_config.h"
#include "experiments/output.h"
#include "sim/config.h"
#include "sim/input_file.h"
#include "sim/limits.h"

namespace {

namespace rc = regsim::classroom;

using regsim::apps::kExitRuntime;
using regsim::apps::kExitUsage;
constexpr regsim::apps::AppName kApp{"regsim-classroom", "classroom"};

const char* kUsage =
    R"(regsim-classroom: students govern cities from their browsers (also: regsim classroom ...)

Usage:
  regsim classroom [CONFIG] [--port N] [--bind ADDR] [--set key=value]... [--seed N]
                   [--years N] [--timer SECONDS] [--pace SECONDS] [--out DIR] [--rate-limit N]
  regsim classroom --replay LOG

Runs CONFIG (the embedded default experiment, experiments/baseline.toml, when omitted) as a
class session and serves its pages: students open the printed address, type the join code and
take a free city; the teacher opens the printed teacher address (it carries a secret token).
Everything is served by this program; nothing is fetched from the internet.

Options:
  --port N          port to listen on (default 8080; 0 = any free port)
  --bind ADDR       address to listen on (default 0.0.0.0: every interface; 127.0.0.1 = this
                    machine only)
  --set key=value   overrides a config key (as in regsim run); --seed N overrides world.seed
  --years N         years the session lasts (default 15, at most the config's world.years)
  --timer SECONDS   time limit of each decision round (default 0: until every student has
                    submitted or the teacher advances); the teacher can change it
  --pace SECONDS    wall time per simulated quarter while a year runs (default 0.5)
  --out DIR         where the decision log and the debrief go (default out/classroom)
  --rate-limit N    requests per second allowed from one address (default 100)
  --replay LOG      replays a session's decision log headless and checks its final state hash
                    (exit 0 when identical, 1 when different)

Exit codes: 0 success, 1 runtime error, 2 bad command line, config or log.
)";

struct Options {
  std::string config, bind = "0.0.0.0", out = "out/classroom", replay;
  std::vector<std::string> sets;
  int port = 8080;
  rc::GameOptions game;
  double rate_limit = 100;
};

[[noreturn]] void usage_error(const std::string& message) {
  regsim::apps::usage_error(kApp, message);
}

double parse_number(const std::string& flag, const std::string& text, double lo, double hi) {
  return regsim::apps::parse_number(kApp, flag, text, lo, hi);
}

long parse_integer(const std::string& flag, const std::string& text, long lo, long hi) {
  return regsim::apps::parse_integer(kApp, flag, text, lo, hi);
}

Options parse_args(int argc, char** argv) {
  Options o;
  o.game.years = 15;
  o.game.quarter_seconds = 0.5;
  regsim::apps::walk_args(
      kApp, kUsage, argc, argv, o.config, [&](const std::string& arg, auto&& value) {
        if (arg == "--port") {
          o.port = static_cast<int>(parse_integer(arg, value(), 0, 65535));
        } else if (arg == "--bind") {
          o.bind = value();
          unsigned char address[sizeof(in6_addr)];
          if (o.bind != "localhost" && inet_pton(AF_INET, o.bind.c_str(), address) != 1 &&
              inet_pton(AF_INET6, o.bind.c_str(), address) != 1)
            usage_error("--bind takes an IP address (0.0.0.0, 127.0.0.1, ::1, ...), got '" +
                        o.bind + "'");
        } else if (arg == "--set") {
          o.sets.push_back(value());
        } else if (arg == "--seed") {
          o.sets.push_back("world.seed=" +
                           std::to_string(parse_integer(arg, value(), 0, 1L << 53)));
        } else if (arg == "--years") {
          o.game.years = static_cast<int>(parse_integer(arg, value(), 1, 200));
        } else if (arg == "--timer") {
          o.game.round_seconds = parse_number(arg, value(), 0, 3600);
        } else if (arg == "--pace") {
          o.game.quarter_seconds = parse_number(arg, value(), 0, 10);
        } else if (arg == "--out") {
          o.out = value();
        } else if (arg == "--rate-limit") {
          o.rate_limit = parse_number(arg, value(), 1, 100000);
        } else if (arg == "--replay") {
          o.replay = value();
        } else {
          return false;
        }
        return true;
      });
  if (!o.replay.empty() && (!o.config.empty() || !o.sets.empty()))
    usage_error("--replay takes the world from the log: no CONFIG or --set with it");
  return o;
}

rc::WorldSource world_source(const Options& o) {
  rc::WorldSource s;
  s.overrides = o.sets;
  if (o.config.empty()) {
    s.name = "(default: experiments/baseline.toml)";
    s.text = regsim::experiments::default_config_text();
    return s;
  }
  std::string why;  // a directory, a FIFO, a device, too large, or the OS reason
  auto text = regsim::sim::read_input_file(o.config, regsim::sim::kMaxConfigBytes, why);
  if (!text) {
    regsim::sim::ConfigErrors errors;
    errors.add({o.config, 0}, "", why);
    throw regsim::sim::ConfigException(errors);
  }
  s.name = std::filesystem::absolute(o.config).lexically_normal().string();
  s.text = std::move(*text);
  return s;
}

/// A secret of `n` characters from `alphabet`, from the operating system's entropy (never from
/// the simulation's streams).
std::string secret(std::size_t n, const std::string& alphabet) {
  static std::random_device device;
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += alphabet[device() % alphabet.size()];
  return out;
}

/// The address students type: the first non-loopback IPv4 address when listening everywhere.
std::string public_address(const std::string& bind) {
  if (bind != "0.0.0.0") return bind;
  std::string found = "127.0.0.1";
  ifaddrs* list = nullptr;
  if (::getifaddrs(&list) != 0) return found;
  for (ifaddrs* a = list; a; a = a->ifa_next) {
    if (!a->ifa_addr || a->ifa_addr->sa_family != AF_INET) continue;
    char text[INET_ADDRSTRLEN] = {};
    const auto* in = reinterpret_cast<const sockaddr_in*>(a->ifa_addr);
    ::inet_ntop(AF_INET, &in->sin_addr, text, sizeof text);
    if (std::strncmp(text, "127.", 4) != 0) {
      found = text;
      break;
    }
  }
  ::freeifaddrs(list);
  return found;
}

std::filesystem::path new_log_path(const std::string& dir) {
  const std::time_t t = std::time(nullptr);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", std::localtime(&t));
  std::filesystem::path p =
      std::filesystem::path(dir) / ("session-" + std::string(stamp) + ".jsonl");
  for (int n = 2; std::filesystem::exists(p); ++n)
    p = std::filesystem::path(dir) /
        ("session-" + std::string(stamp) + "-" + std::to_string(n) + ".jsonl");
  return p;
}

int run_replay(const std::string& log) {
  const auto result = rc::replay(rc::read_log(log), log);
  std::printf("%s", rc::format_replay(result, log).c_str());
  return result.logged && !result.matches() ? kExitRuntime : 0;
}

int serve(const Options& o) {
  // Ctrl-C or SIGTERM end the session where it is (the log gets its end record). Blocked before
  // any thread starts (TBB, the server's pool), so only the waiter below ever receives them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  const rc::WorldSource source = world_source(o);
  rc::load_world(source);  // a bad config stops here, before any file is created
  const std::filesystem::path log_path = new_log_path(o.out);
  rc::LogWriter log(log_path);
  rc::Game game(source, o.game, log);
  const std::string hex = "0123456789abcdef";
  rc::ApiOptions api_options;
  api_options.join_code = secret(6, "ABCDEFGHJKLMNPQRSTUVWXYZ23456789");
  api_options.teacher_token = secret(32, hex);
  api_options.client_rate = o.rate_limit;
  api_options.new_token = [hex] { return secret(32, hex); };
  rc::Api api(game, api_options);
  rc::HttpServer server(api, rc::ServerOptions{o.bind, o.port, 64});
  const int port = server.bind();
  const std::string host = public_address(o.bind);
  const std::string base = "http://" + host + ":" + std::to_string(port);
  const std::string local = "http://" + (o.bind == "0.0.0.0" ? std::string("127.0.0.1") : host) +
                            ":" + std::to_string(port);
  std::printf(
      "regsim classroom: %s, %zu cities, %d years\n"
      "  Students open  %s/   join code %s\n"
      "  Projector      %s/projector\n"
      "  Teacher        %s/teacher#%s\n"
      "  Decision log   %s\n"
      "Press Ctrl-C to stop; replay the session with: regsim classroom --replay %s\n",
      source.name.c_str(), game.live().world.num_cities(), game.years(), base.c_str(),
      api_options.join_code.c_str(), base.c_str(), local.c_str(), api_options.teacher_token.c_str(),
      log_path.c_str(), log_path.c_str());
  std::fflush(stdout);
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    api.shutdown();
    server.stop();
  });
  server.run();
  api.shutdown();
  pthread_kill(waiter.native_handle(), SIGINT);  // wakes the waiter if the server stopped itself
  waiter.join();
  const std::string debrief = api.with_game([](const rc::Game& g) { return rc::debrief_json(g); });
  const auto debrief_path = log_path.parent_path() / (log_path.stem().string() + "-debrief.json");
  regsim::experiments::write_file_atomic(debrief_path, debrief + "\n");
  std::printf("Session ended. Debrief: %s\nDecision log: %s\n", debrief_path.c_str(),
              log_path.c_str());
  return server.failed() ? kExitRuntime : 0;
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = parse_args(argc, argv);
  return regsim::apps::run_reporting_errors(kApp, [&] {
    if (!options.replay.empty()) return run_replay(options.replay);
    return serve(options);
  });
}
