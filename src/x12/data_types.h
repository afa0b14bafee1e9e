// X12 simple data types: checks on dates, times, numbers and identifiers shared by the envelope
// validator and the grammar validator.
#pragma once

#include <cstdint>
#include <string_view>

namespace wharf::x12 {

bool IsDigits(std::string_view text);  // non-empty, 0-9 only
bool IsUpperAlphanumeric(std::string_view text);
// YYMMDD (ISA09) or CCYYMMDD (GS04, DT 8/8).
bool IsValidDate(std::string_view text);
// HHMM, HHMMSS, HHMMSSD or HHMMSSDD (TM 4/8).
bool IsValidTime(std::string_view text);
// Segment IDs are 2 or 3 upper-case letters and digits, starting with a letter.
bool IsValidSegmentTag(std::string_view tag);

// A segment ID of up to three bytes packed into one integer, so that dispatch on envelope
// segments is a switch rather than a chain of string compares; 0 for longer IDs.
constexpr uint32_t SegmentTagCode(std::string_view tag) {
  if (tag.empty() || tag.size() > 3) return 0;
  uint32_t code = static_cast<uint32_t>(tag.size()) << 24;
  for (size_t i = 0; i < tag.size(); ++i) code |= static_cast<uint32_t>(static_cast<unsigned char>(tag[i])) << (16 - 8 * i);
  return code;
}
// Every byte printable (no control characters); the basic and extended character sets allow no
// CR, LF or other control bytes in data.
bool IsPrintable(std::string_view text);
std::string_view TrimRight(std::string_view text);  // drops trailing spaces (ISA pads with them)

}  // namespace wharf::x12
