// Finding formatting.
#include "diagnostics/finding_format.h"

#include <algorithm>
#include <cstring>

namespace wharf {

std::pair<uint64_t, uint64_t> LineIndex::LineAndColumn(uint64_t offset) {
  if (line_starts_.empty()) {
    line_starts_.push_back(0);
    const char* p = file_.data();
    const char* end = p + file_.size();
    while (p < end) {
      const void* hit = std::memchr(p, '\n', static_cast<size_t>(end - p));
      if (hit == nullptr) break;
      p = static_cast<const char*>(hit) + 1;
      line_starts_.push_back(static_cast<uint64_t>(p - file_.data()));
    }
  }
  const uint64_t local = offset >= offset_ ? offset - offset_ : 0;
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), local);
  const uint64_t line = static_cast<uint64_t>(it - line_starts_.begin());
  const uint64_t column = local - line_starts_[line - 1] + 1;
  // The piece's first line continues a line of the input that began before it.
  return {line + line_ - 1, line == 1 ? column + column_ - 1 : column};
}

std::string FormatFinding(std::string_view file_name, std::string_view interchange, const Finding& finding,
                          LineIndex& lines) {
  std::string text(file_name);
  text += ':';
  text += interchange;
  text += ':';
  text += std::to_string(finding.segment_ordinal);
  text += ": ";
  text += finding.CodeLabel();
  text += finding.is_error() ? " " : " warning: ";
  text += finding.message;
  const auto [line, column] =
      finding.line != 0 ? std::pair(finding.line, finding.column) : lines.LineAndColumn(finding.file_offset);
  text += " (line " + std::to_string(line) + ", column " + std::to_string(column);
  if (finding.set_position != 0) {
    text += finding.standard == Standard::kEdifact ? ", message " : ", set ";
    text += finding.set_control + " segment " + std::to_string(finding.set_position);
  }
  text += ")";
  return text;
}

}  // namespace wharf
