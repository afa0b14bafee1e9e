// Printing findings the way wharf promises: "file:interchange:segment-ordinal: CODE message".
//
// The message ends with the line and column of the problem in the file, so an editor can jump to
// it. Line starts are indexed once per file, on the first finding that needs them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/finding.h"

namespace wharf {

class LineIndex {
 public:
  explicit LineIndex(std::string_view file) : file_(file) {}
  // `file` is a piece of a larger input that starts at byte `offset`, line `line`, column
  // `column` of it; offsets and answers are then the whole input's.
  LineIndex(std::string_view file, uint64_t offset, uint64_t line, uint64_t column)
      : file_(file), offset_(offset), line_(line), column_(column) {}
  // 1-based line and column of a byte offset.
  std::pair<uint64_t, uint64_t> LineAndColumn(uint64_t offset);

 private:
  std::string_view file_;
  uint64_t offset_ = 0, line_ = 1, column_ = 1;
  std::vector<uint64_t> line_starts_;
};

// `interchange` is the label of the interchange ("000000001", "#2") or "-" for the file itself.
std::string FormatFinding(std::string_view file_name, std::string_view interchange, const Finding& finding,
                          LineIndex& lines);

}  // namespace wharf
