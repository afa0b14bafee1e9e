// PaddedBuffer: input bytes followed by kInputPadding readable zero bytes.
//
// Contract: scanners may read up to kInputPadding bytes past size() without bounds checks
// (the simdjson habit), so every buffer handed to the tokenizer must come from here.
// A buffer is immutable once built and may be read from many threads.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string_view>

#include "core/status.h"

namespace wharf {

inline constexpr size_t kInputPadding = 64;

class PaddedBuffer {
 public:
  PaddedBuffer() = default;
  static PaddedBuffer Copy(std::string_view bytes);
  // Allocates size + padding bytes; the caller fills [0, size) through mutable_data().
  static PaddedBuffer Allocate(size_t size);

  const char* data() const { return bytes_.get(); }
  char* mutable_data() { return bytes_.get(); }
  size_t size() const { return size_; }
  std::string_view view() const { return {bytes_.get(), size_}; }
  // Shrinks the logical size (the padding after it is re-zeroed).
  void Truncate(size_t size);

 private:
  std::unique_ptr<char[]> bytes_;
  size_t size_ = 0;
};

// Reads a whole file ("-" reads standard input) into a padded buffer.
Result<PaddedBuffer> ReadInputFile(const std::filesystem::path& path);

}  // namespace wharf
