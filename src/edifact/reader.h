// Reading UN/EDIFACT interchanges out of a file: find each UNA/UNB, learn its service
// characters, tokenize it into a tape and validate its envelope.
//
// Contract: InterchangeReader walks [begin, end) of a padded file buffer front to back, like the
// X12 reader: Next() yields one interchange at a time (any number, any whitespace between them)
// with its tape, envelope and findings; bytes that belong to no interchange become file-level
// findings. Offsets in findings are offsets in the whole file. Nothing here throws or stops
// early on bad data. Not thread-safe: one reader per file.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/padded_buffer.h"
#include "diagnostics/finding.h"
#include "edifact/envelope.h"
#include "edifact/syntax.h"
#include "tokenize/offset_map.h"
#include "tokenize/tokenizer.h"

namespace wharf::edifact {

struct ReaderOptions {
  ScanKernel scan_kernel = BestScanKernel();
  // A line break inside a segment means a wrapped file, read again without its line breaks;
  // off (--keep-line-breaks), line breaks are data.
  bool unwrap_line_breaks = true;
  size_t begin = 0;  // where in the file to start (the splitter's run); 0 also checks for a BOM
  // Interchanges of this standard before `file` in the input (a piece of a larger input), so
  // that ordinals count from the input's start.
  uint32_t ordinals_before = 0;
  // A piece of an interchange too large to read whole (pipeline/splitter.h): the interchange at
  // `begin` starts with this many copied header segments (its UNB, its open group's UNG; a UNA
  // before them is not a segment), and, with `continues`, the interchange that reaches the end of
  // `file` goes on in the next piece. Both are read as parts (EnvelopeOptions).
  uint32_t copied_segments = 0;
  bool continues = false;
};

struct Interchange {
  uint32_t ordinal = 0;      // 1-based position among the EDIFACT interchanges of the file
  uint64_t file_offset = 0;  // where UNA (or UNB) starts in the file
  uint64_t file_length = 0;  // bytes of the file it spans
  ServiceString service;     // the service characters in force
  std::string_view una;      // the UNA text, empty without one
  PaddedBuffer unwrapped;    // a line-wrapped interchange, read without its CR/LF bytes
  Tape tape;                 // UNB is segment 0
  InterchangeEnvelope envelope;
  Findings findings;
  OffsetMap offsets;

  // UNB 0020 when there is one, else "#<ordinal>".
  std::string Label() const;
  bool valid() const { return !HasErrors(findings); }
};

// The warning that an interchange starting at `offset` was read with its `line_breaks` CR/LF bytes
// (from its UNB on) removed. The pipeline gives it again for an interchange it read in parts,
// with the count of all of them (pipeline/interchange_join.h).
Finding WrappedFinding(uint64_t offset, size_t line_breaks, std::string_view control_reference);

class InterchangeReader {
 public:
  // `file` ends where the reader must stop (the caller cuts it at the run's end).
  InterchangeReader(std::string_view file, ReaderOptions options = {});

  bool Next(Interchange& out);
  Findings TakeFileFindings() { return std::exchange(file_findings_, {}); }

 private:
  bool ReadAt(size_t start, size_t unb, const ServiceString& service, Interchange& out);
  bool ReadUnwrapped(size_t start, size_t unb, const ServiceString& service, Interchange& out);
  void ReportStray(size_t from, size_t to);
  // A bad UNA before a UNB is that interchange's finding (it is read with default separators).
  void AdoptUnaFinding(Interchange& out);
  size_t FindNextHeader(size_t from) const;
  // How the interchange in [start, end) of the file is validated: a part, or whole.
  EnvelopeOptions PartOf(size_t start, size_t end) const;

  std::string_view file_;
  ReaderOptions options_;
  Tokenizer tokenizer_;
  size_t position_ = 0;
  uint32_t interchanges_ = 0;
  Findings file_findings_;
  std::optional<Finding> una_finding_;
};

}  // namespace wharf::edifact
