// X12 simple data type checks.
#include "x12/data_types.h"

#include <cstdint>
#include <cstring>

namespace wharf::x12 {
namespace {

int TwoDigits(std::string_view text, size_t at) { return (text[at] - '0') * 10 + (text[at + 1] - '0'); }

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

}  // namespace

bool IsDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool IsUpperAlphanumeric(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) return false;
  }
  return true;
}

bool IsValidDate(std::string_view text) {
  if ((text.size() != 6 && text.size() != 8) || !IsDigits(text)) return false;
  const size_t m = text.size() - 4;
  // Six-digit years are read as 20YY: the only effect is on 29 February of 1900, which no
  // interchange date names.
  const int year = text.size() == 8 ? TwoDigits(text, 0) * 100 + TwoDigits(text, 2) : 2000 + TwoDigits(text, 0);
  const int month = TwoDigits(text, m);
  const int day = TwoDigits(text, m + 2);
  return month >= 1 && month <= 12 && day >= 1 && day <= DaysInMonth(year, month);
}

bool IsValidTime(std::string_view text) {
  if (text.size() < 4 || text.size() > 8 || text.size() == 5 || !IsDigits(text)) return false;
  if (TwoDigits(text, 0) > 23 || TwoDigits(text, 2) > 59) return false;
  return text.size() < 6 || TwoDigits(text, 4) <= 59;
}

bool IsValidSegmentTag(std::string_view tag) {
  if (tag.size() < 2 || tag.size() > 3) return false;
  auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  auto upper_or_digit = [&](char c) { return upper(c) || (c >= '0' && c <= '9'); };
  return upper(tag[0]) && upper_or_digit(tag[1]) && (tag.size() == 2 || upper_or_digit(tag[2]));
}

bool IsPrintable(std::string_view text) {
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F) return false;
  }
  return true;
}

namespace {

constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHighBits = 0x8080808080808080ULL;

uint64_t LoadWord(const char* p) {
  uint64_t word;
  std::memcpy(&word, p, sizeof word);
  return word;
}

// The high bit of exactly the bytes outside 0x20-0x7E. Only the low seven bits are added to, so
// no carry crosses a byte (a subtraction's borrow could mark the byte after a real one).
uint64_t OutsidePrintableAscii(uint64_t word) {
  const uint64_t low = word & (kOnes * 0x7F);
  const uint64_t at_least_space = low + kOnes * 0x60;  // high bit set: low >= 0x20
  const uint64_t is_del = low + kOnes;                 // high bit set: low == 0x7F
  return (~at_least_space | is_del | word) & kHighBits;
}

// The high bit of exactly the bytes equal to `byte`.
uint64_t BytesEqualTo(uint64_t word, char byte) {
  const uint64_t x = word ^ (kOnes * static_cast<unsigned char>(byte));
  return ~(((x & (kOnes * 0x7F)) + kOnes * 0x7F) | x) & kHighBits;
}

// Every byte printable ASCII or one of `allowed`. Inline, so that IsPrintableAscii's copy (none
// allowed, per segment on the validator's path) has no loop over them.
inline bool PrintableAsciiOr(std::string_view text, std::string_view allowed) {
  const char* p = text.data();
  const size_t size = text.size();
  if (size < 8) {
    for (size_t i = 0; i < size; ++i) {
      const auto byte = static_cast<unsigned char>(p[i]);
      if ((byte < 0x20 || byte > 0x7E) && allowed.find(p[i]) == std::string_view::npos) return false;
    }
    return true;
  }
  auto outside = [&](uint64_t word) {
    uint64_t bytes = OutsidePrintableAscii(word);
    for (size_t k = 0; k < allowed.size() && bytes != 0; ++k) bytes &= ~BytesEqualTo(word, allowed[k]);
    return bytes;
  };
  uint64_t found = outside(LoadWord(p + size - 8));  // the tail, overlapping
  for (size_t i = 0; i + 8 <= size && found == 0; i += 8) found |= outside(LoadWord(p + i));
  return found == 0;
}

}  // namespace

bool IsPrintableAscii(std::string_view text) { return PrintableAsciiOr(text, {}); }

bool IsPrintableAsciiBesides(std::string_view text, std::string_view allowed) { return PrintableAsciiOr(text, allowed); }

TextFacts ExamineText(std::string_view text) {
  size_t continuation_bytes = 0;
  bool control = false;
  auto examine_bytes = [&](const char* begin, const char* end) {
    for (const char* p = begin; p != end; ++p) {
      const auto byte = static_cast<unsigned char>(*p);
      continuation_bytes += (byte & 0xC0) == 0x80;
      control |= byte < 0x20 || byte == 0x7F;
    }
  };
  // Word at a time: a word of printable ASCII (the usual case) needs no per-byte look.
  const char* p = text.data();
  const char* const end = p + text.size();
  for (; end - p >= 8; p += 8) {
    if (OutsidePrintableAscii(LoadWord(p)) != 0) examine_bytes(p, p + 8);
  }
  examine_bytes(p, end);
  return {text.size() - continuation_bytes, control};
}

std::string_view TrimRight(std::string_view text) {
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

}  // namespace wharf::x12
