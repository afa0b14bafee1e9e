// Acknowledgments: exact 997, 999 and TA1 text for known inputs, acceptance codes, and every
// acknowledgment wharf writes validated against wharf's own 997/999 grammars.
#include "x12/ack_builder.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <sstream>
#include <vector>

#include "core/padded_buffer.h"
#include "grammar/loader.h"
#include "support/test_files.h"
#include "x12/grammar_check.h"

namespace wharf::x12 {
namespace {

const grammar::GrammarRegistry& Grammars() {
  static const grammar::GrammarRegistry registry = grammar::LoadGrammars(testing::SourcePath("grammars"));
  return registry;
}

// Every acknowledgment of a file, as `wharf ack` writes them.
std::string Acknowledge(const std::string& bytes, AckType type, bool force_ta1 = false) {
  const PaddedBuffer buffer = PaddedBuffer::Copy(bytes);
  InterchangeReader reader(buffer.view());
  Interchange interchange;
  SequentialControlNumbers counter(7);
  AckOptions options;
  options.type = type;
  options.control_numbers = &counter;
  options.date = "20261129";
  options.time = "1200";
  options.force_ta1 = force_ta1;
  GrammarCheckOptions grammars;
  grammars.registry = &Grammars();
  std::string acks;
  while (reader.Next(interchange)) {
    CheckGrammars(interchange, grammars);
    acks += BuildAcknowledgment(interchange, options);
  }
  return acks;
}

std::string Fixture(const std::string& name) {
  return testing::ReadBytes(testing::SourcePath("tests/x12/fixtures/" + name));
}

// An acknowledgment must pass wharf's own 997/999 grammars with no finding at all.
void ExpectValidAgainstGrammars(const std::string& acks, const std::string& label) {
  const PaddedBuffer buffer = PaddedBuffer::Copy(acks);
  InterchangeReader reader(buffer.view());
  Interchange ack;
  GrammarCheckOptions grammars;
  grammars.registry = &Grammars();
  grammars.require_grammar = true;
  int count = 0;
  while (reader.Next(ack)) {
    ++count;
    CheckGrammars(ack, grammars);
    for (const Finding& f : ack.findings) ADD_FAILURE() << label << " " << f.CodeLabel() << " " << f.message << "\n" << acks;
  }
  EXPECT_GT(count, 0) << label;
  EXPECT_TRUE(reader.TakeFileFindings().empty()) << label;
}

TEST(AckBuilder, AcceptedSetsGetA) {
  EXPECT_EQ(Acknowledge(Fixture("valid_850.edi"), AckType::k997),
            "ISA*00*          *00*          *ZZ*RECEIVER       *ZZ*SENDER         *261129*1200*^*00501*000000007*0*P*:~\n"
            "GS*FA*RECEIVER*SENDER*20261129*1200*7*X*005010~\n"
            "ST*997*0007~\n"
            "AK1*PO*101*005010~\n"
            "AK2*850*0001~\n"
            "AK5*A~\n"
            "AK9*A*1*1*1~\n"
            "SE*6*0007~\n"
            "GE*1*7~\n"
            "IEA*1*000000007~\n");
}

TEST(AckBuilder, EnvelopeAndElementErrorsIn997) {
  // SE01 and SE02 wrong (AK5 codes 4 and 3), then a set whose QTY-like data is wrong.
  EXPECT_EQ(Acknowledge(Fixture("se_count_and_control_mismatch.edi"), AckType::k997),
            "ISA*00*          *00*          *ZZ*RECEIVER       *ZZ*SENDER         *261129*1200*^*00501*000000007*0*P*:~\n"
            "GS*FA*RECEIVER*SENDER*20261129*1200*7*X*005010~\n"
            "ST*997*0007~\n"
            "AK1*PO*101*005010~\n"
            "AK2*850*0001~\n"
            "AK5*R*4*3~\n"
            "AK9*R*1*1*0~\n"
            "SE*6*0007~\n"
            "GE*1*7~\n"
            "IEA*1*000000007~\n");
  EXPECT_EQ(Acknowledge(Fixture("repetitions_and_composites.edi"), AckType::k997),
            "ISA*00*          *00*          *ZZ*RECEIVER       *ZZ*SENDER         *261129*1200*^*00501*000000007*0*P*:~\n"
            "GS*FA*RECEIVER*SENDER*20261129*1200*7*X*005010~\n"
            "ST*997*0007~\n"
            "AK1*PO*101*005010~\n"
            "AK2*850*0001~\n"
            "AK3*REF*3**8~\n"
            "AK4*2*127*12*B~\n"
            "AK4*2*127*12*C~\n"
            "AK4*2:2*127*13*D~\n"
            "AK3*PO1*4*PO1*8~\n"
            "AK4*6:2*235*13*X~\n"
            "AK5*R*5~\n"
            "AK9*R*1*1*0~\n"
            "SE*12*0007~\n"
            "GE*1*7~\n"
            "IEA*1*000000007~\n");
}

TEST(AckBuilder, ImplementationAcknowledgment999) {
  const std::string acks = Acknowledge(testing::ReadBytes(testing::SourcePath("tests/corpus/staedi/x12/invalid999.edi")),
                                       AckType::k999);
  EXPECT_EQ(acks,
            "ISA*00*          *00*          *ZZ*987654321      *ZZ*123456789      *261129*1200*^*00501*000000007*0*P*:~\n"
            "GS*FA*SNDR*RCVR*20261129*1200*7*X*005010X231A1~\n"
            "ST*999*0007*005010X231A1~\n"
            "AK1*FA*287*005010X231~\n"
            "AK2*999*2870001*005010X231~\n"
            "IK3*IK5*2**2~\n"
            "IK3*AK1*3**8~\n"
            "IK4*1*479*5*HC   ~\n"
            "IK3*AK2*4*2000*8~\n"
            "IK4*4**3*Y~\n"
            "IK3*IK5*5*2000*8~\n"
            "IK4*1*717*I6*Q~\n"
            "IK3*IK5*6*2000*5~\n"
            "IK3*CTX*14*2100*8~\n"
            "IK4*6:1*725*6~\n"
            "IK5*R*4*5~\n"
            "AK9*R*1*1*0~\n"
            "SE*16*0007~\n"
            "GE*1*7~\n"
            "IEA*1*000000007~\n");
}

TEST(AckBuilder, Ack999NamesTheClaimAnErrorIsIn) {
  // An 837P whose service line has a unit code the guide does not allow: the 999 names the claim
  // (CTX*CLM01) right after the IK3, in the inbound delimiters (here '>' and a line feed).
  std::string claim = testing::ReadBytes(testing::SourcePath("tests/corpus/staedi/x12/sample837-original.edi"));
  const std::string unit = "SV1*HC>J2941*5332.54*UN*84";
  ASSERT_NE(claim.find(unit), std::string::npos);
  claim.replace(claim.find(unit), unit.size(), "SV1*HC>J2941*5332.54*XX*84");
  const std::string acks = Acknowledge(claim, AckType::k999);
  EXPECT_NE(acks.find("IK3*SV1*30*2400*8\nCTX*CLM01>945405\nIK4*3*355*I6*XX\nIK5*R*I5\n"), std::string::npos) << acks;
  ExpectValidAgainstGrammars(acks, "999 with CTX");
  // A 997 has no CTX.
  EXPECT_EQ(Acknowledge(claim, AckType::k997).find("CTX"), std::string::npos);
}

TEST(AckBuilder, Ta1ReportsTheInterchange) {
  EXPECT_EQ(Acknowledge(Fixture("iea_count_and_control_mismatch.edi"), AckType::kTa1),
            "ISA*00*          *00*          *ZZ*RECEIVER       *ZZ*SENDER         *261129*1200*^*00501*000000007*0*P*:~\n"
            "TA1*000000101*261129*1200*R*021~\n"
            "IEA*0*000000007~\n");
  EXPECT_EQ(Acknowledge(Fixture("valid_850.edi"), AckType::kTa1),
            "ISA*00*          *00*          *ZZ*RECEIVER       *ZZ*SENDER         *261129*1200*^*00501*000000007*0*P*:~\n"
            "TA1*000000101*261129*1200*A*000~\n"
            "IEA*0*000000007~\n");
  // A warning that carries a TA1 code makes it "accepted with errors".
  const std::string noted = Acknowledge(Fixture("isa11_u_in_00501.edi"), AckType::kTa1);
  EXPECT_NE(noted.find("TA1*000000101*261129*1200*E*016~"), std::string::npos) << noted;
}

TEST(AckBuilder, Ta1ComesWithA997WhenAskedFor) {
  const std::string acks = Acknowledge(Fixture("valid_850.edi"), AckType::k997, /*force_ta1=*/true);
  EXPECT_NE(acks.find("~\nTA1*000000101*261129*1200*A*000~\nGS*FA*"), std::string::npos) << acks;
}

TEST(AckBuilder, PartialAcceptanceOfAGroup) {
  const std::string isa =
      "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *261129*1200*^*00501*000000101*0*P*:~";
  const std::string acks = Acknowledge(
      isa + "GS*PO*SENDER*RECEIVER*20261129*1200*101*X*005010~"
            "ST*850*0001~BEG*00*SA*PO-1**20261129~PO1*1*10*EA*9.99~CTT*1~SE*5*0001~"
            "ST*850*0002~BEG*00*SA*PO-2**20261399~PO1*1*10*EA*9.99~CTT*1~SE*5*0002~GE*2*101~IEA*1*000000101~",
      AckType::k997);
  EXPECT_NE(acks.find("AK2*850*0001~\nAK5*A~\nAK2*850*0002~\nAK3*BEG*2**8~\nAK4*5*373*8*20261399~\nAK5*R*5~\nAK9*P*2*2*1~"),
            std::string::npos)
      << acks;
}

// The codes (element `field` of each `tag` segment) an acknowledgment uses.
std::set<std::string> CodesIn(const std::string& ack, const std::string& tag, size_t field) {
  std::set<std::string> codes;
  std::istringstream lines(ack);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(tag + "*", 0) != 0) continue;
    std::vector<std::string> elements;
    std::istringstream fields(line.substr(0, line.size() - 1));  // without the terminator
    for (std::string element; std::getline(fields, element, '*');) elements.push_back(element);
    if (elements.size() > field) codes.insert(elements[field]);
  }
  return codes;
}

