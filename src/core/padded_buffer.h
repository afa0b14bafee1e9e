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
  PaddedBuffer(PaddedBuffer&& other) noexcept;
  PaddedBuffer& operator=(PaddedBuffer&& other) noexcept;
  PaddedBuffer(const PaddedBuffer&) = delete;
  PaddedBuffer& operator=(const PaddedBuffer&) = delete;
  ~PaddedBuffer();

  static PaddedBuffer Copy(std::string_view bytes);
  // Allocates size + padding bytes (the padding zeroed); the caller fills [0, size) through
  // mutable_data().
  static PaddedBuffer Allocate(size_t size);
  // Maps `size` bytes of an open regular file read-only, followed by zero pages for the padding,
  // so a large input is neither copied nor zeroed first.
  static Result<PaddedBuffer> Map(int fd, size_t size, const std::string& name);

  const char* data() const { return data_; }
  char* mutable_data() { return mapped_length_ == 0 ? data_ : nullptr; }
  size_t size() const { return size_; }
  std::string_view view() const { return {data_, size_}; }
  // Shrinks the logical size of an allocated buffer (the padding after it is re-zeroed).
  void Truncate(size_t size);

 private:
  void Release();

  char* data_ = nullptr;
  size_t size_ = 0;
  size_t mapped_length_ = 0;  // non-zero for Map()ped buffers
};

// Reads a whole file ("-" reads standard input) into a padded buffer.
Result<PaddedBuffer> ReadInputFile(const std::filesystem::path& path);

}  // namespace wharf
