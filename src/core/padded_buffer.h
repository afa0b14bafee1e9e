// PaddedBuffer: input bytes followed by kInputPadding readable zero bytes.
//
// Contract: scanners may read up to kInputPadding bytes past size() without bounds checks
// (the simdjson habit), so every buffer handed to the tokenizer must come from here. Those bytes
// are zeros, except in a borrowed buffer (a piece of a larger input), where they are the input's
// next bytes: readers never take them for data, they only may read them.
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
  // `populate` faults every page in at once (fastest for a reader that holds the whole input);
  // without it a streaming reader faults windows in with Prefault() and drops them behind it.
  static Result<PaddedBuffer> Map(int fd, size_t size, const std::string& name, bool populate = true);
  // `size` bytes at `data`, which lies in `whole` (so padding follows): no copy; `whole` stays
  // alive as long as the view does.
  static PaddedBuffer Borrow(const char* data, size_t size, std::shared_ptr<const PaddedBuffer> whole);

  const char* data() const { return data_; }
  char* mutable_data() { return mapped_length_ == 0 && !whole_ ? data_ : nullptr; }
  size_t size() const { return size_; }
  std::string_view view() const { return {data_, size_}; }
  // Shrinks the logical size of an allocated buffer (the padding after it is re-zeroed).
  void Truncate(size_t size);
  // A mapped buffer's whole pages in [begin, end) leave this process's memory (they are read
  // again from the file if touched): what a reader has finished with stops counting as resident.
  // On a borrowed view, the pages of the mapping it lies in; otherwise nothing.
  void DropPages(size_t begin, size_t end) const;
  // Faults a mapped buffer's (or a borrowed view's) pages in [begin, end) in with one call (page
  // faults one by one cost several microseconds each on a virtual machine).
  void Prefault(size_t begin, size_t end) const;

 private:
  void Release();

  char* data_ = nullptr;
  size_t size_ = 0;
  size_t mapped_length_ = 0;  // non-zero for Map()ped buffers
  std::shared_ptr<const PaddedBuffer> whole_;  // set for Borrow()ed views
};

// Reads a whole file ("-" reads standard input) into a padded buffer; large files are mapped,
// populated at once unless `populate` is false (see Map).
Result<PaddedBuffer> ReadInputFile(const std::filesystem::path& path, bool populate = true);

}  // namespace wharf
