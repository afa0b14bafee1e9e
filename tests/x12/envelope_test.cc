// Envelope findings: each carries its code, level, position and the control numbers around it.
#include <gtest/gtest.h>

#include <string>

#include "core/padded_buffer.h"
#include "x12/reader.h"

namespace wharf::x12 {
namespace {

const std::string kIsa =
    "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *261129*1200*^*00501*000000101*0*P*:~";
const std::string kGs = "GS*PO*SENDER*RECEIVER*20261129*1200*101*X*005010~";

struct Read {
  PaddedBuffer bytes;
  Interchange interchange;
  Findings file_findings;
};

std::unique_ptr<Read> ReadOne(const std::string& text) {
  auto read = std::make_unique<Read>();
  read->bytes = PaddedBuffer::Copy(text);
  InterchangeReader reader(read->bytes.view());
  EXPECT_TRUE(reader.Next(read->interchange));
  read->file_findings = reader.TakeFileFindings();
  return read;
}

const Finding& Only(const Findings& findings) {
  EXPECT_EQ(findings.size(), 1u);
  static const Finding kNone;
  return findings.empty() ? kNone : findings.front();
}

TEST(Envelope, ValidInterchangeHasNoFindingsAndKnowsItsStructure) {
  auto read = ReadOne(kIsa + kGs + "ST*850*0001~BEG*00*SA*1**20261129~SE*3*0001~ST*850*0002~SE*2*0002~GE*2*101~IEA*1*000000101~");
  EXPECT_TRUE(read->interchange.findings.empty());
  const InterchangeEnvelope& e = read->interchange.envelope;
  EXPECT_EQ(e.control_number, "000000101");
  EXPECT_EQ(e.version, "00501");
  ASSERT_EQ(e.groups.size(), 1u);
  EXPECT_EQ(e.groups[0].functional_id, "PO");
  EXPECT_EQ(e.groups[0].version, "005010");
  ASSERT_EQ(e.groups[0].sets.size(), 2u);
  EXPECT_EQ(e.groups[0].sets[0].st, 2u);
  EXPECT_EQ(e.groups[0].sets[0].se, 4u);
  EXPECT_EQ(e.groups[0].sets[0].end, 5u);
  EXPECT_EQ(e.groups[0].sets[1].control_number, "0002");
  EXPECT_EQ(e.groups[0].ge, 7u);
  EXPECT_EQ(e.iea, 8u);
}

TEST(Envelope, SegmentCountMismatchIsAk5Code4AtSe01) {
  auto read = ReadOne(kIsa + kGs + "ST*850*0001~BEG*00~SE*2*0001~GE*1*101~IEA*1*000000101~");
  const Finding& f = Only(read->interchange.findings);
  EXPECT_EQ(f.level, AckLevel::kAk5);
  EXPECT_EQ(f.code, "4");
  EXPECT_EQ(f.segment_tag, "SE");
  EXPECT_EQ(f.segment_ordinal, 5u);
  EXPECT_EQ(f.set_position, 3u);
  EXPECT_EQ(f.element, 1);
  EXPECT_EQ(f.bad_value, "2");
  EXPECT_EQ(f.interchange_control, "000000101");
  EXPECT_EQ(f.group_control, "101");
  EXPECT_EQ(f.set_control, "0001");
  EXPECT_EQ(f.set_id, "850");
  EXPECT_EQ(f.file_offset, kIsa.size() + kGs.size() + 12 + 7 + 3);
  EXPECT_EQ(f.message, "SE01 says 2 segments, transaction set 0001 has 3");
}

TEST(Envelope, GroupControlNumbersCompareAsNumbers) {
  auto read = ReadOne(kIsa + "GS*PO*SENDER*RECEIVER*20261129*1200*0101*X*005010~ST*850*0001~SE*2*0001~GE*1*101~IEA*1*000000101~");
  EXPECT_TRUE(read->interchange.findings.empty());
}

TEST(Envelope, TransactionSetControlNumbersCompareExactly) {
  auto read = ReadOne(kIsa + kGs + "ST*850*0001~SE*2*1~GE*1*101~IEA*1*000000101~");
  const Finding& f = Only(read->interchange.findings);
  EXPECT_EQ(f.CodeLabel(), "AK5-3");
}

TEST(Envelope, MissingSeIsReportedOnTheSetNotOnTheNextSegment) {
  auto read = ReadOne(kIsa + kGs + "ST*850*0001~BEG*00~ST*850*0002~SE*2*0002~GE*2*101~IEA*1*000000101~");
  const Finding& f = Only(read->interchange.findings);
  EXPECT_EQ(f.CodeLabel(), "AK5-2");
  EXPECT_EQ(f.set_control, "0001");
  EXPECT_EQ(f.set_position, 0u);
  EXPECT_EQ(f.segment_ordinal, 5u);  // the ST that came instead of SE
  ASSERT_EQ(read->interchange.envelope.groups[0].sets.size(), 2u);
  EXPECT_EQ(read->interchange.envelope.groups[0].sets[0].se, kNoSegment);
  EXPECT_EQ(read->interchange.envelope.groups[0].sets[0].end, 4u);
}

TEST(Envelope, MissingGeAndIeaAtTheEndOfInput) {
  auto read = ReadOne(kIsa + kGs + "ST*850*0001~SE*2*0001~");
  ASSERT_EQ(read->interchange.findings.size(), 2u);
  EXPECT_EQ(read->interchange.findings[0].CodeLabel(), "AK9-3");
  EXPECT_EQ(read->interchange.findings[1].CodeLabel(), "TA1-023");
  EXPECT_EQ(read->interchange.envelope.iea, kNoSegment);
}

TEST(Envelope, NextInterchangeBeforeIeaClosesTheFirst) {
  const std::string second = kIsa + kGs + "ST*850*0001~SE*2*0001~GE*1*101~IEA*1*000000101~";
  auto read = std::make_unique<Read>();
  read->bytes = PaddedBuffer::Copy(kIsa + kGs + "ST*850*0001~SE*2*0001~GE*1*101~\n" + second);
  InterchangeReader reader(read->bytes.view());
  Interchange first, next;
  ASSERT_TRUE(reader.Next(first));
  ASSERT_EQ(first.findings.size(), 1u);
  EXPECT_EQ(first.findings[0].CodeLabel(), "TA1-023");
  ASSERT_TRUE(reader.Next(next));
  EXPECT_TRUE(next.findings.empty());
  EXPECT_FALSE(reader.Next(next));
}

TEST(Envelope, InterchangeControlNumberInTheTrailerMustBeNineDigits) {
  auto read = ReadOne(kIsa + kGs + "ST*850*0001~SE*2*0001~GE*1*101~IEA*1*101~");
  ASSERT_EQ(read->interchange.findings.size(), 1u);  // numerically the same as ISA13, but malformed
  EXPECT_EQ(read->interchange.findings[0].CodeLabel(), "TA1-018");
  EXPECT_EQ(read->interchange.findings[0].element, 2);
}

TEST(Envelope, GroupCountsAndControlNumbers) {
  auto read = ReadOne(kIsa + kGs + "ST*850*0001~SE*2*0001~GE*X*999~IEA*1*000000101~");
  ASSERT_EQ(read->interchange.findings.size(), 2u);
  EXPECT_EQ(read->interchange.findings[0].CodeLabel(), "AK9-5");
  EXPECT_EQ(read->interchange.findings[0].message, "GE01 number of transaction sets 'X' is not a number");
  EXPECT_EQ(read->interchange.findings[1].CodeLabel(), "AK9-4");
}

TEST(Envelope, InvalidGroupHeaderFields) {
  auto read = ReadOne(kIsa + "GS*P*S*RECEIVER*20260230*2460*ABC*Q*~ST*850*0001~SE*2*0001~GE*1*ABC~IEA*1*000000101~");
  std::vector<std::string> labels;
  for (const Finding& f : read->interchange.findings) labels.push_back(f.CodeLabel() + "@" + std::to_string(f.element));
  EXPECT_EQ(labels, (std::vector<std::string>{"TA1-024@1", "TA1-024@2", "TA1-024@4", "TA1-024@5", "AK9-6@6",
                                              "TA1-024@7", "TA1-024@8", "AK9-6@2"}));
}

TEST(Envelope, Version003GroupsMayUseSixDigitDates) {
  auto read = ReadOne(kIsa + "GS*PO*SENDER*RECEIVER*020906*0809*165*X*003010~ST*850*0001~SE*2*0001~GE*1*165~IEA*1*000000101~");
  EXPECT_TRUE(read->interchange.findings.empty());
}

TEST(Envelope, DuplicateControlNumbers) {
  auto read = ReadOne(kIsa + kGs + "ST*850*0001~SE*2*0001~ST*850*0001~SE*2*0001~GE*2*101~" + kGs +
                      "ST*850*0001~SE*2*0001~GE*1*101~IEA*2*000000101~");
  ASSERT_EQ(read->interchange.findings.size(), 2u);
  EXPECT_EQ(read->interchange.findings[0].CodeLabel(), "AK5-23");
  EXPECT_EQ(read->interchange.findings[0].segment_ordinal, 5u);
  EXPECT_EQ(read->interchange.findings[1].CodeLabel(), "AK9-19");
  EXPECT_EQ(read->interchange.findings[1].segment_ordinal, 8u);
}

TEST(Envelope, InterchangeServiceSegmentsAreAllowedOutsideGroups) {
  auto read = ReadOne(kIsa + "TA1*000000001*261129*1200*A*000~ISB*1~" + kGs + "ST*997*0001~SE*2*0001~GE*1*101~IEA*1*000000101~");
  EXPECT_TRUE(read->interchange.findings.empty());
  EXPECT_EQ(read->interchange.envelope.service_segments, (std::vector<uint32_t>{1, 2}));
}

TEST(Envelope, DataSegmentsOutsideASet) {
  auto read = ReadOne(kIsa + "REF*ZZ*1~" + kGs + "N1*ST*X~ST*850*0001~SE*2*0001~GE*1*101~IEA*1*000000101~");
  ASSERT_EQ(read->interchange.findings.size(), 2u);
  EXPECT_EQ(read->interchange.findings[0].message, "segment REF is outside any transaction set and functional group");
  EXPECT_EQ(read->interchange.findings[1].message, "segment N1 is outside any transaction set");
}

TEST(Envelope, BinarySegmentFindingsAreElementLevel) {
  // BIN01 says 2 but 4 bytes come before the terminator: the data runs to that terminator.
  auto read = ReadOne(kIsa + kGs + "ST*275*0001~BIN*2*AB*C~SE*3*0001~GE*1*101~IEA*1*000000101~");
  const Finding& f = Only(read->interchange.findings);
  EXPECT_EQ(f.CodeLabel(), "AK4-5");
  EXPECT_EQ(f.element, 2);
  EXPECT_EQ(f.set_position, 2u);
  EXPECT_EQ(f.message, "BIN02 binary data is 4 bytes up to the segment terminator, but BIN01 says 2");
  const auto& sets = read->interchange.envelope.groups[0].sets;
  EXPECT_EQ(read->interchange.tape.segment(sets[0].st + 1).element(2).raw(), "AB*C");
}

TEST(Envelope, Isa11SeparatorRequiredFrom00402IsAWarning) {
  std::string isa = kIsa;
  isa.replace(82, 1, "U");
  auto read = ReadOne(isa + kGs + "ST*850*0001~SE*2*0001~GE*1*101~IEA*1*000000101~");
  const Finding& f = Only(read->interchange.findings);
  EXPECT_EQ(f.severity, Severity::kWarning);
  EXPECT_EQ(f.CodeLabel(), "TA1-016");
  EXPECT_TRUE(read->interchange.valid());
}

}  // namespace
}  // namespace wharf::x12
