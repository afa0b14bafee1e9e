// JSON string escaping: valid, pure-ASCII output for any input bytes, and nothing lost.
#include "json/json_text.h"

#include <gtest/gtest.h>

#include "core/padded_buffer.h"
#include "support/json_check.h"

namespace wharf {
namespace {

std::string Json(std::string_view bytes) {
  OutputBuffer out;
  AppendJsonString(out, bytes);
  return std::string(out.view());
}

// The padded fast path must agree with the safe one.
std::string JsonFromPadded(std::string_view bytes) {
  const PaddedBuffer input = PaddedBuffer::Copy(bytes);
  std::string out(6 * bytes.size() + 18, '\0');
  char* end = WriteJsonStringFromPadded(out.data(), input.data(), input.size());
  out.resize(static_cast<size_t>(end - out.data()));
  return out;
}

TEST(JsonText, PlainTextIsCopied) { EXPECT_EQ(Json("PO-1001 ITEM/A"), "\"PO-1001 ITEM/A\""); }

TEST(JsonText, QuotesBackslashesAndControlCharacters) {
  EXPECT_EQ(Json("a\"b\\c"), R"("a\"b\\c")");
  EXPECT_EQ(Json("\n\r\t\b\f"), R"("\n\r\t\b\f")");
  EXPECT_EQ(Json(std::string("\x00\x01\x1f", 3)), R"("\u0000\u0001\u001f")");
}

TEST(JsonText, Utf8BecomesUnicodeEscapes) {
  EXPECT_EQ(Json("M\xC3\xBCller"), R"("M\u00fcller")");
  EXPECT_EQ(Json("\xE6\x9D\xB1"), R"("\u6771")");
  EXPECT_EQ(Json("\xF0\x9F\x98\x80"), R"("\ud83d\ude00")");
}

TEST(JsonText, BytesThatAreNotUtf8AreReadAsLatin1) {
  EXPECT_EQ(Json("Caf\xE9"), R"("Caf\u00e9")");
  EXPECT_EQ(Json("\xC3"), R"("\u00c3")");              // truncated sequence
  EXPECT_EQ(Json("\xC0\x80"), R"("\u00c0\u0080")");    // overlong encoding
  EXPECT_EQ(Json("\xED\xA0\x80"), R"("\u00ed\u00a0\u0080")");  // a surrogate is not a character
}

TEST(JsonText, SpecialBytesAtEveryPositionOfLongStrings) {
  // Exercise the 16-byte SIMD path with the special byte at each offset.
  for (size_t at = 0; at < 40; ++at) {
    std::string bytes(40, 'x');
    bytes[at] = '"';
    const std::string json = Json(bytes);
    EXPECT_EQ(testing::ParseJson(json).text, bytes) << at;
    bytes[at] = '\xE9';
    EXPECT_EQ(Json(bytes).size(), 40 + 2 + 5u) << at;
  }
}

TEST(JsonText, EveryByteValueRoundTripsThroughAJsonParser) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);
  const std::string json = Json(bytes);
  for (char c : json) EXPECT_LT(static_cast<unsigned char>(c), 0x80);
  const std::string decoded = testing::ParseJson(json).text;
  // Each byte >= 0x80 here is not valid UTF-8 on its own, so it comes back as the Latin-1
  // character of the same value, encoded in UTF-8.
  std::string expected;
  for (int i = 0; i < 256; ++i) {
    if (i < 0x80) {
      expected += static_cast<char>(i);
    } else {
      expected += static_cast<char>(0xC0 | (i >> 6));
      expected += static_cast<char>(0x80 | (i & 0x3F));
    }
  }
  EXPECT_EQ(decoded, expected);
}

TEST(JsonText, PaddedFastPathMatchesTheSafePath) {
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  const std::string samples[] = {"", "A", "exactly sixteen!", "seventeen bytes!!", "M\xC3\xBCller \"B\xC3\xA4" "cker\"",
                                 "\xF0\x9F\x98\x80 smile", std::string(100, 'x') + "\\" + std::string(30, 'y'), all};
  for (const std::string& sample : samples) EXPECT_EQ(JsonFromPadded(sample), Json(sample)) << sample;
}

TEST(JsonWriter, PlacesCommasAndNesting) {
  OutputBuffer buffer;
  JsonWriter json(buffer);
  json.BeginObject();
  json.Key("a");
  json.Number(1);
  json.Key("b");
  json.BeginArray();
  json.String("x");
  json.Null();
  json.Bool(true);
  json.RawValue();
  buffer += "[]";
  json.EndArray();
  json.Key("c");
  json.BeginObject();
  json.EndObject();
  json.EndObject();
  EXPECT_EQ(buffer.view(), R"({"a":1,"b":["x",null,true,[]],"c":{}})");
}

}  // namespace
}  // namespace wharf
