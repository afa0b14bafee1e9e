// Telling X12 from EDIFACT: runs in file order, however often the standards alternate, with
// "UN" and "ISA" inside data never mistaken for a header.
#include "detect/format_runs.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/bytes.h"
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

// The one-pass search for a header of either standard finds what two searches would, and says
// which: never the "UN" or "ISA" inside data.
TEST(FormatRuns, AnyHeaderIsTheEarlierOfBothStandards) {
  const std::string text = kX12 + kEdifact + kX12;
  Format format = Format::kEdifact;
  size_t at = FindAnyInterchangeHeader(text, 0, &format);
  EXPECT_EQ(at, 0u);
  EXPECT_EQ(format, Format::kX12);
  at = FindAnyInterchangeHeader(text, 1, &format);
  EXPECT_EQ(at, kX12.size());
  EXPECT_EQ(format, Format::kEdifact);
  for (size_t from = 0; from <= text.size(); from += 7) {
    EXPECT_EQ(FindAnyInterchangeHeader(text, from),
              std::min(FindInterchangeHeader(text, from, Format::kX12), FindInterchangeHeader(text, from, Format::kEdifact)))
        << from;
  }
}

std::vector<size_t> Starts(const std::vector<HeaderAt>& headers) {
  std::vector<size_t> starts;
  for (const HeaderAt& header : headers) starts.push_back(header.at);
  return starts;
}

// Headers in a range of a file are those of a search of the whole that start there, recognised
// from every byte after them: a UNA whose UNB stands more than a lookahead's worth of blank lines
// later is a header even when the range ends right after it.
TEST(FormatRuns, HeadersInARangeAreThoseOfTheWholeThatStartThere) {
  const std::string spaced_edifact = "UNA:+.? '" + std::string(600, '\n') + kEdifact.substr(9);
  const std::string text = kX12 + spaced_edifact + kX12 + kEdifact;
  const std::vector<HeaderAt> whole = FindHeaders(text);
  ASSERT_EQ(Starts(whole), (std::vector<size_t>{0, kX12.size(), kX12.size() + spaced_edifact.size(),
                                                2 * kX12.size() + spaced_edifact.size()}));
  for (size_t from = 0; from < text.size(); from += 37) {
    for (size_t to = from; to <= text.size() + 1; to += 53) {
      std::vector<size_t> expected;
      for (const HeaderAt& header : whole) {
        if (header.at >= from && header.at < to) expected.push_back(header.at);
      }
      EXPECT_EQ(Starts(FindHeaders(text, from, to)), expected) << from << " " << to;
    }
  }
  EXPECT_EQ(Starts(FindHeaders(text, 1, kX12.size() + 1)), std::vector<size_t>{kX12.size()});
  EXPECT_EQ(FindHeaders(text, 1, kX12.size() + 1)[0].format, Format::kEdifact);
}

