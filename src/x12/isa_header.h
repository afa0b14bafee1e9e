// Reading the ISA interchange header: its sixteen fields and the delimiters they declare.
//
// Contract: ParseIsaHeader reads the header at the start of `at` (which begins with "ISA"). The
// element separator is the byte after "ISA"; the fields are found by that separator rather than
// by fixed columns, so a header whose fields have the wrong width is still read (the envelope
// validator then reports each width with its TA1 code). ISA16 is the component separator, the
// byte after it the segment terminator (a multi-byte UTF-8 terminator is kept whole), and ISA11
// is the repetition separator when it is not alphanumeric. It fails only when no delimiters can
// be trusted, with a reason for a person. `at` must be padded.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "core/padded_buffer.h"
#include "tokenize/delimiters.h"

namespace wharf::x12 {

inline constexpr size_t kIsaFieldCount = 16;
inline constexpr size_t kStandardIsaLength = 106;  // with a one-byte terminator
// Standard width of each ISA field, 1-based (index 0 unused).
inline constexpr std::array<int, kIsaFieldCount + 1> kIsaFieldWidth = {0, 2, 10, 2, 10, 2, 15, 2, 15,
                                                                       6, 4, 1, 5, 9, 1, 1, 1};

struct IsaHeader {
  Delimiters delimiters;
  std::array<std::string_view, kIsaFieldCount + 1> fields;  // fields[13] is ISA13
  std::array<size_t, kIsaFieldCount + 1> field_offsets{};  // from the start of "ISA"
  size_t length = 0;                                      // through the segment terminator
  bool has_line_break = false;                            // CR/LF inside: the file is wrapped
};

struct IsaParse {
  bool ok = false;
  IsaHeader header;
  std::string problem;  // why not ok
  const char* ta1_code = "";  // TA105 for the problem: 004, 026, 027 or 023
};

// True when `at` starts like an X12 header: "ISA" then a non-alphanumeric byte.
bool LooksLikeIsa(std::string_view at);

IsaParse ParseIsaHeader(std::string_view at);

// The same for a header with CR or LF bytes inside (a file wrapped at a fixed line length), read
// without them: the views of the result point into `unwrapped`, which holds the header's first
// bytes without line breaks, and `raw_length` is how many bytes of `at` the header spans, line
// breaks included (0 unless ok).
IsaParse ParseWrappedIsaHeader(std::string_view at, PaddedBuffer& unwrapped, size_t& raw_length);

}  // namespace wharf::x12
