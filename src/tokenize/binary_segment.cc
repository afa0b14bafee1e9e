#include "tokenize/binary_segment.h"

#include <algorithm>

namespace wharf {
namespace {

// An unsigned decimal length; false when it is empty, not all digits, or absurdly large.
bool ParseLength(std::string_view text, size_t& length) {
  if (text.empty() || text.size() > 15) return false;
  size_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<size_t>(c - '0');
  }
  length = value;
  return true;
}

}  // namespace

BinarySegment ReadBinarySegment(std::string_view bytes, size_t start, char element) {
  BinarySegment segment;
  if (start > bytes.size() || bytes.size() - start < 4 || bytes[start + 3] != element) return segment;
  const std::string_view tag = bytes.substr(start, 3);
  const int length_element = tag == "BIN" ? 1 : tag == "BDS" ? 2 : 0;
  if (length_element == 0) return segment;
  segment.separators[0] = static_cast<uint32_t>(start + 3);
  for (int e = 1; e <= length_element; ++e) {
    const size_t from = segment.separators[e - 1] + 1;
    const size_t found = bytes.substr(from, 32).find(element);
    if (found == std::string_view::npos) {
      segment.length_invalid = true;
      return segment;
    }
    segment.separators[e] = static_cast<uint32_t>(from + found);
  }
  const size_t length_start = segment.separators[length_element - 1] + 1;
  if (!ParseLength(bytes.substr(length_start, segment.separators[length_element] - length_start), segment.length)) {
    segment.length_invalid = true;
    return segment;
  }
  segment.length_element = length_element;
  segment.data_start = segment.separators[length_element] + 1;
  return segment;
}

size_t BinaryDataEnd(std::string_view bytes, const BinarySegment& segment, char terminator, std::string_view suffix,
                     bool* length_matches) {
  const size_t data_end = std::min(segment.data_start + segment.length, bytes.size());
  const bool matches = segment.data_start + segment.length < bytes.size() && bytes[data_end] == terminator &&
                       bytes.substr(data_end + 1, suffix.size()) == suffix;
  if (length_matches != nullptr) *length_matches = matches;
  if (matches) return data_end;
  const size_t next = bytes.find(terminator, data_end);
  return next == std::string_view::npos ? bytes.size() : next;
}

}  // namespace wharf
