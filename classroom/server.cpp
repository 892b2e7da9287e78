// cpp-httplib glue: every request goes through Api::handle; a thread advances the session.
#include "classroom/server.h"

#include <httplib.h>

#include <chrono>
#include <cstdio>
#include <stdexcept>

namespace regsim::classroom {

namespace {

double steady_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

Request convert(const httplib::Request& in) {
  Request r;
  r.method = in.method;
  r.path = in.path;
  for (const auto& [key, value] : in.params) r.query.emplace(key, value);  // first one wins
  r.body = in.body;
  r.seat_token = in.get_header_value("X-Seat-Token");
  r.teacher_token = in.get_header_value("X-Teacher-Token");
  r.client = in.remote_addr;
  return r;
}

void send(const Response& out, httplib::Response& res) {
  res.status = out.status;
  res.set_content(out.body, out.content_type);
  res.set_header("Cache-Control", "no-store");
  res.set_header("X-Content-Type-Options", "nosniff");
  // Everything the pages use comes from this server; nothing is fetched from elsewhere.
  res.set_header("Content-Security-Policy",
                 "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:");
}

}  // namespace

HttpServer::HttpServer(Api& api, ServerOptions options)
    : api_(api), options_(std::move(options)), http_(std::make_unique<httplib::Server>()) {
  start_ = steady_seconds();
  const int threads = options_.threads;
  http_->new_task_queue = [threads] {
    return new httplib::ThreadPool(static_cast<std::size_t>(threads));
  };
  http_->set_payload_max_length(64 * 1024);  // larger bodies get 413 before any handler
  http_->set_keep_alive_timeout(2);
  // Headers and body go out in separate writes: with Nagle's algorithm the body of every reply
  // on a kept-alive connection waited ~40 ms for the client's delayed ACK (measured).
  http_->set_tcp_nodelay(true);
  http_->set_read_timeout(5);
  const auto handler = [this](const httplib::Request& req, httplib::Response& res) {
    send(api_.handle(convert(req), now()), res);
  };
  http_->Get(".*", handler);
  http_->Post(".*", handler);
  http_->set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        send(Response{500, "{\"error\":\"internal error\"}", "application/json"}, res);
      });
}

HttpServer::~HttpServer() {
  stop();
}

double HttpServer::now() const {
  return steady_seconds() - start_;
}

int HttpServer::bind() {
  const int port = options_.port == 0
                       ? http_->bind_to_any_port(options_.bind)
                       : (http_->bind_to_port(options_.bind, options_.port) ? options_.port : -1);
  if (port <= 0)
    throw std::runtime_error("cannot listen on " + options_.bind + ":" +
                             std::to_string(options_.port) +
                             " (in use? try --port with another number)");
  return port;
}

void HttpServer::run() {
  running_ = true;
  clock_ = std::thread([this] {
    try {
      while (running_) {
        // Step as fast as the pace allows; sleep a little when nothing was due.
        if (!api_.update(now())) std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
    } catch (const std::exception& e) {
      std::fprintf(stderr, "regsim-classroom: the session stopped: %s\n", e.what());
      failed_ = true;
      stop();
    }
  });
  http_->listen_after_bind();
  running_ = false;
  if (clock_.joinable()) clock_.join();
}

void HttpServer::stop() {
  running_ = false;
  if (http_) http_->stop();
}

}  // namespace regsim::classroom
