// Reading X12 interchanges out of a file: find each ISA, learn its delimiters, tokenize it into a
// tape and validate its envelope.
//
// Contract: InterchangeReader walks a padded file buffer front to back. Next() yields one
// interchange at a time (any number per file, any whitespace between them) with its tape,
// envelope and findings; bytes that belong to no interchange (an empty file, text that is not
// X12, garbage between interchanges, a header whose delimiters cannot be read) become file-level
// findings. A file wrapped at a fixed line length is read from a copy with the line breaks
// removed, with a warning, unless the options forbid it. Nothing here throws or stops early on
// bad data. Not thread-safe: one reader per file, and each Interchange may then be handed to
// another thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "core/padded_buffer.h"
#include "diagnostics/finding.h"
#include "tokenize/tokenizer.h"
#include "x12/envelope.h"
#include "x12/isa_header.h"

namespace wharf::x12 {

struct ReaderOptions {
  // Read interchanges that have line breaks inside segments (files wrapped at 80 columns) by
  // removing the line breaks, with a warning; when false they are data, and the envelope checks
  // report what that breaks.
  bool unwrap_line_breaks = true;
  ScanKernel scan_kernel = BestScanKernel();
  // Where in the file to start (a run of X12 in a file that mixes standards). At 0 the reader
  // also reports a byte order mark and an empty file.
  size_t begin = 0;
  // Interchanges of this standard before `file` in the input (a piece of a larger input), so
  // that ordinals count from the input's start.
  uint32_t ordinals_before = 0;
  // A piece of an interchange too large to read whole (pipeline/splitter.h): the interchange at
  // `begin` starts with this many copied header segments (its ISA, its open group's GS), and,
  // with `continues`, the interchange that reaches the end of `file` goes on in the next piece.
  // Both are read as parts (EnvelopeOptions).
  uint32_t copied_segments = 0;
  bool continues = false;
};

struct Interchange {
  uint32_t ordinal = 0;      // 1-based position in the file
  uint64_t file_offset = 0;  // where "ISA" starts in the file
  uint64_t file_length = 0;  // bytes of the file it spans
  IsaHeader header;          // its views point into the tape's bytes
  Tape tape;
  InterchangeEnvelope envelope;
  Findings findings;
  OffsetMap offsets;
  PaddedBuffer unwrapped;  // the tape's bytes when line breaks had to be removed

  // ISA13 when it is readable, else "#<ordinal>".
  std::string Label() const;
  bool valid() const { return !HasErrors(findings); }
};

// The warning that an interchange starting at `offset` was read with its `line_breaks` CR/LF bytes
// removed. The pipeline gives it again for an interchange it read in parts, with the count of
// all of them (pipeline/interchange_join.h).
Finding WrappedFinding(uint64_t offset, size_t line_breaks, std::string_view control_number);

class InterchangeReader {
 public:
  InterchangeReader(std::string_view file, ReaderOptions options = {});

  // Fills `out` with the next interchange; false once the file is exhausted.
  bool Next(Interchange& out);
  // Findings about bytes outside any interchange, in file order, found since the last call:
  // after Next() returns an interchange they are all about bytes before it.
  Findings TakeFileFindings() { return std::exchange(file_findings_, {}); }

 private:
  bool ReadAt(size_t start, const IsaHeader& header, Interchange& out);
  bool ReadUnwrapped(size_t start, Interchange& out);
  void ReportStray(size_t from, size_t to);
  size_t FindNextHeader(size_t from) const;
  // How the interchange in [start, end) of the file is validated: a part, or whole.
  EnvelopeOptions PartOf(size_t start, size_t end) const;

  std::string_view file_;
  ReaderOptions options_;
  Tokenizer tokenizer_;
  size_t position_ = 0;
  uint32_t interchanges_ = 0;
  bool started_ = false;
  Findings file_findings_;
};

}  // namespace wharf::x12
