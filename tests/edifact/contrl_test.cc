// CONTRL: exact text for known interchanges (golden files), the action and error codes at each
// level, and every CONTRL wharf writes validated against wharf's own CONTRL grammars.
#include "edifact/contrl_builder.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>

#include "core/padded_buffer.h"
#include "edifact/grammar_check.h"
#include "grammar/loader.h"
#include "support/test_files.h"

namespace wharf::edifact {
namespace {

namespace fs = std::filesystem;

const grammar::GrammarRegistry& Grammars() {
  static const grammar::GrammarRegistry registry = grammar::LoadGrammars(testing::SourcePath("grammars"));
  return registry;
}

// Reads, validates and acknowledges every interchange of a file as `wharf ack --type CONTRL
// --control-number 7` does, handing each interchange, the file findings read before it and its
// CONTRL to `visit`.
void ForEachContrl(const std::string& bytes, bool include_accepted,
                   const std::function<void(const Interchange&, const Findings&, const std::string&)>& visit) {
  const PaddedBuffer buffer = PaddedBuffer::Copy(bytes);
  InterchangeReader reader(buffer.view());
  Interchange interchange;
  x12::SequentialControlNumbers counter(7);
  ContrlOptions options;
  options.control_numbers = &counter;
  options.date = "20261129";
  options.time = "1200";
  options.include_accepted_messages = include_accepted;
  x12::GrammarCheckOptions grammars;
  grammars.registry = &Grammars();
  while (reader.Next(interchange)) {
    CheckGrammars(interchange, grammars);
    visit(interchange, reader.TakeFileFindings(), BuildContrl(interchange, options));
  }
}

// Every CONTRL of a file, as `wharf ack --type CONTRL --control-number 7` writes them.
std::string Contrl(const std::string& bytes, bool include_accepted = true) {
  std::string out;
  ForEachContrl(bytes, include_accepted, [&](const Interchange&, const Findings&, const std::string& contrl) {
    out += contrl;
  });
  return out;
}

// A CONTRL must pass the CONTRL grammar of its syntax with no finding at all.
void ExpectValidContrl(const std::string& contrl, const std::string& label) {
  const PaddedBuffer buffer = PaddedBuffer::Copy(contrl);
  InterchangeReader reader(buffer.view());
  Interchange ack;
  x12::GrammarCheckOptions grammars;
  grammars.registry = &Grammars();
  grammars.require_grammar = true;
  int count = 0;
  while (reader.Next(ack)) {
    ++count;
    CheckGrammars(ack, grammars);
    for (const Finding& f : ack.findings) ADD_FAILURE() << label << " " << f.CodeLabel() << " " << f.message << "\n" << contrl;
  }
  EXPECT_GT(count, 0) << label;
  EXPECT_TRUE(reader.TakeFileFindings().empty()) << label;
}

const std::string kOrders =
    "UNA:+.? '\n"
    "UNB+UNOC:3+SENDER:14+RECEIVER:14+261129:1200+REF1'\n"
    "UNH+M1+ORDERS:D:96A:UN'\n"
    "BGM+220+PO1+9'\n"
    "DTM+137:20261129:102'\n"
    "NAD+BY+5412345000013::9'\n"
    "LIN+1++4000862141404:EN'\n"
    "QTY+21:10'\n"
    "UNS+S'\n"
    "UNT+8+M1'\n"
    "UNZ+1+REF1'\n";

TEST(Contrl, AcceptedInterchangeAndMessage) {
  EXPECT_EQ(Contrl(kOrders),
            "UNA:+.? '\n"
            "UNB+UNOC:3+RECEIVER:14+SENDER:14+261129:1200+7'\n"
            "UNH+7+CONTRL:D:3:UN'\n"
            "UCI+REF1+SENDER:14+RECEIVER:14+7'\n"
            "UCM+M1+ORDERS:D:96A:UN+7'\n"
            "UNT+4+7'\n"
            "UNZ+1+7'\n");
  EXPECT_EQ(Contrl(kOrders, false).find("UCM"), std::string::npos);
}

TEST(Contrl, SegmentAndElementErrorsGetUcsAndUcd) {
  std::string bad = kOrders;
  bad.replace(bad.find("BGM+220"), 7, "BGM+999");     // not a 1001 code: UCD 12
  bad.replace(bad.find("QTY+21:10"), 9, "QTY+21:1O");  // 6060 is numeric: UCD 37
  const std::string contrl = Contrl(bad);
  EXPECT_NE(contrl.find("UCM+M1+ORDERS:D:96A:UN+4'\nUCS+2'\nUCD+12+1:1'\nUCS+6'\nUCD+37+1:2'\nUNT+"), std::string::npos)
      << contrl;
  ExpectValidContrl(contrl, "element errors");
}

TEST(Contrl, MessageEnvelopeErrorIsReportedOnUcm) {
  std::string bad = kOrders;
  bad.replace(bad.find("UNT+8+M1"), 8, "UNT+9+M1");
  const std::string contrl = Contrl(bad);
  EXPECT_NE(contrl.find("UCM+M1+ORDERS:D:96A:UN+4+29+UNT+1'\n"), std::string::npos) << contrl;
  ExpectValidContrl(contrl, "UNT count");
}

// ISO 9735: a missing segment is reported at the position of the last segment before it.
TEST(Contrl, MissingSegmentIsReportedAtThePositionBeforeIt) {
  std::string bad = kOrders;
  bad.erase(bad.find("BGM+220+PO1+9'\n"), 15);
  bad.replace(bad.find("UNT+8+M1"), 8, "UNT+7+M1");
  const std::string contrl = Contrl(bad);
  EXPECT_NE(contrl.find("UCM+M1+ORDERS:D:96A:UN+4'\nUCS+1+13'\n"), std::string::npos) << contrl;
  ExpectValidContrl(contrl, "missing BGM");
}

// A bad UNH belongs to its message: the interchange is acknowledged, the message rejected.
TEST(Contrl, UnhErrorRejectsTheMessageNotTheInterchange) {
  std::string bad = kOrders;
  bad.replace(bad.find("UNOC:3"), 6, "UNOA:3");
  bad.replace(bad.find("UNH+M1"), 6, "UNH+m1");
  bad.replace(bad.find("UNT+8+M1"), 8, "UNT+8+m1");
  const std::string contrl = Contrl(bad);
  EXPECT_NE(contrl.find("UCI+REF1+SENDER:14+RECEIVER:14+7'"), std::string::npos) << contrl;
  EXPECT_NE(contrl.find("UCM+m1+ORDERS:D:96A:UN+4'\nUCS+1'\nUCD+21+1'"), std::string::npos) << contrl;
}

// A broken UNA is the interchange's own error: its CONTRL rejects it with code 22.
TEST(Contrl, BrokenUnaRejectsTheInterchange) {
  std::string bad = kOrders;
  bad.replace(0, 9, "UNA:+..?'");  // the decimal mark and the release character are the same
  const std::string contrl = Contrl(bad);
  EXPECT_NE(contrl.find("UCI+REF1+SENDER:14+RECEIVER:14+4+22+UNA'"), std::string::npos) << contrl;
}

TEST(Contrl, InterchangeErrorRejectsEverythingBelow) {
  std::string bad = kOrders;
  bad.replace(bad.find("UNZ+1+REF1"), 10, "UNZ+1+REF2");
  const std::string contrl = Contrl(bad);
  EXPECT_NE(contrl.find("UCI+REF1+SENDER:14+RECEIVER:14+4+28+UNZ+2'\nUNT+3+7'\n"), std::string::npos) << contrl;
  ExpectValidContrl(contrl, "UNZ reference");
}

TEST(Contrl, SyntaxFourUsesItsOwnIdentifierAndFullDate) {
  std::string v4 = kOrders;
  v4.replace(v4.find("UNA:+.? '"), 9, "UNA:+.?*'");
  v4.replace(v4.find("UNOC:3"), 6, "UNOC:4");
  v4.replace(v4.find("261129:1200"), 11, "20261129:1200");
  const std::string contrl = Contrl(v4);
  EXPECT_NE(contrl.find("UNA:+.?*'\nUNB+UNOC:4+RECEIVER:14+SENDER:14+20261129:1200+7'\nUNH+7+CONTRL:4:1:UN'\n"),
            std::string::npos)
      << contrl;
  ExpectValidContrl(contrl, "syntax 4");
}

// Syntax 4's S011 names the occurrence of a repeated element (0136); its S009 goes on to 0113.
TEST(Contrl, SyntaxFourNamesTheOccurrence) {
  const std::string v4 =
      "UNA:+.?*'UNB+UNOC:4+S:14+R:14+20261129:1200+I1'UNH+M1+ORDERS:D:96A:UN::EDCD'BGM+220+PO1+9'"
      "DTM+137:20261129:102*2:20261130:102'UNS+S'UNT+5+M1'UNZ+1+I1'";
  const std::string contrl = Contrl(v4);
  EXPECT_NE(contrl.find("UCM+M1+ORDERS:D:96A:UN::EDCD+4'\nUCS+3'\nUCD+16+1::2'\n"), std::string::npos) << contrl;
  ExpectValidContrl(contrl, "syntax 4 occurrence");
}

TEST(Contrl, GroupsGetUcf) {
  const std::string grouped =
      "UNB+UNOA:3+SENDER+RECEIVER+261129:1200+REF1'"
      "UNG+ORDERS+APPSEND+APPRECV+261129:1200+G1+UN+D:96A'"
      "UNH+M1+ORDERS:D:96A:UN'BGM+220+PO1+9'DTM+137:20261129:102'UNS+S'UNT+5+M1'"
      "UNE+2+G1'"
      "UNZ+1+REF1'";
  const std::string contrl = Contrl(grouped);
  EXPECT_NE(contrl.find("UCF+G1+APPSEND+APPRECV+4+29+UNE+1'\n"), std::string::npos) << contrl;
  ExpectValidContrl(contrl, "groups");
}

// Golden CONTRLs: X.edi answered exactly by X.contrl, in tests/edifact/acks and beside the
// fixtures that have one.
TEST(Contrl, GoldenFiles) {
  int cases = 0;
  for (const char* folder : {"tests/edifact/acks", "tests/edifact/fixtures"}) {
    for (const auto& entry : fs::directory_iterator(testing::SourcePath(folder))) {
      fs::path expected = entry.path();
      expected.replace_extension(".contrl");
      if (entry.path().extension() != ".edi" || !fs::exists(expected)) continue;
      const std::string contrl = Contrl(testing::ReadBytes(entry.path()));
      EXPECT_EQ(contrl, testing::ReadBytes(expected)) << entry.path();
      ExpectValidContrl(contrl, entry.path().string());
      ++cases;
    }
  }
  EXPECT_GE(cases, 5);
}

// Whether a finding is about a value the CONTRL echoes (UNB S002, S003, 0020; UNH 0062, S009)
// or about the service characters it reuses: then the CONTRL repeats the problem on purpose.
bool BreaksAnEchoedValue(const Finding& f) {
  if (f.segment_tag == "UNA") return true;
  if (f.segment_tag == "UNB") return f.element == 2 || f.element == 3 || f.element == 5;
  if (f.segment_tag == "UNH") return f.element == 1 || f.element == 2;
  return false;
}

// Whatever else is wrong with the input, the CONTRL wharf writes is itself valid.
TEST(Contrl, EveryCorpusFileGetsAValidContrl) {
  int checked = 0;
  for (const char* folder : {"tests/corpus/staedi/edifact", "tests/edifact/fixtures"}) {
    if (!fs::exists(testing::SourcePath(folder))) continue;
    for (const auto& entry : fs::recursive_directory_iterator(testing::SourcePath(folder))) {
      if (entry.path().extension() != ".edi") continue;
      bool echoes_broken_values = false;
      ForEachContrl(testing::ReadBytes(entry.path()), true,
                    [&](const Interchange& interchange, const Findings& before, const std::string& contrl) {
                      for (const Findings* findings : {&before, &interchange.findings}) {
                        for (const Finding& f : *findings) echoes_broken_values |= BreaksAnEchoedValue(f);
                      }
                      if (interchange.envelope.sender.empty() || interchange.envelope.recipient.empty()) {
                        EXPECT_EQ(contrl, "") << entry.path() << ": nobody to address a CONTRL to";
                        return;
                      }
                      if (echoes_broken_values) return;
                      ExpectValidContrl(contrl, entry.path().string());
                      ++checked;
                    });
    }
  }
  EXPECT_GE(checked, 10);
}

}  // namespace
}  // namespace wharf::edifact
