// InputSplitter: cuts one input into pieces of whole interchanges, read as a stream.
//
// Contract: pieces come in input order, together cover every byte of the input exactly once, and
// start only where an interchange header starts (or at the input's start), so each piece reads
// exactly as it would inside the whole input: memory holds about two pieces, however large the
// input. A piece is at least `target_bytes` unless it is the input's last; an interchange larger
// than that makes a larger piece (an interchange is never cut). An empty input is one empty
// piece. Each piece carries where it starts (byte, line, column) and how many interchanges of
// each standard come before it, so findings and ordinals can name the whole input.
#pragma once

#include <cstdint>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "core/padded_buffer.h"
#include "core/status.h"

namespace wharf::pipeline {

// Where an input's bytes come from: a file, or memory (archived interchanges for replay).
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Up to `max` bytes into `out`; 0 at the end.
  virtual Result<size_t> Read(char* out, size_t max) = 0;
};

Result<std::unique_ptr<ByteSource>> OpenFileSource(const std::filesystem::path& path);
std::unique_ptr<ByteSource> MemorySource(std::string bytes);

struct Piece {
  PaddedBuffer bytes;
  uint64_t offset = 0;  // of bytes[0] in the input
  uint64_t line = 1;    // 1-based line and column of bytes[0]
  uint64_t column = 1;
  uint32_t x12_before = 0;      // X12 interchange headers before this piece
  uint32_t edifact_before = 0;  // EDIFACT interchange headers before this piece
  uint32_t ordinal = 0;         // 0-based position among the input's pieces
  bool last = false;            // the input's last piece
};

class InputSplitter {
 public:
  InputSplitter(std::unique_ptr<ByteSource> source, size_t target_bytes);
  // The next piece, nullopt after the last one, or the read failure.
  Result<std::optional<Piece>> Next();

 private:
  Status Fill(size_t at_least);
  Piece Cut(size_t length);

  std::unique_ptr<ByteSource> source_;
  size_t target_;
  std::string buffer_;  // input bytes from offset_ not yet handed out
  uint64_t offset_ = 0;
  uint64_t line_ = 1, column_ = 1;
  uint32_t x12_seen_ = 0, edifact_seen_ = 0, pieces_ = 0;
  size_t searched_to_ = 0;  // no header in buffer_[target_, searched_to_)
  static constexpr size_t kNotFound = SIZE_MAX;
  size_t first_header_ = kNotFound;  // in the first piece: where the first interchange starts
  size_t first_searched_ = 0;        // no header in buffer_[0, first_searched_)
  bool eof_ = false;
  bool done_ = false;
};

}  // namespace wharf::pipeline
