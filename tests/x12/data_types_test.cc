// The word-at-a-time text checks against a byte-at-a-time reference, for every length and
// every position of an odd byte around the 8-byte word boundaries.
#include "x12/data_types.h"

#include <gtest/gtest.h>

#include <string>

namespace wharf::x12 {
namespace {

bool ReferencePrintableAscii(std::string_view text) {
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte > 0x7E) return false;
  }
  return true;
}

TextFacts ReferenceFacts(std::string_view text) {
  TextFacts facts;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte & 0xC0) != 0x80) ++facts.characters;
    if (byte < 0x20 || byte == 0x7F) facts.has_control = true;
  }
  return facts;
}

TEST(DataTypes, TextChecksAgreeWithTheByteAtATimeReference) {
  // Bytes at the edges of each class: controls, space, tilde, DEL, UTF-8 lead and continuation.
  const unsigned char odd_bytes[] = {0x00, 0x01, 0x09, 0x1F, 0x20, 0x7E, 0x7F, 0x80, 0xBF, 0xC3, 0xFF};
  for (size_t length = 0; length <= 26; ++length) {
    const std::string plain(length, 'x');
    EXPECT_TRUE(IsPrintableAscii(plain));
    EXPECT_EQ(ExamineText(plain).characters, length);
    EXPECT_FALSE(ExamineText(plain).has_control);
    for (size_t at = 0; at < length; ++at) {
      for (unsigned char odd : odd_bytes) {
        std::string text = plain;
        text[at] = static_cast<char>(odd);
        const TextFacts expected = ReferenceFacts(text);
        const TextFacts got = ExamineText(text);
        EXPECT_EQ(IsPrintableAscii(text), ReferencePrintableAscii(text)) << length << " " << at << " " << int(odd);
        EXPECT_EQ(got.characters, expected.characters) << length << " " << at << " " << int(odd);
        EXPECT_EQ(got.has_control, expected.has_control) << length << " " << at << " " << int(odd);
      }
    }
  }
}

// A segment whose separators are control characters is still plain text between them: the
// separators are allowed, anything else outside 0x20-0x7E (next to them too) is not.
TEST(DataTypes, PrintableBesidesSeparatorsIsExactForEveryByte) {
  const std::string allowed = "\x1d\x1f\x1e";
  const unsigned char odd_bytes[] = {0x00, 0x09, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x7E, 0x7F, 0x80, 0x9D, 0xFF};
  for (size_t length = 0; length <= 26; ++length) {
    std::string plain(length, 'x');
    for (size_t i = 2; i < length; i += 5) plain[i] = allowed[i % 3];  // separators throughout
    EXPECT_TRUE(IsPrintableAsciiBesides(plain, allowed)) << length;
    EXPECT_EQ(IsPrintableAscii(plain), length <= 2) << length;
    for (size_t at = 0; at < length; ++at) {
      for (unsigned char odd : odd_bytes) {
        std::string text = plain;
        text[at] = static_cast<char>(odd);
        bool expected = true;
        for (char c : text) {
          const auto byte = static_cast<unsigned char>(c);
          if ((byte < 0x20 || byte > 0x7E) && allowed.find(c) == std::string::npos) expected = false;
        }
        EXPECT_EQ(IsPrintableAsciiBesides(text, allowed), expected) << length << " " << at << " " << int(odd);
      }
    }
  }
  EXPECT_FALSE(IsPrintableAsciiBesides("plain text and a tab\there", ""));
}

TEST(DataTypes, ExamineTextCountsUtf8Characters) {
  EXPECT_EQ(ExamineText("caf\xC3\xA9").characters, 4u);             // é is two bytes
  EXPECT_EQ(ExamineText("\xE2\x82\xAC 10").characters, 4u);         // € is three
  EXPECT_EQ(ExamineText("\xF0\x9F\x93\xA6 box and more").characters, 14u);  // 📦 is four
  EXPECT_TRUE(ExamineText("tab\there").has_control);
  EXPECT_FALSE(ExamineText("caf\xC3\xA9").has_control);
  EXPECT_FALSE(IsPrintableAscii("caf\xC3\xA9"));
}

TEST(DataTypes, DatesAndTimes) {
  EXPECT_TRUE(IsValidDate("20240229"));
  EXPECT_FALSE(IsValidDate("20230229"));
  EXPECT_TRUE(IsValidDate("000229"));   // YYMMDD: 2000 was a leap year
  EXPECT_FALSE(IsValidDate("20261301"));
  EXPECT_TRUE(IsValidTime("2359"));
  EXPECT_TRUE(IsValidTime("23595999"));
  EXPECT_FALSE(IsValidTime("2460"));
  EXPECT_FALSE(IsValidTime("12345"));
}

}  // namespace
}  // namespace wharf::x12
