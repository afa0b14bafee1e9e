// Delimiters: the service characters of one interchange, learnt from its header.
//
// X12 takes them from ISA (element at byte 4, repetition ISA11 from 00402, component ISA16,
// segment terminator after ISA16); EDIFACT from UNA or the syntax defaults. The tokenizer is
// the same for both and only reads this struct.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace wharf {

struct Delimiters {
  char element = '*';
  char component = ':';
  char segment = '~';
  std::optional<char> repetition;  // X12 from version 00402, EDIFACT syntax 4
  std::optional<char> release;     // EDIFACT release character ('?'); X12 has none
  // A segment terminator written as a multi-byte UTF-8 character (seen: "…") is matched by its
  // first byte in `segment` and these continuation bytes after it.
  uint8_t segment_suffix_length = 0;
  char segment_suffix[3] = {};

  std::string_view segment_suffix_view() const { return {segment_suffix, segment_suffix_length}; }
};

// "'*'", "'\x1d'" or "U+2026": a delimiter as a person should read it in a message.
std::string DescribeDelimiter(char delimiter);

}  // namespace wharf
