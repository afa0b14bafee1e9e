// EDIFACT to JSON: the documented shape, release characters resolved, groups, repetitions.
#include "translate/edifact_json.h"

#include <gtest/gtest.h>

#include "core/padded_buffer.h"
#include "support/json_check.h"
#include "support/test_files.h"

namespace wharf {
namespace {

std::vector<std::string> Translate(const std::string& bytes) {
  const PaddedBuffer buffer = PaddedBuffer::Copy(bytes);
  edifact::InterchangeReader reader(buffer.view());
  edifact::Interchange interchange;
  std::vector<std::string> lines;
  while (reader.Next(interchange)) {
    OutputBuffer json;
    AppendInterchangeJson(interchange, "in.edi", json);
    lines.emplace_back(json.view());
  }
  return lines;
}

TEST(EdifactJson, ExactDocumentWithReleaseCharacters) {
  const auto lines = Translate(
      "UNA:+.? '"
      "UNB+UNOC:3+SENDER:14+RECEIVER+261129:1200+REF1'"
      "UNH+M1+ORDERS:D:96A:UN:EAN008'"
      "FTX+AAI+++A?+B?:C?'D??E'"
      "UNT+2+M1'"
      "UNZ+1+REF1'");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0],
            R"({"standard":"EDIFACT","source":{"file":"in.edi","offset":0,"length":130,"interchange":1},)"
            R"("delimiters":{"element":"+","component":":","repetition":null,"segment":"'","release":"?","decimal":"."},)"
            R"("UNA":"UNA:+.? '","UNB":["UNB",["UNOC","3"],["SENDER","14"],"RECEIVER",["261129","1200"],"REF1"],)"
            R"("syntax":{"identifier":"UNOC","version":3},"control_reference":"REF1",)"
            R"("sender":{"id":"SENDER","qualifier":"14"},"recipient":{"id":"RECEIVER","qualifier":""},)"
            R"("date":"261129","time":"1200","messages":[{"type":"ORDERS","version":"D","release":"96A",)"
            R"("agency":"UN","association":"EAN008","reference":"M1","segments":[)"
            R"(["UNH","M1",["ORDERS","D","96A","UN","EAN008"]],["FTX","AAI","","","A+B:C'D?E"],["UNT","2","M1"]]}],)"
            R"("UNZ":["UNZ","1","REF1"]})");
  EXPECT_EQ(testing::ParseJson(lines[0])["messages"][0]["segments"][1][4].text, "A+B:C'D?E");
}

TEST(EdifactJson, GroupsAndRepetitions) {
  const auto lines = Translate(
      "UNA:+.?*'"
      "UNB+UNOC:4+S+R+20261129:1200+REF1'"
      "UNG+ORDERS+AS+AR+20261129:1200+G1+UN+D:96A'"
      "UNH+M1+ORDERS:D:96A:UN'"
      "NAD+BY+++NAME A*NAME B'"
      "UNT+2+M1'"
      "UNE+1+G1'"
      "UNZ+1+REF1'");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NE(lines[0].find(R"("repetition":"*")"), std::string::npos) << lines[0];
  EXPECT_NE(lines[0].find(R"("groups":[{"UNG":["UNG","ORDERS","AS","AR",["20261129","1200"],"G1","UN",["D","96A"]],)"
                          R"("functional_id":"ORDERS","reference":"G1","messages":[)"),
            std::string::npos)
      << lines[0];
  EXPECT_NE(lines[0].find(R"(["NAD","BY","","",[["NAME A"],["NAME B"]]])"), std::string::npos) << lines[0];
  EXPECT_NE(lines[0].find(R"("UNE":["UNE","1","G1"])"), std::string::npos) << lines[0];
}

}  // namespace
}  // namespace wharf
