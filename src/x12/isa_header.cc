// ISA header parsing and delimiter detection.
#include "x12/isa_header.h"

#include <algorithm>
#include <cstring>

#include "core/bytes.h"

namespace wharf::x12 {
namespace {

// A header with fields of the wrong width is searched this far for its sixteen separators.
constexpr size_t kLongestIsaSearch = 256;

bool IsAlphanumeric(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

// Bytes that follow `lead` in one UTF-8 character (0 when `lead` does not start a multi-byte one).
int Utf8ContinuationCount(unsigned char lead) {
  if (lead >= 0xC2 && lead <= 0xDF) return 1;
  if (lead >= 0xE0 && lead <= 0xEF) return 2;
  if (lead >= 0xF0 && lead <= 0xF4) return 3;
  return 0;
}

bool IsContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

std::string Quote(char c) { return DescribeDelimiter(c); }

}  // namespace

bool LooksLikeIsa(std::string_view at) {
  return at.size() > 3 && at[0] == 'I' && at[1] == 'S' && at[2] == 'A' &&
         !IsAlphanumeric(static_cast<unsigned char>(at[3]));
}

IsaParse ParseIsaHeader(std::string_view at) {
  IsaParse parse;
  IsaHeader& h = parse.header;
  if (!LooksLikeIsa(at)) {
    parse.problem = "not an ISA header";
    return parse;
  }
  const char separator = at[3];
  if (separator == ' ' || separator == '\r' || separator == '\n') {
    parse.problem = "ISA element separator " + Quote(separator) + " cannot be whitespace";
    parse.ta1_code = "026";
    return parse;
  }
  h.fields[0] = at.substr(0, 3);
  size_t pos = 4;
  const size_t limit = std::min(at.size(), kLongestIsaSearch);
  for (size_t field = 1; field < kIsaFieldCount; ++field) {
    size_t end = pos;
    while (end < limit && at[end] != separator) ++end;
    if (end >= limit) {
      const std::string name = std::string(field < 10 ? "ISA0" : "ISA") + std::to_string(field);
      parse.problem = (limit == at.size() ? "the input ends inside " + name
                                          : name + " has no element separator within " +
                                                std::to_string(kLongestIsaSearch) + " bytes") +
                      " (" + std::to_string(field) + " of 16 element separators " + Quote(separator) + " found)";
      parse.ta1_code = "023";
      return parse;
    }
    h.fields[field] = at.substr(pos, end - pos);
    h.field_offsets[field] = pos;
    pos = end + 1;
  }
  if (pos + 2 > at.size()) {
    parse.problem = "input ends inside the ISA header (no component separator or segment terminator)";
    parse.ta1_code = "023";
    return parse;
  }
  h.fields[16] = at.substr(pos, 1);
  h.field_offsets[16] = pos;
  const char component = at[pos];
  const char terminator = at[pos + 1];
  for (size_t field = 1; field <= kIsaFieldCount; ++field) {
    if (h.fields[field].find_first_of("\r\n") != std::string_view::npos) h.has_line_break = true;
  }
  if (terminator == '\r' || terminator == '\n') {
    // A CR/LF terminator is legal, but a header wrapped right after ISA16 looks the same: then a
    // delimiter, not a segment tag, follows the line break, and the unwrapped copy shows it.
    size_t next = pos + 1;
    while (next < at.size() && (at[next] == '\r' || at[next] == '\n')) ++next;
    const auto after = static_cast<unsigned char>(next < at.size() ? at[next] : 'A');
    if (!IsAlphanumeric(after) && after != ' ' && after != '\0' && after != separator && after != component) {
      h.has_line_break = true;
    }
  }
  if (IsAlphanumeric(static_cast<unsigned char>(component))) {
    parse.problem = "ISA16 component separator " + Quote(component) + " is alphanumeric";
    parse.ta1_code = "027";
    return parse;
  }
  if (IsAlphanumeric(static_cast<unsigned char>(terminator)) || terminator == ' ') {
    parse.problem = "segment terminator after ISA16 is " + Quote(terminator) +
                    ", which cannot be a delimiter (is the ISA header the wrong length?)";
    parse.ta1_code = "004";
    return parse;
  }
  if (terminator == separator || terminator == component || component == separator) {
    parse.problem = "ISA delimiters are not distinct: element " + Quote(separator) + ", component " +
                    Quote(component) + ", segment " + Quote(terminator);
    parse.ta1_code = "004";
    return parse;
  }
  h.delimiters.element = separator;
  h.delimiters.component = component;
  h.delimiters.segment = terminator;
  size_t length = pos + 2;
  const int continuation = Utf8ContinuationCount(static_cast<unsigned char>(terminator));
  if (continuation > 0) {
    bool whole = pos + 2 + static_cast<size_t>(continuation) <= at.size();
    for (int i = 0; whole && i < continuation; ++i) whole = IsContinuation(static_cast<unsigned char>(at[pos + 2 + i]));
    if (whole) {
      h.delimiters.segment_suffix_length = static_cast<uint8_t>(continuation);
      std::memcpy(h.delimiters.segment_suffix, at.data() + pos + 2, static_cast<size_t>(continuation));
      length += static_cast<size_t>(continuation);
    }
  }
  const std::string_view isa11 = h.fields[11];
  if (isa11.size() == 1 && !IsAlphanumeric(static_cast<unsigned char>(isa11[0])) && isa11[0] != ' ' &&
      isa11[0] != separator && isa11[0] != component && isa11[0] != terminator) {
    h.delimiters.repetition = isa11[0];
  }
  h.length = length;
  parse.ok = true;
  return parse;
}

IsaParse ParseWrappedIsaHeader(std::string_view at, PaddedBuffer& unwrapped, size_t& raw_length) {
  // Twice the standard length leaves room for fields wider than the standard's, which the
  // envelope validator reports.
  std::string head;
  for (size_t i = 0; i < at.size() && head.size() < 2 * kStandardIsaLength; ++i) {
    if (!IsLineBreak(at[i])) head.push_back(at[i]);
  }
  unwrapped = PaddedBuffer::Copy(head);
  IsaParse parse = ParseIsaHeader(unwrapped.view());
  raw_length = 0;
  if (!parse.ok) return parse;
  for (size_t kept = 0; kept < parse.header.length; ++raw_length) {
    if (!IsLineBreak(at[raw_length])) ++kept;
  }
  return parse;
}

}  // namespace wharf::x12
