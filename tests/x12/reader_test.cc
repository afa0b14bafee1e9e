// Finding interchanges in a file: several per file, stray bytes, wrapped lines, unreadable headers.
#include "x12/reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/padded_buffer.h"
#include "support/test_files.h"

namespace wharf::x12 {
namespace {

const std::string kIsa =
    "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *261129*1200*^*00501*000000101*0*P*:~";

std::string Interchange(const std::string& control) {
  std::string isa = kIsa;
  isa.replace(90, 9, control);
  return isa + "GS*PO*SENDER*RECEIVER*20261129*1200*1*X*005010~ST*850*0001~SE*2*0001~GE*1*1~IEA*1*" + control + "~";
}

struct FileRead {
  PaddedBuffer bytes;
  std::vector<x12::Interchange> interchanges;
  Findings file_findings;
};

std::unique_ptr<FileRead> ReadAll(const std::string& text, ReaderOptions options = {}) {
  auto read = std::make_unique<FileRead>();
  read->bytes = PaddedBuffer::Copy(text);
  InterchangeReader reader(read->bytes.view(), options);
  x12::Interchange interchange;
  while (reader.Next(interchange)) read->interchanges.push_back(std::move(interchange));
  read->file_findings = reader.TakeFileFindings();
  return read;
}

TEST(Reader, ManyInterchangesWithAnyWhitespaceBetween) {
  const std::string text = Interchange("000000001") + "\r\n\r\n" + Interchange("000000002") + " \t\n" +
                           Interchange("000000003");
  auto read = ReadAll(text);
  ASSERT_EQ(read->interchanges.size(), 3u);
  EXPECT_TRUE(read->file_findings.empty());
  EXPECT_EQ(read->interchanges[1].Label(), "000000002");
  EXPECT_EQ(read->interchanges[1].ordinal, 2u);
  EXPECT_EQ(read->interchanges[1].file_offset, Interchange("000000001").size() + 4);
  for (const auto& interchange : read->interchanges) EXPECT_TRUE(interchange.valid());
}

TEST(Reader, EachInterchangeKeepsItsOwnDelimiters) {
  std::string second = Interchange("000000002");
  for (char& c : second) {
    if (c == '*') c = '|';
    if (c == '~') c = '\n';
  }
  auto read = ReadAll(Interchange("000000001") + second);
  ASSERT_EQ(read->interchanges.size(), 2u);
  EXPECT_EQ(read->interchanges[1].header.delimiters.element, '|');
  EXPECT_EQ(read->interchanges[1].header.delimiters.segment, '\n');
  EXPECT_TRUE(read->interchanges[1].valid());
}

TEST(Reader, EmptyAndWhitespaceFiles) {
  auto empty = ReadAll("");
  ASSERT_EQ(empty->file_findings.size(), 1u);
  EXPECT_EQ(empty->file_findings[0].CodeLabel(), "WHARF-EMPTY");
  auto blank = ReadAll("\r\n  \n");
  ASSERT_EQ(blank->file_findings.size(), 1u);
  EXPECT_EQ(blank->file_findings[0].message, "the file holds only whitespace");
}

TEST(Reader, TextThatIsNotX12) {
  auto read = ReadAll("UNB+UNOA:3+SENDER+RECEIVER'");
  EXPECT_TRUE(read->interchanges.empty());
  ASSERT_EQ(read->file_findings.size(), 1u);
  EXPECT_EQ(read->file_findings[0].CodeLabel(), "WHARF-NOT-X12");
  EXPECT_EQ(read->file_findings[0].file_offset, 0u);
}

TEST(Reader, StrayBytesBetweenInterchangesAreReportedWithTheirOffset) {
  const std::string first = Interchange("000000001");
  auto read = ReadAll(first + "\nGARBAGE~~\n" + Interchange("000000002"));
  ASSERT_EQ(read->interchanges.size(), 2u);
  ASSERT_EQ(read->file_findings.size(), 1u);
  EXPECT_EQ(read->file_findings[0].file_offset, first.size() + 1);
  EXPECT_EQ(read->file_findings[0].message, "10 bytes outside any interchange (starts with 'GARBAGE~~\\x0A')");
}

TEST(Reader, TrailingNulFillerIsAWarning) {
  auto read = ReadAll(Interchange("000000001") + std::string(8, '\0') + "\x1A");
  ASSERT_EQ(read->file_findings.size(), 1u);
  EXPECT_EQ(read->file_findings[0].severity, Severity::kWarning);
}

TEST(Reader, ByteOrderMarkIsSkippedWithAWarning) {
  auto read = ReadAll("\xEF\xBB\xBF" + Interchange("000000001"));
  ASSERT_EQ(read->interchanges.size(), 1u);
  EXPECT_TRUE(read->interchanges[0].valid());
  EXPECT_EQ(read->interchanges[0].file_offset, 3u);
  ASSERT_EQ(read->file_findings.size(), 1u);
  EXPECT_EQ(read->file_findings[0].CodeLabel(), "WHARF-BOM");
}

TEST(Reader, UnreadableHeaderIsSkippedAndTheNextInterchangeIsRead) {
  auto read = ReadAll("ISA*00*short~\n" + Interchange("000000002"));
  ASSERT_EQ(read->interchanges.size(), 1u);
  EXPECT_EQ(read->interchanges[0].Label(), "000000002");
  ASSERT_EQ(read->file_findings.size(), 1u);
  EXPECT_EQ(read->file_findings[0].level, AckLevel::kTa1);
}

std::string WrapAt(const std::string& text, size_t width) {
  std::string wrapped;
  for (size_t i = 0; i < text.size(); i += width) wrapped += text.substr(i, width) + "\r\n";
  return wrapped;
}

TEST(Reader, WrappedFileIsUnwrappedWithAWarningAndMapsOffsetsBack) {
  std::string bad = Interchange("000000001");
  bad.replace(bad.find("SE*2*"), 5, "SE*9*");  // an error to locate in the wrapped file
  const std::string text = WrapAt(bad, 80) + WrapAt(Interchange("000000002"), 80);
  auto read = ReadAll(text);
  ASSERT_EQ(read->interchanges.size(), 2u);
  const auto& first = read->interchanges[0];
  ASSERT_EQ(first.findings.size(), 2u);
  EXPECT_EQ(first.findings[0].CodeLabel(), "AK5-4");
  EXPECT_EQ(text.substr(first.findings[0].file_offset, 1), "9");
  EXPECT_EQ(first.findings[1].CodeLabel(), "WHARF-WRAPPED");
  EXPECT_EQ(first.findings[1].severity, Severity::kWarning);
  // The first ends with its IEA terminator; the line break after it is whitespace between the two.
  EXPECT_EQ(text.substr(first.file_offset + first.file_length - 10, 10), "000000001~");
  EXPECT_EQ(read->interchanges[1].file_offset, first.file_offset + first.file_length + 2);
  EXPECT_EQ(text.substr(read->interchanges[1].file_offset, 3), "ISA");
  EXPECT_TRUE(read->interchanges[1].valid());
}

TEST(Reader, WrappingAfterTheHeaderIsFoundByTheTokenizer) {
  const std::string whole = Interchange("000000001");
  const std::string text = whole.substr(0, 150) + "\n" + whole.substr(150);
  auto read = ReadAll(text);
  ASSERT_EQ(read->interchanges.size(), 1u);
  EXPECT_TRUE(read->interchanges[0].valid());
  EXPECT_EQ(read->interchanges[0].findings.back().CodeLabel(), "WHARF-WRAPPED");
}

TEST(Reader, KeepLineBreaksReadsThemAsData) {
  const std::string whole = Interchange("000000001");
  const size_t st = whole.find("ST*850*0001");
  const std::string text = whole.substr(0, st + 8) + "\n" + whole.substr(st + 8);
  ReaderOptions options;
  options.unwrap_line_breaks = false;
  auto read = ReadAll(text, options);
  ASSERT_EQ(read->interchanges.size(), 1u);
  EXPECT_EQ(read->interchanges[0].envelope.groups[0].sets[0].control_number, "0\n001");
  EXPECT_FALSE(read->interchanges[0].valid());
}

}  // namespace
}  // namespace wharf::x12
