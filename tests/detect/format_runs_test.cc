// Telling X12 from EDIFACT: runs in file order, however often the standards alternate, with
// "UN" and "ISA" inside data never mistaken for a header.
#include "detect/format_runs.h"

#include <gtest/gtest.h>

#include <string>

#include "core/padded_buffer.h"

namespace wharf {
namespace {

const std::string kX12 =
    "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *261129*1200*U*00401*000000001*0*P*>~"
    "GS*PO*SENDER*RECEIVER*20261129*1200*1*X*004010~ST*850*0001~BEG*00*SA*UNITED BUNDLE*ISA*20261129~"
    "N1*ST*UNB FREDERICTON CAMPUS*92*0042~N1*BT*UNB+UNOA*92*0043~SE*5*0001~"
    "GE*1*1~IEA*1*000000001~\n";
const std::string kEdifact =
    "UNA:+.? 'UNB+UNOC:3+SENDER+RECEIVER+261129:1200+REF'UNH+1+ORDERS:D:96A:UN'FTX+AAI+++RUN UNB+ISA'"
    "UNT+2+1'UNZ+1+REF'\n";

std::string Describe(const FormatSplit& split, std::string_view file) {
  std::string out;
  for (const FormatRun& run : split.runs) {
    out += run.format == Format::kX12 ? "X12" : "EDIFACT";
    out += "[" + std::to_string(run.begin) + "," + std::to_string(run.end) + ")";
    out += run.end == file.size() ? " " : "->" + std::string(file.substr(run.end, 3)) + " ";
  }
  return out;
}

TEST(FormatRuns, AlternatingStandardsGiveOneRunEach) {
  const std::string text = kX12 + kEdifact + kEdifact + kX12 + kEdifact + kX12 + kX12;
  const PaddedBuffer file = PaddedBuffer::Copy(text);
  const FormatSplit split = SplitByFormat(file.view());
  const size_t x = kX12.size(), e = kEdifact.size();
  const std::string expected = "X12[0," + std::to_string(x) + ")->UNA EDIFACT[" + std::to_string(x) + "," +
                               std::to_string(x + 2 * e) + ")->ISA X12[" + std::to_string(x + 2 * e) + "," +
                               std::to_string(2 * x + 2 * e) + ")->UNA EDIFACT[" + std::to_string(2 * x + 2 * e) +
                               "," + std::to_string(2 * x + 3 * e) + ")->ISA X12[" + std::to_string(2 * x + 3 * e) +
                               "," + std::to_string(text.size()) + ") ";
  EXPECT_EQ(Describe(split, file.view()), expected);
  EXPECT_TRUE(split.findings.empty());
}

TEST(FormatRuns, OnlyOneStandard) {
  for (const std::string& text : {kX12 + kX12, kEdifact + kEdifact}) {
    const PaddedBuffer file = PaddedBuffer::Copy(text);
    const FormatSplit split = SplitByFormat(file.view());
    ASSERT_EQ(split.runs.size(), 1u) << Describe(split, file.view());
    EXPECT_EQ(split.runs[0].format, text[0] == 'I' ? Format::kX12 : Format::kEdifact);
    EXPECT_EQ(split.runs[0].end, text.size());
  }
}

TEST(FormatRuns, UnbWithoutUnaAndBrokenLeadingUna) {
  const std::string plain = "junk\nUNB+UNOA:3+S+R+261129:1200+R1'UNZ+0+R1'";
  const PaddedBuffer file = PaddedBuffer::Copy(plain);
  const FormatSplit split = SplitByFormat(file.view());
  ASSERT_EQ(split.runs.size(), 1u);
  EXPECT_EQ(split.runs[0].format, Format::kEdifact);  // the junk belongs to the first run
  EXPECT_EQ(split.runs[0].begin, 0u);

  const PaddedBuffer truncated = PaddedBuffer::Copy("UNA:+.");  // no UNB: still EDIFACT
  const FormatSplit cut = SplitByFormat(truncated.view());
  ASSERT_EQ(cut.runs.size(), 1u);
  EXPECT_EQ(cut.runs[0].format, Format::kEdifact);
}

TEST(FormatRuns, EmptyAndByteOrderMark) {
  EXPECT_TRUE(SplitByFormat(" \n\t").runs.empty());
  EXPECT_EQ(SplitByFormat(" \n\t").findings.at(0).code, "EMPTY");
  const std::string with_bom = "\xEF\xBB\xBF" + kEdifact;
  const PaddedBuffer file = PaddedBuffer::Copy(with_bom);
  const FormatSplit split = SplitByFormat(file.view());
  EXPECT_EQ(split.findings.at(0).code, "BOM");
  ASSERT_EQ(split.runs.size(), 1u);
  EXPECT_EQ(split.runs[0].begin, 3u);
}

}  // namespace
}  // namespace wharf
