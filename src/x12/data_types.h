// X12 simple data types: checks on dates, times, numbers and identifiers shared by the envelope
// validator and the grammar validator.
#pragma once

#include <cstddef>
#include <string_view>

#include "tokenize/segment_tag.h"

namespace wharf::x12 {

bool IsDigits(std::string_view text);  // non-empty, 0-9 only
bool IsUpperAlphanumeric(std::string_view text);
// YYMMDD (ISA09) or CCYYMMDD (GS04, DT 8/8).
bool IsValidDate(std::string_view text);
// HHMM, HHMMSS, HHMMSSD or HHMMSSDD (TM 4/8).
bool IsValidTime(std::string_view text);
// Segment IDs are 2 or 3 upper-case letters and digits, starting with a letter.
bool IsValidSegmentTag(std::string_view tag);
// Every byte printable (no control characters); the basic and extended character sets allow no
// CR, LF or other control bytes in data.
bool IsPrintable(std::string_view text);

// What an AN or ID value's checks need, in one pass: its length in characters (a UTF-8 sequence
// counts once, as X12 counts characters) and whether it holds a control character.
struct TextFacts {
  size_t characters = 0;
  bool has_control = false;
};
TextFacts ExamineText(std::string_view text);
// Printable ASCII only (0x20-0x7E): every value inside such a span is as long as its bytes and
// free of control characters, so a segment that passes needs no per-value ExamineText.
bool IsPrintableAscii(std::string_view text);
// The same, with the bytes of `allowed` counted as printable too: a segment's bytes, whose
// separators (which split it into values, and which some partners choose among the control
// characters, 0x1C-0x1F) are no part of any value.
bool IsPrintableAsciiBesides(std::string_view text, std::string_view allowed);
std::string_view TrimRight(std::string_view text);  // drops trailing spaces (ISA pads with them)

}  // namespace wharf::x12
