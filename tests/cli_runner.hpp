// Runs the built command-line programs from tests and captures what they print.
#pragma once
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <sys/wait.h>
#include <vector>

#include <nlohmann/json.hpp>

namespace wiretrace::test {

struct CommandResult {
  int exit_code = -1;
  std::string out;  ///< stdout
  std::string err;  ///< stderr
};

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Writes `bytes` to `path`, creating its folders; throws (failing the test) when it cannot.
inline void write_file(const std::filesystem::path& path, const std::string& bytes) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out.good()) throw std::runtime_error("could not write " + path.string());
}

/// A fresh folder under the system temp dir, removed when the object goes away.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("wiretrace-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

/// Runs `command` through the shell; stderr goes to a temporary file.
inline CommandResult run(const std::string& command) {
  TempDir dir;
  const auto err_path = dir / "stderr";
  CommandResult result;
  FILE* pipe = popen((command + " 2>'" + err_path.string() + "'").c_str(), "r");
  if (!pipe) return result;
  std::array<char, 65536> buffer;
  std::size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.out.append(buffer.data(), n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.err = read_file(err_path);
  return result;
}

inline std::string quoted(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

inline const std::string cli = WIRETRACE_CLI_PATH;
inline const std::string fixtures = WIRETRACE_FIXTURES_DIR;
inline const std::string seeds_dir = fixtures + "/seeds";

/// The non-empty lines of `text`, each parsed as JSON (a line that is not JSON fails the test).
inline std::vector<nlohmann::json> json_lines(const std::string& text) {
  std::vector<nlohmann::json> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(nlohmann::json::parse(line));
  return out;
}

/// One JSON Lines record {"id", "text"} (and "published" when given), newline included.
inline std::string jsonl_record(const std::string& id, const std::string& text,
                                const std::string& published = {}) {
  nlohmann::json j{{"id", id}, {"text", text}};
  if (!published.empty()) j["published"] = published;
  return j.dump() + "\n";
}

}  // namespace wiretrace::test
