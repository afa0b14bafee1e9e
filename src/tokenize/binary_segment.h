// X12 binary segments: BIN (BIN01 the data's length, BIN02 the data) and BDS (BDS01 a filter,
// BDS02 the length, BDS03 the data). The data may hold any byte, delimiters included, so where
// it ends is read from the length, the one way the tokenizer (which skips the data) and the
// splitter (which must never cut inside it) both need.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace wharf {

struct BinarySegment {
  int length_element = 0;       // 1 for BIN, 2 for BDS; 0 when the segment is no binary one
  bool length_invalid = false;  // binary by its tag, but the length is missing or not a number
  // The element separators before the data: the one after the tag, then one after each element
  // up to the length (separators[0..length_element]).
  uint32_t separators[3] = {};
  size_t data_start = 0;
  size_t length = 0;
};

// The segment whose tag starts at `start`, read as a binary one where its tag says so.
BinarySegment ReadBinarySegment(std::string_view bytes, size_t start, char element);

// Where the data of `segment` ends: after `length` bytes when the terminator (and `suffix`)
// follows them; otherwise, the length being wrong, at the next terminator, or the end of `bytes`.
// `length_matches` says which.
size_t BinaryDataEnd(std::string_view bytes, const BinarySegment& segment, char terminator, std::string_view suffix,
                     bool* length_matches = nullptr);

}  // namespace wharf
