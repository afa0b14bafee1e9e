// InputSplitter: cuts one input into pieces of whole interchanges, read as a stream.
//
// Contract: pieces come in input order, together cover every byte of the input exactly once, and
// start where an interchange header starts (or at the input's start), so each piece reads
// exactly as it would inside the whole input: memory holds about two pieces, however large the
// input. A piece is at least `target_bytes` unless it is the input's last. Pieces do not depend on
// how many threads read them, so neither do the parts an interchange is read in (`translate`
// writes one JSON document per part). An interchange that would make a piece larger than twice
// that is cut inside (and, once cut, its end again when more than one and a half targets are
// left), at the start of a transaction set (X12 ST, not inside the data of a BIN or BDS segment)
// or message (EDIFACT UNH, not after a released terminator): the next piece then
// carries copies of the interchange's header (ISA; UNA and UNB) and of the group open at the cut
// (GS, UNG), to read its sets with, and the pieces are joined again in the commit
// (pipeline/interchange_join.h). An interchange wrapped at a line length is cut alike: its
// segments are found in a copy without line breaks, and the copied header segments have none.
// An empty input is one empty piece. The splitter reads only what it must
// to cut; where a piece starts in lines and columns and how many interchanges of each standard come
// before it are left to the caller (MeasurePiece on any thread, PieceNumbering in input order;
// pipeline/piece_pipeline.h runs both), so findings and ordinals can name the whole input.
#pragma once

#include <cstdint>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/padded_buffer.h"
#include "core/pod_buffer.h"
#include "core/status.h"
#include "detect/format_runs.h"

namespace wharf::pipeline {

// Where an input's bytes come from: a file, or memory (archived interchanges for replay).
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Up to `max` bytes into `out`; 0 at the end.
  virtual Result<size_t> Read(char* out, size_t max) = 0;
};

Result<std::unique_ptr<ByteSource>> OpenFileSource(const std::filesystem::path& path);
// What the command line streams: a file, a pipe, or standard input for "-".
Result<std::unique_ptr<ByteSource>> OpenInputSource(const std::filesystem::path& path);
std::unique_ptr<ByteSource> MemorySource(std::string bytes);

struct Piece {
  PaddedBuffer bytes;
  uint64_t offset = 0;  // of bytes[0] in the input
  // Set by PieceNumbering:
  uint64_t line = 1;    // 1-based line and column of bytes[0]
  uint64_t column = 1;
  uint32_t x12_before = 0;      // X12 interchanges begun before this piece (a continued one too)
  uint32_t edifact_before = 0;  // EDIFACT interchanges begun before this piece
  uint32_t ordinal = 0;         // 0-based position among the input's pieces
  // Interchange headers can start only in bytes [headers_from, headers_to): the splitter's own
  // searches for where to cut saw none elsewhere, so MeasurePiece looks no further (on a part of
  // one large interchange, at little or nothing).
  size_t headers_from = 0, headers_to = SIZE_MAX;
  bool last = false;            // the input's last piece
  // Cut inside an interchange too large for one piece (before a transaction set or message):
  std::string continued_header;  // not empty: bytes[0] goes on with an interchange begun earlier;
                                 // copies of its header (ISA; UNA, UNB) and open group's segment
  uint32_t continued_segments = 0;  // segments in continued_header (1 or 2; a UNA is none)
  uint64_t interchange_offset = 0;  // where that interchange starts in the input
  uint32_t continued_part = 0;      // which part of it begins the piece (2, 3, ...)
  bool continues = false;           // the piece's last interchange goes on in the next piece
  // The first document type (ST01, UNH S009 0065) of the interchange continued at the start and
  // of the one that continues past the end: every part is routed as the whole interchange is.
  std::string continued_first_document, continues_first_document;
};

// A piece's own counts, which the pieces after it start from. They take a pass over the piece's
// bytes, so they are taken on the threads that process pieces (MeasurePiece) and added up in
// input order (PieceNumbering), not on the splitter's one thread.
struct PieceMeasure {
  uint32_t x12_headers = 0, edifact_headers = 0;  // interchange headers that start in it
  uint64_t line_feeds = 0;
  uint64_t last_line_length = 0;  // bytes after its last line feed (all of them, with none)
  // Where those headers are, so that the piece is split by standard without a second search
  // (pipeline/piece_work.h).
  std::vector<HeaderAt> headers;
};
// Faults a mapped piece's pages in (this is the first read of its bytes), then counts.
PieceMeasure MeasurePiece(const Piece& piece);

// Gives one input's pieces, taken in input order, where they start (line, column) and how many
// interchange headers of each standard come before them.
class PieceNumbering {
 public:
  void Number(Piece& piece, const PieceMeasure& measure);