TEST(Bytes, HeaderTagsAndByteCountsAgreeWithPlainLoops) {
  std::string text;
  // Tags, near misses and filler in a fixed pseudo-random order.
  const char* const pieces[] = {"ISA", "UNA", "UNB", "UNH", "IS", "UN", "A", "B", "x", "\n~", "\r\n"};
  uint32_t random = 12345;
  while (text.size() < 5000) {
    random = random * 1103515245u + 12345u;
    text += pieces[(random >> 16) % std::size(pieces)];
  }
  for (const bool x12 : {true, false}) {
    for (const bool edifact : {true, false}) {
      for (size_t from = 0; from < 300; ++from) {
        size_t expected = text.size();
        for (size_t at = from; at + 2 < text.size(); ++at) {
          const std::string_view tag = std::string_view(text).substr(at, 3);
          if ((x12 && tag == "ISA") || (edifact && (tag == "UNA" || tag == "UNB"))) {
            expected = at;
            break;
          }
        }
        EXPECT_EQ(FindHeaderTag(text, from, x12, edifact), expected) << from << x12 << edifact;
        EXPECT_EQ(FindHeaderTagSse2(text, from, x12, edifact), expected) << from << x12 << edifact;
      }
    }
  }
  // A tag after a long run of near misses, at every position of the wide loops' blocks, and the
  // last three bytes of the text.
  for (const char* tag : {"ISA", "UNB"}) {
    for (size_t at = 0; at + 3 <= 260; ++at) {
      std::string misses;
      while (misses.size() < 260) misses += "UNxISxUNHIS";
      misses.resize(260);
      misses.replace(at, 3, tag);
      const size_t expected = misses.find(tag);
      EXPECT_EQ(FindHeaderTag(misses, 0, true, true), expected) << tag << at;
      EXPECT_EQ(FindHeaderTagSse2(misses, 0, true, true), expected) << tag << at;
      EXPECT_EQ(FindHeaderTag(misses, 0, tag[0] == 'U', tag[0] == 'I'), misses.size()) << tag << at;
    }
  }
  // Pairs that are no header ("UN" of a unit, UNH) pass; a tag in the very last three bytes.
  EXPECT_EQ(FindHeaderTag("xxUNxxISxxUNHxUNBxxxx", 0, true, true), 14u);
  EXPECT_EQ(FindHeaderTag("xxUNBxxISAxxxxxxxxxx", 0, true, false), 7u);
  EXPECT_EQ(FindHeaderTag("xxxxxxxxxxxxxxxxxxxxxxISA", 3, true, true), 22u);
  EXPECT_EQ(FindHeaderTag("xxxxxxxxxxxxxxxxxxxxxxxIS", 0, true, true), 25u);
  for (size_t from = 0; from < 300; ++from) {
    EXPECT_EQ(FindLineBreak(text, from), std::min(text.size(), text.find_first_of("\r\n", from))) << from;
    EXPECT_EQ(FindAnyOf(text, from, 'B', '~', 'x', 'N'), std::min(text.size(), text.find_first_of("B~xN", from))) << from;
    size_t pair = from;
    while (pair + 1 < text.size() && !(text.compare(pair, 2, "UN") == 0 || text.compare(pair, 2, "SA") == 0 ||
                                       text.compare(pair, 2, "\n~") == 0)) {
      ++pair;
    }
    EXPECT_EQ(FindAnyPair(text, from, "US\n", "NA~"), pair + 1 < text.size() ? pair : text.size()) << from;
  }
  // Past the wide loop's last block, and nothing to find.
  EXPECT_EQ(FindAnyPair(std::string(40, 'x') + "GE", 0, "IGG", "ESE"), 40u);
  EXPECT_EQ(FindAnyPair(std::string(40, 'x') + "GE", 35, "IGG", "ESE"), 40u);
  EXPECT_EQ(FindAnyPair(std::string(40, 'x') + "G", 0, "IGG", "ESE"), 41u);
  EXPECT_EQ(FindAnyPair(std::string(40, 'x'), 3, "IGG", "ESE"), 40u);
  EXPECT_EQ(FindLineBreak(std::string(40, 'x') + "\r", 0), 40u);
  EXPECT_EQ(FindLineBreak(std::string(40, 'x'), 3), 40u);
  // More than 255 blocks of nothing but line feeds: the byte lanes must not wrap.
  EXPECT_EQ(CountByte(std::string(9000, '\n'), '\n'), 9000u);
  for (size_t length : {0, 1, 15, 16, 17, 4080, 4096, 5000}) {
    const std::string_view part = std::string_view(text).substr(0, length);
    EXPECT_EQ(CountByte(part, '\n'), static_cast<size_t>(std::count(part.begin(), part.end(), '\n'))) << length;
    const auto line_breaks = std::count_if(part.begin(), part.end(), [](char c) { return c == '\r' || c == '\n'; });
    EXPECT_EQ(CountAnyOf(part, '\n', '\r'), static_cast<size_t>(line_breaks)) << length;
  }
  EXPECT_EQ(CountAnyOf(std::string(5000, '\r') + std::string(5000, '\n'), '\n', '\r'), 10000u);
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
