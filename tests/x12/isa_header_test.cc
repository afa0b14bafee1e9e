// ISA header parsing: delimiters from the header, fields by separator, and what cannot be read.
#include "x12/isa_header.h"

#include <gtest/gtest.h>

#include "core/padded_buffer.h"

namespace wharf::x12 {
namespace {

constexpr const char* kIsa00501 =
    "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *261129*1200*^*00501*000000101*0*P*:~GS";

IsaParse Parse(const std::string& text) {
  static PaddedBuffer keep;  // the views in the result point into it
  keep = PaddedBuffer::Copy(text);
  return ParseIsaHeader(keep.view());
}

TEST(IsaHeader, ReadsTheDelimitersOfA00501Header) {
  const IsaParse parse = Parse(kIsa00501);
  ASSERT_TRUE(parse.ok) << parse.problem;
  const Delimiters& d = parse.header.delimiters;
  EXPECT_EQ(d.element, '*');
  EXPECT_EQ(d.component, ':');
  EXPECT_EQ(d.segment, '~');
  ASSERT_TRUE(d.repetition.has_value());
  EXPECT_EQ(*d.repetition, '^');
  EXPECT_EQ(parse.header.length, kStandardIsaLength);
  EXPECT_EQ(parse.header.fields[6], "SENDER         ");
  EXPECT_EQ(parse.header.fields[13], "000000101");
  EXPECT_EQ(parse.header.field_offsets[13], 90u);
  EXPECT_FALSE(parse.header.has_line_break);
}

TEST(IsaHeader, AlphanumericIsa11IsNotARepetitionSeparator) {
  std::string text = kIsa00501;
  text.replace(82, 1, "U");
  const IsaParse parse = Parse(text);
  ASSERT_TRUE(parse.ok);
  EXPECT_FALSE(parse.header.delimiters.repetition.has_value());
}

TEST(IsaHeader, FieldsOfTheWrongWidthAreStillFoundBySeparator) {
  const IsaParse parse =
      Parse("ISA|00|          |00|          |ZZ|SHORT|ZZ|RECEIVER       |261129|1200|U|00401|000000101|0|T|>\n");
  ASSERT_TRUE(parse.ok) << parse.problem;
  EXPECT_EQ(parse.header.fields[6], "SHORT");
  EXPECT_EQ(parse.header.delimiters.element, '|');
  EXPECT_EQ(parse.header.delimiters.component, '>');
  EXPECT_EQ(parse.header.delimiters.segment, '\n');
  EXPECT_EQ(parse.header.length, kStandardIsaLength - 10);
}

TEST(IsaHeader, MultiByteTerminatorIsKeptWhole) {
  std::string text = kIsa00501;
  text.replace(105, 1, "\xE2\x80\xA6");
  const IsaParse parse = Parse(text);
  ASSERT_TRUE(parse.ok);
  EXPECT_EQ(parse.header.delimiters.segment, '\xE2');
  EXPECT_EQ(parse.header.delimiters.segment_suffix_view(), "\x80\xA6");
  EXPECT_EQ(parse.header.length, kStandardIsaLength + 2);
}

TEST(IsaHeader, LineBreakInsideAFieldMarksAWrappedHeader) {
  std::string text = kIsa00501;
  text.insert(80, "\n");
  EXPECT_TRUE(Parse(text).header.has_line_break);
}

TEST(IsaHeader, LineBreakRightAfterIsa16BeforeADelimiterIsAWrap) {
  std::string text = kIsa00501;
  text.insert(105, "\r\n");  // "...*:\r\n~GS": the '~' after the break is the real terminator
  const IsaParse parse = Parse(text);
  ASSERT_TRUE(parse.ok);
  EXPECT_TRUE(parse.header.has_line_break);
}

TEST(IsaHeader, TruncatedHeaderNamesTheFieldItEndsIn) {
  const IsaParse parse = Parse("ISA*00*          *00*          *ZZ*SEND");
  EXPECT_FALSE(parse.ok);
  EXPECT_STREQ(parse.ta1_code, "023");
  EXPECT_EQ(parse.problem, "the input ends inside ISA06 (6 of 16 element separators '*' found)");
}

TEST(IsaHeader, AlphanumericTerminatorIsRejected) {
  std::string text = kIsa00501;
  text.replace(105, 1, "G");
  const IsaParse parse = Parse(text);
  EXPECT_FALSE(parse.ok);
  EXPECT_STREQ(parse.ta1_code, "004");
}

TEST(IsaHeader, DelimitersMustDiffer) {
  std::string text = kIsa00501;
  text.replace(104, 1, "*");
  EXPECT_FALSE(Parse(text).ok);
}

TEST(IsaHeader, LooksLikeIsaNeedsANonAlphanumericFourthByte) {
  EXPECT_TRUE(LooksLikeIsa("ISA*"));
  EXPECT_TRUE(LooksLikeIsa("ISA\x1d"));
  EXPECT_FALSE(LooksLikeIsa("ISAB"));
  EXPECT_FALSE(LooksLikeIsa("ISA"));
  EXPECT_FALSE(LooksLikeIsa("GS*"));
}

}  // namespace
}  // namespace wharf::x12
