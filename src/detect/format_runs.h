// Telling X12 from EDIFACT by content, so one command reads either, and files that mix them.
//
// Contract: FormatRuns splits a file into runs of one standard each, in file order: a run starts
// at an interchange header (X12 "ISA", EDIFACT "UNA"/"UNB") and ends where a header of the other
// standard starts. Bytes before the first header belong to the first run (its reader reports
// them); a file with no header at all is one X12 run, whose reader says it is not EDI. A leading
// UTF-8 byte order mark is skipped with a warning, and an empty file is one finding and no run.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "diagnostics/finding.h"

namespace wharf {

enum class Format : uint8_t { kX12, kEdifact };

struct FormatRun {
  Format format = Format::kX12;
  size_t begin = 0;
  size_t end = 0;
};

struct FormatSplit {
  std::vector<FormatRun> runs;
  Findings findings;  // BOM, empty file
};

// An interchange header is recognised from at most this many bytes from its start (the ISA
// segment is 106; a UNA, blanks and the start of UNB): a search that only needs headers starting
// before some point need not read further than this past it.
inline constexpr size_t kHeaderLookahead = 512;

// An interchange header: where it starts and its standard.
struct HeaderAt {
  size_t at = 0;
  Format format = Format::kX12;
};

// Every interchange header in `file`, in order: FindAnyInterchangeHeader's finds one after
// another (each search starting three bytes past the last). Only those that start in [from, to)
// when asked, recognised from all of `file` as in a search of the whole: bytes elsewhere are
// known to hold none (pipeline/splitter.h, Piece::headers_from).
std::vector<HeaderAt> FindHeaders(std::string_view file, size_t from = 0, size_t to = SIZE_MAX);

FormatSplit SplitByFormat(std::string_view file);
// The same from `file`'s headers (FindHeaders) already found: the pipeline finds them once
// per piece, to count them, and splits with them (pipeline/splitter.h, MeasurePiece).
FormatSplit SplitByFormat(std::string_view file, std::span<const HeaderAt> headers);

// Where the next interchange header of `format` starts at or after `from` (file.size() if none),
// by the same test SplitByFormat uses. The pipeline cuts large inputs only at such places, so a
// piece reads exactly as it would inside the whole file. A header within a few hundred bytes of
// the end of `file` may not be recognised when `file` is only a prefix of the input.
size_t FindInterchangeHeader(std::string_view file, size_t from, Format format);
// The first interchange header of either standard at or after `from` (file.size() when none), and
// its standard in `format`: one pass over the bytes.
size_t FindAnyInterchangeHeader(std::string_view file, size_t from, Format* format = nullptr);

}  // namespace wharf
