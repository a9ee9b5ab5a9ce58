#pragma once
// A fresh directory under the system's temp directory, removed with the object.
#include <filesystem>
#include <random>
#include <string>

namespace interphase::test {

struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const std::string& tag = "test") {
    std::random_device random;
    path = std::filesystem::temp_directory_path() / ("interphase-" + tag + "-" + std::to_string(random()) + std::to_string(random()));
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

}  // namespace interphase::test
