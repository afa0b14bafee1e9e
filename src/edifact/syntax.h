// UN/EDIFACT service characters and syntax identifiers (ISO 9735, syntax versions 1 to 4).
//
// Contract: ParseServiceString reads a UNA service string advice ("UNA" and six characters:
// component separator, element separator, decimal mark, release character, repetition separator
// (reserved, a space, before syntax 4) and segment terminator). Without UNA, DefaultDelimiters
// gives the standard's defaults, chosen by the byte after "UNB" (level A's '+', or level B's
// information separators). ParseSyntaxIdentifier names the character repertoire UNB's S001
// declares, and Repertoire tells which bytes it allows. Nothing here allocates per byte or
// throws; `at` arguments must be padded (they may be read a few bytes past a short input).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "tokenize/delimiters.h"

namespace wharf::edifact {

inline constexpr size_t kUnaLength = 9;  // "UNA" and six service characters

struct ServiceString {
  Delimiters delimiters;
  char decimal_mark = '.';
  bool from_una = false;  // false: the defaults, no UNA in the data
};

struct ServiceStringParse {
  bool ok = false;
  ServiceString service;
  std::string problem;  // why not ok, for a person
};

// True when `at` starts like an EDIFACT interchange: "UNA" and a service character, or "UNB" and a
// non-alphanumeric byte.
bool LooksLikeEdifact(std::string_view at);

// Reads the UNA at the start of `at`.
ServiceStringParse ParseServiceString(std::string_view at);

// The delimiters when there is no UNA; `unb` starts with "UNB". Level A's ('+' after UNB):
// ' : + . ? and, from syntax 4, '*' repeats; level B's (IS3 0x1D after UNB): IS4 0x1C ends a
// segment, IS3 0x1D separates elements, IS1 0x1F components, IS2 0x1E repetitions; no release
// character.
ServiceString DefaultServiceString(std::string_view unb);

// Character repertoires of the syntax identifiers (UNB S001 0001).
enum class Repertoire : uint8_t {
  kUnknown,
  kLevelA,     // UNOA: upper-case letters, digits, space and . , - ( ) / = ' + : ? ! " % & * ; < >
  kLevelB,     // UNOB: level A and lower-case letters
  kIso8859,    // UNOC-UNOL: an ISO 8859 part: printable ASCII and 0xA0-0xFF
  kUtf8,       // UNOW, UNOY (ISO 10646 as UTF-8)
  kUnchecked,  // UNOX (ISO 2022 code extension): escape sequences switch sets, not checked here
};

struct SyntaxIdentifier {
  std::string_view id;  // "UNOC"
  Repertoire repertoire = Repertoire::kUnknown;
};

SyntaxIdentifier ParseSyntaxIdentifier(std::string_view id);

// Finds the first byte of `bytes` outside the repertoire, or npos. Delimiters (which may be
// control characters at level B) and the release character are allowed. `bytes` must be
// readable 15 bytes past its end (a padded buffer): sixteen bytes are screened at a time.
class RepertoireCheck {
 public:
  RepertoireCheck(Repertoire repertoire, const Delimiters& delimiters);
  // `allow_line_breaks`: LF and CR/LF pass too (a run of whole segments with line breaks between).
  size_t FindInvalid(std::string_view bytes, bool allow_line_breaks = false) const;

 private:
  size_t FindInvalidScalar(const unsigned char* begin, const unsigned char* at, const unsigned char* end,
                           bool allow_line_breaks) const;
  // Between segments a line feed, or a CR right before one, passes (`at` points into a padded
  // buffer, so at[1] is readable); a lone CR does not, since only line feeds make the reader unwrap.
  bool Allowed(const unsigned char* at, bool allow_line_breaks) const {
    return allowed_[*at] || (allow_line_breaks && (*at == '\n' || (*at == '\r' && at[1] == '\n')));
  }

  Repertoire repertoire_;
  bool allowed_[256] = {};
  // The SIMD screen: a byte is a candidate for the exact check when it is below 0x20, above
  // `screen_high_`, inside [screen_gap_low_, screen_gap_high_] or one of `screen_singles_`; the
  // rest of printable ASCII is allowed by every repertoire that uses the screen.
  bool screened_ = false;
  uint8_t screen_high_ = 0x7E;
  uint8_t screen_gap_low_ = 1, screen_gap_high_ = 0;  // empty
  uint8_t screen_singles_[3] = {};                    // 0: none (NUL is below 0x20 anyway)
};

}  // namespace wharf::edifact
