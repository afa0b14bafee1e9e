// X12 to JSON: the documented shape, exact output for a known interchange, and escaping.
#include "translate/x12_json.h"

#include <gtest/gtest.h>

#include "core/padded_buffer.h"
#include "support/json_check.h"
#include "support/test_files.h"

namespace wharf {
namespace {

using testing::JsonValue;
using testing::ParseJson;

// One JSON line per interchange of a file, through the real reader.
std::vector<std::string> TranslateFile(const std::string& path, const std::string& name) {
  const PaddedBuffer bytes = PaddedBuffer::Copy(testing::ReadBytes(testing::SourcePath(path)));
  x12::InterchangeReader reader(bytes.view());
  x12::Interchange interchange;
  std::vector<std::string> lines;
  while (reader.Next(interchange)) {
    OutputBuffer json;
    AppendInterchangeJson(interchange, name, json);
    lines.emplace_back(json.view());
  }
  return lines;
}

std::vector<std::string> TranslateLines(const std::string& fixture) {
  return TranslateFile("tests/x12/fixtures/" + fixture, fixture);
}

TEST(X12Json, ExactDocumentForAKnownInterchange) {
  const auto lines = TranslateLines("valid_850.edi");
  ASSERT_EQ(lines.size(), 1u);
  std::string expected = testing::ReadBytes(testing::SourcePath("tests/translate/golden/valid_850.json"));
  if (!expected.empty() && expected.back() == '\n') expected.pop_back();
  EXPECT_EQ(lines[0], expected);
}

TEST(X12Json, EnvelopeFieldsAndNesting) {
  const JsonValue doc = ParseJson(TranslateLines("valid_850.edi")[0]);
  EXPECT_EQ(doc["standard"].text, "X12");
  EXPECT_EQ(doc["control_number"].text, "000000101");
  EXPECT_EQ(doc["sender"]["id"].text, "SENDER");
  EXPECT_EQ(doc["receiver"]["qualifier"].text, "ZZ");
  EXPECT_EQ(doc["ISA"][6].text, "SENDER         ");
  EXPECT_EQ(doc["delimiters"]["repetition"].text, "^");
  const JsonValue& set = doc["groups"][0]["transaction_sets"][0];
  EXPECT_EQ(set["id"].text, "850");
  EXPECT_EQ(set["segments"].items.size(), 5u);
  EXPECT_EQ(set["segments"][0][0].text, "ST");
  EXPECT_EQ(set["segments"][4][0].text, "SE");
  EXPECT_EQ(doc["groups"][0]["GE"][1].text, "1");
  EXPECT_EQ(doc["IEA"][2].text, "000000101");
  EXPECT_EQ(doc["source"]["length"].text, std::to_string(testing::ReadBytes(testing::SourcePath("tests/x12/fixtures/valid_850.edi")).size() - 1));
}

TEST(X12Json, CompositesAndRepetitionsNestDifferently) {
  const JsonValue doc = ParseJson(TranslateLines("repetitions_and_composites.edi")[0]);
  const JsonValue& segments = doc["groups"][0]["transaction_sets"][0]["segments"];
  const JsonValue& ref = segments[2];  // REF*ZZ*A^B^C:D
  ASSERT_EQ(ref[0].text, "REF");
  ASSERT_EQ(ref[2].kind, JsonValue::Kind::kArray);
  ASSERT_EQ(ref[2].items.size(), 3u);
  EXPECT_EQ(ref[2][0].items.size(), 1u);
  EXPECT_EQ(ref[2][0][0].text, "A");
  EXPECT_EQ(ref[2][2][0].text, "C");
  EXPECT_EQ(ref[2][2][1].text, "D");
  const JsonValue& po1 = segments[3];  // PO1*1*10*EA*9.99**BP:X*ITEM-1
  EXPECT_EQ(po1[5].text, "");
  ASSERT_EQ(po1[6].kind, JsonValue::Kind::kArray);
  EXPECT_EQ(po1[6][0].text, "BP");
  EXPECT_EQ(po1[6][1].text, "X");
  EXPECT_EQ(po1[7].text, "ITEM-1");
}

TEST(X12Json, NonAsciiAndControlBytesSurviveAsValidJson) {
  const std::string line = TranslateLines("non_ascii_data.edi")[0];
  for (char c : line) ASSERT_LT(static_cast<unsigned char>(c), 0x80);
  const JsonValue doc = ParseJson(line);
  const JsonValue& segments = doc["groups"][0]["transaction_sets"][0]["segments"];
  EXPECT_EQ(segments[1][2].text, "M\xC3\xBCller \"B\xC3\xA4" "ckerei\" \\ \xE6\x9D\xB1\xE4\xBA\xAC \xF0\x9F\x98\x80");
  EXPECT_EQ(segments[2][2].text, "Caf\xC3\xA9 latin-1\x01\x7F");
}

TEST(X12Json, OneDocumentPerInterchange) {
  const auto lines = TranslateLines("valid_two_interchanges_crlf.edi");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(ParseJson(lines[1])["control_number"].text, "000000102");
  EXPECT_EQ(ParseJson(lines[1])["source"]["interchange"].text, "2");
}

TEST(X12Json, BinaryDataIsOneStringElement) {
  const JsonValue doc = ParseJson(TranslateFile("tests/corpus/staedi/x12/simple_with_binary_segment.edi", "bin")[0]);
  const JsonValue& segments = doc["groups"][0]["transaction_sets"][0]["segments"];
  EXPECT_EQ(segments[2][2].text, "12345678901234567890\n1234");
  EXPECT_EQ(segments[3][2].text, "1234567890\n1234567890\n12\n");
}

TEST(X12Json, ServiceSegmentsAppearWhenPresent) {
  const JsonValue doc = ParseJson(TranslateFile("tests/corpus/staedi/x12/optionalInterchangeServices.edi", "isb")[0]);
  ASSERT_TRUE(doc.has("service_segments"));
  EXPECT_EQ(doc["service_segments"][0][0].text, "ISB");
  EXPECT_EQ(doc["service_segments"][1][0].text, "ISE");
}

}  // namespace
}  // namespace wharf
