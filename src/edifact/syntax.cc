// UNA, default delimiters, syntax identifiers and character repertoires.
#include "edifact/syntax.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <cstring>
#include <optional>

namespace wharf::edifact {
namespace {

bool IsAlphanumeric(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

std::string Describe(char c) { return DescribeDelimiter(c); }

// A UTF-8 sequence starting at `p` (before `end`): its length, or 0 when it is not well formed
// (overlong forms, surrogates and code points past U+10FFFF included).
size_t Utf8SequenceLength(const unsigned char* p, const unsigned char* end) {
  const unsigned char lead = p[0];
  size_t length = 0;
  uint32_t min = 0;
  uint32_t code = 0;
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, min = 0x80, code = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, min = 0x800, code = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, min = 0x10000, code = lead & 0x07;
  } else {
    return 0;
  }
  if (static_cast<size_t>(end - p) < length) return 0;
  for (size_t i = 1; i < length; ++i) {
    if ((p[i] & 0xC0) != 0x80) return 0;
    code = (code << 6) | (p[i] & 0x3F);
  }
  if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  return length;
}

}  // namespace

bool LooksLikeEdifact(std::string_view at) {
  if (at.size() < 4 || at[0] != 'U' || at[1] != 'N') return false;
  if (at[2] == 'A') return true;  // UNA's first service character may be anything
  return at[2] == 'B' && !IsAlphanumeric(at[3]);
}

ServiceStringParse ParseServiceString(std::string_view at) {
  ServiceStringParse parse;
  if (at.size() < kUnaLength) {
    parse.problem = "UNA has " + std::to_string(at.size() > 3 ? at.size() - 3 : 0) +
                    " service characters; it needs six (component, element, decimal mark, release, repetition, "
                    "terminator)";
    return parse;
  }
  // "UNA:+.?'" and a line break: five service characters, the terminator missed out. Read
  // literally the line break would terminate segments and every value end in a stray "'"; the
  // UNB line ending in UNA's fifth character gives it away.
  if ((at[8] == '\n' || at[8] == '\r') && at[7] != ' ') {
    size_t unb = kUnaLength;
    while (unb < at.size() && (at[unb] == '\r' || at[unb] == '\n' || at[unb] == ' ')) ++unb;
    const size_t line_end = at.find_first_of("\r\n", unb);
    if (at.substr(unb, 3) == "UNB" && line_end != std::string_view::npos && line_end > unb &&
        at[line_end - 1] == at[7]) {
      parse.problem = "UNA has 5 service characters before a line break; it needs six (component, element, "
                      "decimal mark, release, repetition, terminator)";
      return parse;
    }
  }
  ServiceString& s = parse.service;
  s.from_una = true;
  Delimiters& d = s.delimiters;
  d.component = at[3];
  d.element = at[4];
  s.decimal_mark = at[5];
  const char release = at[6];
  const char repetition = at[7];
  d.segment = at[8];
  // A space in the release position means no release character (syntax 4); in the repetition
  // position it is the "reserved" of syntax 3.
  if (release != ' ') d.release = release;
  if (repetition != ' ') d.repetition = repetition;
  const char roles[] = {d.component, d.element, d.segment};
  for (size_t i = 0; i < 3; ++i) {
    for (size_t j = i + 1; j < 3; ++j) {
      if (roles[i] == roles[j]) {
        parse.problem = "UNA uses " + Describe(roles[i]) + " for two service characters";
        return parse;
      }
    }
    if (IsAlphanumeric(roles[i])) {
      parse.problem = "UNA service character " + Describe(roles[i]) + " is a letter or digit";
      return parse;
    }
    if ((d.release && roles[i] == *d.release) || (d.repetition && roles[i] == *d.repetition)) {
      parse.problem = "UNA uses " + Describe(roles[i]) + " for two service characters";
      return parse;
    }
  }
  for (const std::optional<char>& optional_role : {d.release, d.repetition}) {
    if (optional_role && IsAlphanumeric(*optional_role)) {
      parse.problem = "UNA service character " + Describe(*optional_role) + " is a letter or digit";
      return parse;
    }
  }
  if (d.release && *d.release == s.decimal_mark) {
    parse.problem = "UNA uses " + Describe(*d.release) + " as both decimal mark and release character";
    return parse;
  }
  if (d.release && d.repetition && *d.release == *d.repetition) {
    parse.problem = "UNA uses " + Describe(*d.release) + " as both release and repetition character";
    return parse;
  }
  if (s.decimal_mark != '.' && s.decimal_mark != ',') {
    parse.problem = "UNA decimal mark " + Describe(s.decimal_mark) + " is neither '.' nor ','";
    return parse;
  }
  parse.ok = true;
  return parse;
}

ServiceString DefaultServiceString(std::string_view unb) {
  ServiceString s;
  Delimiters& d = s.delimiters;
  if (unb.size() > 3 && unb[3] == '\x1D') {  // level B: information separators, no release
    d.segment = '\x1C';
    d.element = '\x1D';
    d.component = '\x1F';
    d.repetition = '\x1E';
    return s;
  }
  d.segment = '\'';
  d.element = '+';
  d.component = ':';
  d.release = '?';
  // Syntax 4's repetition separator; UNB S001 0002 says which version (UNB+UNOC:4+...).
  const size_t version_at = 3 + 1 + 4 + 1;
  if (unb.size() > version_at && unb[version_at - 1] == ':' && unb[version_at] >= '4' && unb[version_at] <= '9') {
    d.repetition = '*';
  }
  return s;
}

SyntaxIdentifier ParseSyntaxIdentifier(std::string_view id) {
  SyntaxIdentifier syntax;
  syntax.id = id;
  // IATA's own identifier (PNRGOV, PAXLST from airlines): the level B repertoire.
  if (id == "IATA") syntax.repertoire = Repertoire::kLevelB;
  if (id.size() != 4 || id.substr(0, 3) != "UNO") return syntax;
  const char level = id[3];
  if (level == 'A') syntax.repertoire = Repertoire::kLevelA;
  if (level == 'B') syntax.repertoire = Repertoire::kLevelB;
  if (level >= 'C' && level <= 'L') syntax.repertoire = Repertoire::kIso8859;
  if (level == 'W' || level == 'Y') syntax.repertoire = Repertoire::kUtf8;
  if (level == 'X') syntax.repertoire = Repertoire::kUnchecked;
  return syntax;
}

RepertoireCheck::RepertoireCheck(Repertoire repertoire, const Delimiters& delimiters) : repertoire_(repertoire) {
  auto allow_range = [&](int from, int to) {
    for (int c = from; c <= to; ++c) allowed_[c] = true;
  };
  auto allow = [&](const char* chars) {
    for (; *chars != '\0'; ++chars) allowed_[static_cast<unsigned char>(*chars)] = true;
  };
  switch (repertoire) {
    case Repertoire::kLevelA:
      allow_range('A', 'Z');
      allow_range('0', '9');
      allow(" .,-()/='+:?!\"%&*;<>");
      break;
    case Repertoire::kLevelB:
      allow_range('A', 'Z');
      allow_range('a', 'z');
      allow_range('0', '9');
      allow(" .,-()/='+:?!\"%&*;<>");
      break;
    case Repertoire::kIso8859:
      allow_range(0x20, 0x7E);
      allow_range(0xA0, 0xFF);
      break;
    case Repertoire::kUtf8:
      allow_range(0x20, 0x7E);  // ASCII here; multi-byte sequences are checked one by one
      break;
    case Repertoire::kUnknown:
    case Repertoire::kUnchecked:
      allow_range(0, 255);
      break;
  }
  for (char c : {delimiters.element, delimiters.component, delimiters.segment}) allowed_[static_cast<unsigned char>(c)] = true;
  if (delimiters.repetition) allowed_[static_cast<unsigned char>(*delimiters.repetition)] = true;
  if (delimiters.release) allowed_[static_cast<unsigned char>(*delimiters.release)] = true;
  switch (repertoire) {
    case Repertoire::kLevelA:  // up to 'Z', but not # $ @
      screened_ = true;
      screen_high_ = 'Z';
      screen_singles_[0] = '#', screen_singles_[1] = '$', screen_singles_[2] = '@';
      break;
    case Repertoire::kLevelB:  // up to 'z', but not # $ @ nor [ \ ] ^ _ `
      screened_ = true;
      screen_high_ = 'z';
      screen_gap_low_ = '[', screen_gap_high_ = '`';
      screen_singles_[0] = '#', screen_singles_[1] = '$', screen_singles_[2] = '@';
      break;
    case Repertoire::kIso8859:  // all but DEL and the C1 controls
      screened_ = true;
      screen_high_ = 0xFF;
      screen_gap_low_ = 0x7F, screen_gap_high_ = 0x9F;
      break;
    case Repertoire::kUtf8:  // printable ASCII; multi-byte sequences take the exact check
      screened_ = true;
      screen_high_ = 0x7E;
      break;
    case Repertoire::kUnknown:
    case Repertoire::kUnchecked:
      break;
  }
}

size_t RepertoireCheck::FindInvalidScalar(const unsigned char* begin, const unsigned char* at,
                                          const unsigned char* end, bool allow_line_breaks) const {
  while (at < end) {
    if (Allowed(at, allow_line_breaks)) {
      ++at;
      continue;
    }
    if (repertoire_ == Repertoire::kUtf8 && *at >= 0x80) {
      const size_t length = Utf8SequenceLength(at, end);
      if (length != 0) {
        at += length;
        continue;
      }
    }
    return static_cast<size_t>(at - begin);
  }
  return std::string_view::npos;
}

size_t RepertoireCheck::FindInvalid(std::string_view bytes, bool allow_line_breaks) const {
  const auto* const begin = reinterpret_cast<const unsigned char*>(bytes.data());
  const auto* const end = begin + bytes.size();
  if (repertoire_ == Repertoire::kUnknown || repertoire_ == Repertoire::kUnchecked) return std::string_view::npos;
#if defined(__SSE2__)
  if (screened_) {
    // Unsigned compares through signed ones: flip the top bit of both sides.
    const __m128i flip = _mm_set1_epi8(static_cast<char>(0x80));
    const __m128i low = _mm_set1_epi8(static_cast<char>(0x20 ^ 0x80));
    const __m128i high = _mm_set1_epi8(static_cast<char>(screen_high_ ^ 0x80));
    const __m128i gap_low = _mm_set1_epi8(static_cast<char>((screen_gap_low_ - 1) ^ 0x80));
    const __m128i gap_high = _mm_set1_epi8(static_cast<char>((screen_gap_high_ + 1) ^ 0x80));
    const __m128i single0 = _mm_set1_epi8(static_cast<char>(screen_singles_[0]));
    const __m128i single1 = _mm_set1_epi8(static_cast<char>(screen_singles_[1]));
    const __m128i single2 = _mm_set1_epi8(static_cast<char>(screen_singles_[2]));
    const bool has_gap = screen_gap_low_ <= screen_gap_high_;
    for (const unsigned char* at = begin; at < end;) {
      const __m128i raw = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
      const __m128i x = _mm_xor_si128(raw, flip);
      __m128i candidates = _mm_or_si128(_mm_cmplt_epi8(x, low), _mm_cmpgt_epi8(x, high));
      if (has_gap) candidates = _mm_or_si128(candidates, _mm_and_si128(_mm_cmpgt_epi8(x, gap_low), _mm_cmplt_epi8(x, gap_high)));
      candidates = _mm_or_si128(candidates, _mm_or_si128(_mm_cmpeq_epi8(raw, single0),
                                                         _mm_or_si128(_mm_cmpeq_epi8(raw, single1), _mm_cmpeq_epi8(raw, single2))));
      const size_t left = static_cast<size_t>(end - at);
      uint32_t mask = static_cast<uint32_t>(_mm_movemask_epi8(candidates));
      if (left < 16) mask &= (uint32_t{1} << left) - 1;
      if (mask == 0) {
        at += 16;
        continue;
      }
      // Candidates: the exact check, bit by bit (most are separators or line breaks). After a
      // valid UTF-8 sequence, which may run past the block, the screen resumes right behind it.
      const unsigned char* next = at + 16;
      for (; mask != 0; mask &= mask - 1) {
        const unsigned char* const candidate = at + __builtin_ctz(mask);
        if (Allowed(candidate, allow_line_breaks)) continue;
        if (repertoire_ == Repertoire::kUtf8 && *candidate >= 0x80) {
          const size_t length = Utf8SequenceLength(candidate, end);
          if (length != 0) {
            next = candidate + length;
            break;
          }
        }
        return static_cast<size_t>(candidate - begin);
      }
      at = next;
    }
    return std::string_view::npos;
  }
#endif
  return FindInvalidScalar(begin, begin, end, allow_line_breaks);
}

}  // namespace wharf::edifact
