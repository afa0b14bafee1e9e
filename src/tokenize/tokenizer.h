// Stage 2 of tokenizing: turn the delimiter positions of stage 1 into a tape of segments.
//
// Contract: Tokenizer::Run appends to `tape` (already Reset over the unit and its delimiters)
// every segment from byte `from` on, until it meets a stop: the end of a trailer segment (IEA,
// UNZ), the start of the next header (ISA, UNA, UNB), a line break inside a segment (a wrapped
// file: the caller may unwrap and retry) or the end of input. It never fails on bad data:
// oddities are recorded as segment flags for the validator to judge. The unit must be padded
// (PaddedBuffer) and shorter than 4 GiB.
// Work is per segment, not per value: stage 1 writes every delimiter position straight onto the
// tape and lists the few "special" ones (terminators, release characters, line feeds); stage 2
// visits only those. A Tokenizer is not thread-safe; use one per thread.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include "core/pod_buffer.h"
#include "tokenize/structural_scanner.h"
#include "tokenize/tape.h"

namespace wharf {

struct TokenizerOptions {
  // X12 BIN and BDS segments carry raw bytes whose length an earlier element gives.
  bool binary_segments = false;
  // The unit ends after a segment with this tag (empty: never).
  std::string_view trailer_tag;
  // The unit ends before a segment that starts with one of these tags followed by a non-alphanumeric
  // byte (empty entries are ignored).
  std::array<std::string_view, 2> header_tags;
  // When set, a line feed inside a segment (not between segments) stops tokenizing with
  // kLineBreakInSegment instead of being read as data.
  bool stop_at_line_break = true;
  // The segment at `from` is the unit's own header (EDIFACT's UNB, tokenized like any segment),
  // not the start of the next unit.
  bool opens_with_header = false;
};

enum class TokenizerStop : uint8_t { kTrailer, kNextHeader, kEndOfInput, kLineBreakInSegment };

struct TokenizerResult {
  TokenizerStop stop;
  // Where the unit ends: after the trailer's terminator, at the next header, at the end of input,
  // or (kLineBreakInSegment) at the offending line feed.
  size_t end;
};

class Tokenizer {
 public:
  explicit Tokenizer(ScanKernel kernel = BestScanKernel()) : kernel_(kernel) {}

  TokenizerResult Run(Tape& tape, size_t from, const TokenizerOptions& options);

 private:
  ScanKernel kernel_;
  PodBuffer<uint32_t> specials_;
};

}  // namespace wharf
