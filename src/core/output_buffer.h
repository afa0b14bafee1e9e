// OutputBuffer: bytes being produced (JSON now; XML, CSV and EDI later), growing without
// initialising memory, with a raw-pointer fast path for hot writers: Reserve room, write through
// the pointer, Commit where you stopped.
#pragma once

#include <cstring>
#include <string_view>

#include "core/pod_buffer.h"

namespace wharf {

class OutputBuffer {
 public:
  void clear() { bytes_.clear(); }
  // Drops everything after the first `size` bytes.
  void truncate(size_t size) {
    if (size < bytes_.size()) bytes_.Commit(bytes_.data() + size);
  }
  size_t size() const { return bytes_.size(); }
  bool empty() const { return bytes_.empty(); }
  std::string_view view() const { return {bytes_.data(), bytes_.size()}; }

  void push_back(char c) { bytes_.push_back(c); }
  void append(std::string_view text) {
    char* out = Reserve(text.size());
    if (!text.empty()) std::memcpy(out, text.data(), text.size());
    Commit(out + text.size());
  }
  OutputBuffer& operator+=(std::string_view text) {
    append(text);
    return *this;
  }
  OutputBuffer& operator+=(char c) {
    push_back(c);
    return *this;
  }

  char* Reserve(size_t extra) { return bytes_.AppendPointer(extra); }
  void Commit(const char* end) { bytes_.Commit(end); }

 private:
  PodBuffer<char> bytes_;
};

}  // namespace wharf
