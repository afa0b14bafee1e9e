// Byte classes, a printable preview and a pair search, shared by the readers and format detection.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace wharf {

// Whitespace that may stand between interchanges and between segments.
inline bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

// A byte a file wrapped at a line length has inside its segments.
inline bool IsLineBreak(char c) { return c == '\r' || c == '\n'; }

// Filler that some systems append to files: NUL padding and the old DOS end-of-file mark.
inline bool IsFiller(char c) { return c == '\0' || c == '\x1A'; }

// The first 24 bytes as a person can read them in a message: printable ASCII as is, the rest as
// \xNN.
inline std::string PreviewBytes(std::string_view bytes) {
  std::string out;
  for (char c : bytes.substr(0, 24)) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7F) {
      out += c;
    } else {
      static constexpr char kHex[] = "0123456789ABCDEF";
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    }
  }
  return out;
}

// The first place at or after `from` where `first` is followed by `second`, or text.size().
// Headers ("ISA", "UNA"/"UNB") are looked for with it over whole files, 16 bytes at a time with
// SSE2 (glibc's memmem for a two-byte needle managed about 350 MB/s on data full of "UN").
size_t FindPair(std::string_view text, size_t from, char first, char second);

// The first place at or after `from` where firsts[i] is followed by seconds[i], for any i of the
// three (both are three bytes; name a pair twice to look for fewer), or text.size(): one pass for
// the envelope tags a cut inside an interchange must know of ("IE", "GS", "GE"), 16 bytes at a
// time with SSE2.
size_t FindAnyPair(std::string_view text, size_t from, std::string_view firsts, std::string_view seconds);

// The first "ISA" (with `x12`), "UNA" or "UNB" (with `edifact`) at or after `from`, the tags an
// interchange header begins with, or text.size(). All three letters are matched at once: a pair
// alone ("UN") is common data, a unit of measure in X12 and UNH/UNT in EDIFACT, and stopping at
// each made header searches several times slower.
// 32 bytes at a time with AVX2 where the processor has it, else 16 with SSE2.
size_t FindHeaderTag(std::string_view text, size_t from, bool x12, bool edifact);
// The same without the AVX2 loop, as on a processor without it (for tests of both).
size_t FindHeaderTagSse2(std::string_view text, size_t from, bool x12, bool edifact);

// The first of the bytes `a`, `b`, `c` or `d` at or after `from`, or text.size(), 16 bytes at a
// time (name a byte twice to look for fewer).
size_t FindAnyOf(std::string_view text, size_t from, char a, char b, char c, char d);

// The first CR or LF at or after `from`, or text.size().
inline size_t FindLineBreak(std::string_view text, size_t from) { return FindAnyOf(text, from, '\r', '\n', '\r', '\n'); }

// How many times `byte` occurs in `text` (line feeds in a piece of input), 16 bytes at a time.
size_t CountByte(std::string_view text, char byte);
// How many bytes of `text` are `a` or `b` (CR and LF), in one pass for both.
size_t CountAnyOf(std::string_view text, char a, char b);

// Moves a 1-based line and column from the start of `text` to just past its end: how a reader
// going piece by piece knows where each piece starts.
inline void AdvanceLineAndColumn(std::string_view text, uint64_t& line, uint64_t& column) {
  const size_t newlines = CountByte(text, '\n');
  line += newlines;
  column = newlines == 0 ? column + text.size() : text.size() - text.rfind('\n');
}

}  // namespace wharf
