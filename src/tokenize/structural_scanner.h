// Stage 1 of tokenizing: find every delimiter byte of a block of input at once.
//
// Contract: ScanDelimiters writes, in increasing order, the offset (plus `base`) of every byte of
// data[0, length) that is one of the set's bytes (but a line break the set skips) into `positions`, and for each of those that is
// one of the set's *special* bytes (segment terminator, release character, line feed: the ones
// stage 2 must look at one by one) its index in `positions` (plus `index_base`) into `specials`.
// Both outputs need room for `length + 64` entries (the SIMD kernels write whole groups and
// count only the valid ones). It reads up to 63 bytes past `length`, so `data` must come from a
// PaddedBuffer. Every kernel gives identical output (the parity tests hold them to it); the SSE2
// and AVX2 kernels compare 64-byte blocks against each delimiter and turn the matches into bit
// masks, the way simdjson's stage 1 finds structural characters.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace wharf {

enum class ScanKernel : uint8_t { kScalar, kSse2, kAvx2 };

// The fastest kernel this processor runs (AVX2 when the CPU has it, SSE2 on any x86-64).
ScanKernel BestScanKernel();
// Every kernel this processor runs, slowest first.
std::vector<ScanKernel> SupportedScanKernels();
std::string_view ScanKernelName(ScanKernel kernel);

// Up to six distinct bytes to look for, some of them special.
class DelimiterSet {
 public:
  static constexpr int kMaxBytes = 6;
  void Add(char byte, bool special = false);
  int size() const { return count_; }
  char operator[](int i) const { return bytes_[i]; }
  bool is_special(int i) const { return special_[i]; }
  bool Contains(char byte) const;

  // Most files put a line break after each segment terminator. Such a LF (or CR LF) is
  // whitespace between segments, so it is left out of the output altogether rather than handed
  // to stage 2, which halves its work on those files. `terminator` must be in the set; a line
  // feed that is not right after it (or after a CR right after it) is reported as usual.
  void SkipLineBreakAfter(char terminator) { line_break_terminator_ = terminator; }
  std::optional<char> line_break_terminator() const { return line_break_terminator_; }

 private:
  char bytes_[kMaxBytes] = {};
  bool special_[kMaxBytes] = {};
  int count_ = 0;
  std::optional<char> line_break_terminator_;
};

struct ScanCounts {
  size_t positions = 0;
  size_t specials = 0;
};

ScanCounts ScanDelimiters(ScanKernel kernel, const DelimiterSet& set, const char* data, size_t length,
                          uint32_t base, uint32_t* positions, uint32_t index_base, uint32_t* specials);

}  // namespace wharf
