// The classroom's HTTP server (cpp-httplib): serves the Api on a port and runs the session's
// clock on its own thread. Knows nothing of the game's rules.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "classroom/api.h"

namespace httplib {
class Server;
}

namespace regsim::classroom {

struct ServerOptions {
  std::string bind = "0.0.0.0";  ///< address to listen on
  int port = 8080;               ///< 0 = any free port
  int threads = 64;              ///< connection threads (a browser keeps one or two open)
};

class HttpServer {
 public:
  HttpServer(Api& api, ServerOptions options);
  ~HttpServer();
  /// Binds the port; returns the port bound. Throws std::runtime_error when it cannot.
  int bind();
  /// Serves and runs the clock until stop(); blocks.
  void run();
  /// Stops serving (safe from another thread or after a signal was seen).
  void stop();
  /// Seconds on the session clock (steady, from the server's start).
  double now() const;
  /// The session's clock thread stopped on an error (a log that could not be written).
  bool failed() const { return failed_; }

 private:
  Api& api_;
  ServerOptions options_;
  std::unique_ptr<httplib::Server> http_;
  std::atomic<bool> running_{false}, failed_{false};
  std::thread clock_;
  double start_ = 0;
};

}  // namespace regsim::classroom