// tests/x12/acks/every_code_004010.edi holds one segment error of every kind the grammars can
// find (AK304/IK304 1-8) and one element error of every kind an 004010 set can carry (AK403/
// IK403 1-10, 13); the repetition error (12) needs 00501 delimiters and is in the
// repetitions_and_composites test above. The expected files were written by `wharf ack` and
// checked by hand against X12.6 and the 997/999 guides.
TEST(AckBuilder, GoldenAcknowledgmentsCarryEveryCode) {
  const std::string input = testing::ReadBytes(testing::SourcePath("tests/x12/acks/every_code_004010.edi"));
  const std::string ack997 = Acknowledge(input, AckType::k997);
  const std::string ack999 = Acknowledge(input, AckType::k999);
  EXPECT_EQ(ack997, testing::ReadBytes(testing::SourcePath("tests/x12/acks/every_code_004010.997")));
  EXPECT_EQ(ack999, testing::ReadBytes(testing::SourcePath("tests/x12/acks/every_code_004010.999")));
  const std::set<std::string> segment_codes = {"1", "2", "3", "4", "5", "6", "7", "8"};
  EXPECT_EQ(CodesIn(ack997, "AK3", 4), segment_codes);
  EXPECT_EQ(CodesIn(ack999, "IK3", 4), segment_codes);
  // 004010's 997 has no code 13 (too many components): it says 3 (too many data elements).
  EXPECT_EQ(CodesIn(ack997, "AK4", 3), (std::set<std::string>{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10"}));
  EXPECT_EQ(CodesIn(ack999, "IK4", 3), (std::set<std::string>{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "13"}));
}

TEST(AckBuilder, EveryAcknowledgmentIsValidAgainstWharfsGrammars) {
  // Inputs whose envelope identifiers are themselves well-formed: an acknowledgment has to
  // repeat the inbound ISA, GS and ST identifiers, so a malformed one cannot come back valid.
  const std::vector<std::string> inputs = {
      "tests/x12/fixtures/valid_850.edi", "tests/x12/fixtures/valid_two_interchanges_crlf.edi",
      "tests/x12/fixtures/se_count_and_control_mismatch.edi", "tests/x12/fixtures/ge_count_and_control_mismatch.edi",
      "tests/x12/fixtures/missing_se.edi", "tests/x12/fixtures/missing_ge.edi", "tests/x12/fixtures/duplicate_control_numbers.edi",
      "tests/x12/fixtures/repetitions_and_composites.edi", "tests/x12/fixtures/non_ascii_data.edi",
      "tests/x12/fixtures/empty_and_bad_segment_ids.edi", "tests/x12/fixtures/segment_outside_set.edi",
      "tests/corpus/staedi/x12/invalid997.edi", "tests/corpus/staedi/x12/invalid999.edi",
      "tests/corpus/staedi/x12/extraDelimiter997.edi", "tests/corpus/staedi/x12/sample837-HL-nested.edi",
      "tests/corpus/staedi/x12/sample837-original.edi", "tests/corpus/staedi/x12/simple810.edi",
      "examples/x12/acme-850-004010.edi", "examples/x12/wharf-810-005010.edi", "examples/x12/wharfdc-856-005010.edi",
      "examples/x12/broken/acme-850-broken.edi", "examples/x12/broken/acme-850-standard-errors.edi",
      "tests/x12/acks/every_code_004010.edi"};
  for (AckType type : {AckType::k997, AckType::k999}) {
    for (const std::string& input : inputs) {
      ExpectValidAgainstGrammars(Acknowledge(testing::ReadBytes(testing::SourcePath(input)), type, true), input);
    }
  }
}

}  // namespace
}  // namespace wharf::x12