 private:
  uint64_t line_ = 1, column_ = 1;
  uint32_t x12_seen_ = 0, edifact_seen_ = 0;
};

class InputSplitter {
 public:
  InputSplitter(std::unique_ptr<ByteSource> source, size_t target_bytes);
  // Over an input already in memory (a mapped file): its pieces are views of it, not copies, and
  // keep it alive.
  InputSplitter(std::shared_ptr<const PaddedBuffer> input, size_t target_bytes);
  ~InputSplitter();
  // The next piece, nullopt after the last one, or the read failure.
  Result<std::optional<Piece>> Next();
  // Line breaks inside segments are data, as the readers take them with unwrap_line_breaks off:
  // such an interchange is searched as it is, and one whose ISA has a line break is not cut.
  void KeepLineBreaks() { unwrap_line_breaks_ = false; }

 private:
  struct OpenInterchange {
    Format format = Format::kX12;
    // The header (ISA; UNA and UNB) and the open group's segment (GS, UNG), through their
    // terminators.
    std::string header, group;
    std::string first_document;   // of its first set or message
    char element = '*', terminator = '~', component = ':';
    std::optional<char> release;  // EDIFACT's
    uint64_t offset = 0;          // in the input
    size_t segments_from = 0;     // in the buffer: where the header's segments end
    bool wrapped = false;         // line breaks inside segments (`header` has none once known)
  };
  Status Fill(size_t at_least);
  // The input bytes from offset_ not yet handed out, as far as read (or, in memory, as far as a
  // read would have come).
  std::string_view Pending() const;
  Piece Cut(size_t length);
  // Where to cut inside the interchange that holds byte `earliest` (at the first transaction
  // set after it, before `end`), with `open_` set for the next piece; nullopt where it cannot be,
  // or, `continued_only`, where that interchange begins in this piece.
  std::optional<size_t> CutInside(std::string_view view, size_t earliest, size_t end, bool continued_only);
  // The search of CutInside in `view`: `open`'s segments start at `segments_from` (in this piece
  // when `begins_here`), the cut is the first set in [from, end); `open`'s first document and
  // group are set for it.
  std::optional<size_t> FindCut(std::string_view view, OpenInterchange& open, size_t segments_from, bool begins_here,
                                size_t from, size_t end);
  std::optional<OpenInterchange> ReadHeader(std::string_view view, size_t at, Format format) const;

  class LineBreakFreeCopy;
  // The bytes of `view` from `base` up to a little past `end`, without their CR and LF; kept from
  // one search of a piece to the next, which only adds the bytes read since.
  const LineBreakFreeCopy& CopyWithoutLineBreaks(std::string_view view, size_t base, size_t end);

  std::unique_ptr<ByteSource> source_;  // null when reading from memory
  size_t target_;
  std::shared_ptr<const PaddedBuffer> input_;  // the input in memory, or null
  size_t consumed_ = 0, window_ = 0;          // of input_: handed out, and "read" after that
  PodBuffer<char> buffer_;  // input bytes from offset_ not yet handed out (grown without zeroing)
  uint64_t offset_ = 0;
  uint32_t pieces_ = 0;
  size_t searched_to_ = 0;  // no header in buffer_[target_, searched_to_)
  static constexpr size_t kNotFound = SIZE_MAX;
  size_t first_header_ = kNotFound;  // in the first piece: where the first interchange starts
  size_t first_searched_ = 0;        // no header in buffer_[0, first_searched_)
  bool eof_ = false;
  bool done_ = false;
  bool inside_impossible_ = false;       // the interchange holding the target cannot be cut
  size_t inside_searched_to_ = 0;        // no set to cut at before this, in this piece
  size_t header_free_ = 0;               // no interchange header in Pending()[0, header_free_)
  size_t header_search_from_ = kNotFound;  // nor in [header_search_from_, the cut), once searched
  std::optional<OpenInterchange> open_;  // the interchange the last cut went inside
  // No line feed inside a segment of the interchange at input offset checked_interchange_ before
  // input offset checked_to_.
  uint64_t checked_interchange_ = UINT64_MAX, checked_to_ = 0;
  bool unwrap_line_breaks_ = true;
  std::unique_ptr<LineBreakFreeCopy> copy_;  // of this piece's wrapped interchange, or null
  bool cut_inside_ = false;              // the piece being cut ends inside open_
  struct Continuation {
    std::string header;  // Piece::continued_header
    uint32_t segments = 0;
    uint64_t interchange_offset = 0;
    uint32_t part = 0;
    std::string first_document;
  };
  std::optional<Continuation> continuation_;  // of the next piece to cut
};

}  // namespace wharf::pipeline
