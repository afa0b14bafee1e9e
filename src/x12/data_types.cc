// X12 simple data type checks.
#include "x12/data_types.h"

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

std::string_view TrimRight(std::string_view text) {
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

}  // namespace wharf::x12
