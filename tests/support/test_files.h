// Test helpers: where fixtures live, reading them, and scratch directories that clean up.
#pragma once

#include <filesystem>
#include <string>

namespace wharf::testing {

std::filesystem::path SourcePath(const std::string& relative);  // under the repository root
std::string ReadBytes(const std::filesystem::path& path);
void WriteBytes(const std::filesystem::path& path, const std::string& bytes);

// A fresh directory under the system temp dir (or `under`), removed with everything in it on
// destruction.
class ScratchDir {
 public:
  ScratchDir();
  explicit ScratchDir(const std::filesystem::path& under);
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

}  // namespace wharf::testing
