// Grammar validation of transaction sets: every AK304 and AK403 code, with its exact position,
// against a small grammar written here so that each rule is plain to see.
#include "x12/set_validator.h"

#include <gtest/gtest.h>

#include "core/padded_buffer.h"
#include "grammar/loader.h"
#include "x12/grammar_check.h"
#include "x12/reader.h"

namespace wharf::x12 {
namespace {

constexpr const char* kGrammar = R"(
element 143 ID 3/3 "Transaction Set Identifier Code"
element 329 AN 4/9 "Transaction Set Control Number"
element 96 N0 1/10 "Number of Included Segments"
element 353 ID 2/2 "Transaction Set Purpose Code"
element 373 DT 8/8 "Date"
element 337 TM 4/8 "Time"
element 380 R 1/15 "Quantity"
element 355 ID 2/2 "Unit or Basis for Measurement Code"
element 1018 R 1/15 "Exponent"
element 98 ID 2/3 "Entity Identifier Code"
element 93 AN 1/60 "Name"
element 66 ID 1/2 "Identification Code Qualifier"
element 67 AN 2/80 "Identification Code"
element 628 AN 1/12 "Hierarchical ID Number"
element 734 AN 1/12 "Hierarchical Parent ID Number"
element 735 ID 1/2 "Hierarchical Level Code"
element 736 ID 1/1 "Hierarchical Child Code"
element 1271 AN 1/30 "Industry Code"
element 354 N0 1/6 "Number of Line Items"
element 347 R 1/4 "Hash Total"
codes 353 ""
  00
  01
end
codes 98 ""
  ST
  BT
end
composite C001 "Composite Unit of Measure"
  01 355 M
  02 1018 O
end
segment ST ""
  01 143 M
  02 329 M
end
segment SE ""
  01 96 M
  02 329 M
end
segment BEG ""
  01 353 M
  02 373 M
  03 337 O
end
segment QTY ""
  01 380 M
  02 C001 O
  03 1271 O x2
end
segment N1 ""
  01 98 M
  02 93 X
  03 66 X
  04 67 X
  rule R0204 P0304
end
segment N1@VN ""
  01 98 M codes VN
  02 93 O
end
segment MSG ""
  01 93 M
  02 66 X
  03 67 X
  rule E0203 C0203
end
segment REF ""
  01 1271 M
  02 93 X
  03 67 X
  rule L010203
end
segment CTT ""
  01 354 M
  02 347 O
end
segment HL ""
  01 628 M
  02 734 O
  03 735 M
  04 736 O
end
set 840 "Test Set" group ZZ
  010 ST M 1
  020 BEG M 1
  030 QTY O 2
  040 MSG O 1
  050 REF O 1
  loop N1 2 O
    060 N1 M 1
    070 MSG O 1
  end
  loop VN 1 O
    080 N1@VN M 1
  end
  loop HL >1 O level 20
    090 HL M 1
    loop HL >1 O level 22
      100 HL M 1
      110 REF O 1
    end
  end
  115 CTT O 1
  120 SE M 1
  check CTT01 count QTY
  check CTT02 sum QTY01
end
)";

struct Checked {
  PaddedBuffer bytes;
  Interchange interchange;
};

// With `control_separators`, the interchange is written with 0x1D, 0x1F, 0x1E and 0x1C instead
// of '*', ':', '^' and '~' (partners do choose them).
std::unique_ptr<Checked> Check(const std::string& set_segments, bool control_separators = false) {
  static const std::unique_ptr<grammar::GrammarRegistry> registry = [] {
    auto r = std::make_unique<grammar::GrammarRegistry>();
    std::vector<std::string> errors;
    std::vector<grammar::GrammarFile> files{grammar::ParseGrammarFile("test.grammar", kGrammar)};
    auto dictionary = grammar::BuildDictionary("x12", "004010", files, errors);
    EXPECT_TRUE(errors.empty()) << errors.front();
    r->Add(std::move(dictionary));
    return r;
  }();
  size_t count = 2;  // ST and SE
  for (char c : set_segments) count += c == '~';
  const std::string text =
      "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *261129*1200*^*00501*000000001*0*P*:~"
      "GS*ZZ*SENDER*RECEIVER*20261129*1200*1*X*004010~ST*840*0001~" +
      set_segments + "SE*" + std::to_string(count) + "*0001~GE*1*1~IEA*1*000000001~";
  auto checked = std::make_unique<Checked>();
  std::string written = text;
  if (control_separators) {
    for (char& c : written) {
      c = c == '*' ? '\x1d' : c == ':' ? '\x1f' : c == '^' ? '\x1e' : c == '~' ? '\x1c' : c;
    }
  }
  checked->bytes = PaddedBuffer::Copy(written);
  InterchangeReader reader(checked->bytes.view());
  EXPECT_TRUE(reader.Next(checked->interchange));
  EXPECT_TRUE(checked->interchange.findings.empty()) << checked->interchange.findings[0].message;
  GrammarCheckOptions options;
  options.registry = registry.get();
  CheckGrammars(checked->interchange, options);
  return checked;
}

// "AK3-7@4 CUR" or "AK4-5@3.2.1 BEG": code, set position, element[.component[.repetition]].
std::vector<std::string> Summary(const Interchange& interchange) {
  std::vector<std::string> lines;
  for (const Finding& f : interchange.findings) {
    std::string line = f.CodeLabel() + "@" + std::to_string(f.set_position);
    if (f.element != 0) line += "." + std::to_string(f.element);
    if (f.component != 0) line += "." + std::to_string(f.component);
    if (f.repetition != 0) line += "r" + std::to_string(f.repetition);
    line += " " + f.segment_tag;
    if (!f.loop_id.empty()) line += " in " + f.loop_id;
    lines.push_back(line);
  }
  return lines;
}

using Lines = std::vector<std::string>;

TEST(SetValidator, ValidSetHasNoFindings) {
  auto c = Check("BEG*00*20261129*1200~QTY*5*EA:2*A^B~MSG*HELLO~N1*ST*STORE~MSG*HI~N1*VN*V~HL*1**20~HL*2*1*22~REF*X*Y~");
  EXPECT_EQ(Summary(c->interchange), Lines{});
}

TEST(SetValidator, SegmentCodes) {
  // 1 unrecognized, 6 not in set (HL* is in, TD5 is not known at all), 7 out of sequence,
  // 3 mandatory missing, 5 max use, 4 loop repeats, 2 unexpected.
  EXPECT_EQ(Summary(Check("ZZZ*1~BEG*00*20261129~")->interchange), Lines({"AK3-1@2 ZZZ"}));
  EXPECT_EQ(Summary(Check("BEG*00*20261129~MSG*A~QTY*1~")->interchange), Lines({"AK3-7@4 QTY"}));
  EXPECT_EQ(Summary(Check("QTY*1~")->interchange), Lines({"AK3-3@2 BEG"}));
  EXPECT_EQ(Summary(Check("BEG*00*20261129~QTY*1~QTY*2~QTY*3~")->interchange), Lines({"AK3-5@5 QTY"}));
  EXPECT_EQ(Summary(Check("BEG*00*20261129~N1*ST*A~N1*BT*B~N1*ST*C~")->interchange), Lines({"AK3-4@5 N1 in N1"}));
  EXPECT_EQ(Summary(Check("BEG*00*20261129~HL*1**22~")->interchange), Lines({"AK3-2@3 HL"}));
}

TEST(SetValidator, ElementCodes) {
  EXPECT_EQ(Summary(Check("BEG**20261129~")->interchange), Lines({"AK4-1@2.1 BEG"}));
  EXPECT_EQ(Summary(Check("BEG*00*20261129*1200*EXTRA~")->interchange), Lines({"AK4-3@2.4 BEG"}));
  EXPECT_EQ(Summary(Check("BEG*0*20261129~")->interchange), Lines({"AK4-4@2.1 BEG", "AK4-7@2.1 BEG"}));
  EXPECT_EQ(Summary(Check("BEG*000*20261129~")->interchange), Lines({"AK4-5@2.1 BEG", "AK4-7@2.1 BEG"}));
  EXPECT_EQ(Summary(Check("BEG*00*20261129~QTY*1X~")->interchange), Lines({"AK4-6@3.1 QTY"}));
  EXPECT_EQ(Summary(Check("BEG*99*20261129~")->interchange), Lines({"AK4-7@2.1 BEG"}));
  EXPECT_EQ(Summary(Check("BEG*00*20261399~")->interchange), Lines({"AK4-8@2.2 BEG"}));
  EXPECT_EQ(Summary(Check("BEG*00*20261129*2561~")->interchange), Lines({"AK4-9@2.3 BEG"}));
}

TEST(SetValidator, TextLengthsCountCharactersAndControlBytesAreBad) {
  // MSG01 is AN 1/60: 60 two-byte characters fit, 61 do not; a control byte is AK4-6 wherever
  // it sits in a long value (the word-at-a-time checks) and its value is not echoed.
  std::string e_acute = "\xC3\xA9", sixty;
  for (int i = 0; i < 60; ++i) sixty += e_acute;
  EXPECT_EQ(Summary(Check("BEG*00*20261129~MSG*" + sixty + "~")->interchange), Lines{});
  EXPECT_EQ(Summary(Check("BEG*00*20261129~MSG*" + sixty + e_acute + "~")->interchange), Lines({"AK4-5@3.1 MSG"}));
  EXPECT_EQ(Summary(Check("BEG*00*20261129~MSG*" + std::string(60, 'A') + "~")->interchange), Lines{});
  EXPECT_EQ(Summary(Check("BEG*00*20261129~MSG*" + std::string(61, 'A') + "~")->interchange), Lines({"AK4-5@3.1 MSG"}));
  for (size_t at : {0, 5, 8, 17}) {
    std::string value(20, 'A');
    value[at] = '\x07';
    for (bool control_separators : {false, true}) {
      auto c = Check("BEG*00*20261129~MSG*" + value + "~", control_separators);
      EXPECT_EQ(Summary(c->interchange), Lines({"AK4-6@3.1 MSG"})) << "control byte at " << at << " " << control_separators;
      EXPECT_EQ(c->interchange.findings.at(0).bad_value, "");
    }
  }
}

// Separators that are control characters are no part of any value: a set written with them is
// as valid as with printable ones, long values included (the word-at-a-time segment check).
TEST(SetValidator, ControlCharacterSeparatorsAreNotControlBytesInValues) {
  const std::string set = "BEG*00*20261129*1200~QTY*5*EA:2*A^B~MSG*" + std::string(40, 'H') +
                          "~N1*ST*STORE~MSG*HI~N1*VN*V~HL*1**20~HL*2*1*22~REF*X*Y~";
  EXPECT_EQ(Summary(Check(set, true)->interchange), Lines{});
  EXPECT_EQ(Summary(Check("BEG*00*20261129~MSG*" + std::string(61, 'A') + "~", true)->interchange), Lines({"AK4-5@3.1 MSG"}));
}

TEST(SetValidator, CompositesRepetitionsAndComponents) {
  // QTY02 is a composite: its first component is mandatory; QTY03 may repeat twice; QTY01 is simple.
  EXPECT_EQ(Summary(Check("BEG*00*20261129~QTY*1*:2~")->interchange), Lines({"AK4-1@3.2.1 QTY"}));
  EXPECT_EQ(Summary(Check("BEG*00*20261129~QTY*1*EA:2:9~")->interchange), Lines({"AK4-13@3.2.3 QTY"}));
  EXPECT_EQ(Summary(Check("BEG*00*20261129~QTY*1**A^B^C~")->interchange), Lines({"AK4-12@3.3r3 QTY"}));
  EXPECT_EQ(Summary(Check("BEG*00*20261129~QTY*1:5~")->interchange), Lines({"AK4-13@3.1.2 QTY"}));
}

TEST(SetValidator, SyntaxRules) {
  // N1: R0204 (name or code), P0304 (qualifier and code together).
  EXPECT_EQ(Summary(Check("BEG*00*20261129~N1*ST~")->interchange), Lines({"AK4-2@3.2 N1 in N1"}));
  EXPECT_EQ(Summary(Check("BEG*00*20261129~N1*ST*A*92~")->interchange), Lines({"AK4-2@3.4 N1 in N1"}));
  // MSG: E0203 (not both), C0203 (if 02 then 03).
  EXPECT_EQ(Summary(Check("BEG*00*20261129~MSG*A*92*XY~")->interchange), Lines({"AK4-10@3.3 MSG"}));
  EXPECT_EQ(Summary(Check("BEG*00*20261129~MSG*A*92~")->interchange), Lines({"AK4-2@3.3 MSG"}));
  // REF: L010203 (if 01 then 02 or 03).
  EXPECT_EQ(Summary(Check("BEG*00*20261129~REF*X~")->interchange), Lines({"AK4-2@3.2 REF"}));
}

TEST(SetValidator, QualifierPicksTheSegmentVariant) {
  // N1*VN belongs to loop VN, whose N1@VN takes only VN; N1*ST to loop N1.
  EXPECT_EQ(Summary(Check("BEG*00*20261129~N1*ST*A~N1*VN~")->interchange), Lines{});
  EXPECT_EQ(Summary(Check("BEG*00*20261129~N1*VN*A~N1*VN*B~")->interchange), Lines({"AK3-4@4 N1 in VN"}));
}

TEST(SetValidator, HierarchicalLevelsPickTheirLoops) {
  EXPECT_EQ(Summary(Check("BEG*00*20261129~HL*1**20~HL*2*1*22~REF*A*B~HL*3*1*22~HL*4**20~HL*5*4*22~")->interchange),
            Lines{});
  EXPECT_EQ(Summary(Check("BEG*00*20261129~HL*1**20~HL*2*1*23~")->interchange), Lines({"AK3-2@4 HL in HL"}));
}

TEST(SetValidator, TotalsTheGrammarStatesAreChecked) {
  // CTT01 counts the QTY segments; CTT02 is their hash total (digits added, decimal points and
  // signs ignored, the rightmost four digits kept) or, as many senders write it, their sum.
  const std::string two_qty = "BEG*00*20261129~QTY*1.5~QTY*-2~";
  EXPECT_EQ(Summary(Check(two_qty + "CTT*2*17~")->interchange), Lines{});     // hash: 15 + 2
  EXPECT_EQ(Summary(Check(two_qty + "CTT*2*-0.5~")->interchange), Lines{});   // sum: 1.5 - 2
  EXPECT_EQ(Summary(Check(two_qty + "CTT*2~")->interchange), Lines{});        // no total stated
  EXPECT_EQ(Summary(Check("BEG*00*20261129~QTY*9999~QTY*2~CTT*2*1~")->interchange), Lines{});  // 10001, kept 0001
  auto c = Check(two_qty + "CTT*3*36~");
  EXPECT_EQ(Summary(c->interchange), Lines({"WHARF-BALANCE@5.1 CTT", "WHARF-BALANCE@5.2 CTT"}));
  EXPECT_EQ(c->interchange.findings[0].message, "CTT01 is 3, but the set has 2 QTY segments (SNIP 3: CTT01 count QTY)");
  EXPECT_EQ(c->interchange.findings[1].message,
            "CTT02 is 36, but the QTY01 values total -0.5 (hash total 17) (SNIP 3: CTT02 sum QTY01)");
  EXPECT_TRUE(c->interchange.findings[0].is_error());
  EXPECT_EQ(c->interchange.findings[1].bad_value, "36");
}

TEST(SetValidator, HierarchicalIdsAndParentsAreChecked) {
  const std::string beg = "BEG*00*20261129~";
  EXPECT_EQ(Summary(Check(beg + "HL*1**20*1~HL*2*1*22*0~HL*3**20~HL*4*3*22~")->interchange), Lines{});
  // HL01 used twice; HL02 naming no earlier HL; a nested HL whose HL02 is not its enclosing
  // HL, or is empty.
  EXPECT_EQ(Summary(Check(beg + "HL*1**20~HL*1*1*22~")->interchange), Lines({"WHARF-HIERARCHY@4.1 HL in HL"}));
  EXPECT_EQ(Summary(Check(beg + "HL*1**20~HL*2*9*22~")->interchange), Lines({"WHARF-HIERARCHY@4.2 HL in HL"}));
  EXPECT_EQ(Summary(Check(beg + "HL*1**20~HL*2*2*22~")->interchange), Lines({"WHARF-HIERARCHY@4.2 HL in HL"}));
  auto c = Check(beg + "HL*1**20~HL*2*1*22~HL*3**20~HL*4*1*22~");
  EXPECT_EQ(Summary(c->interchange), Lines({"WHARF-HIERARCHY@6.2 HL in HL"}));
  EXPECT_EQ(c->interchange.findings[0].message, "HL02 is '1', but this HL is nested under HL '3'");
  EXPECT_EQ(Summary(Check(beg + "HL*1**20~HL*2**22~")->interchange), Lines({"WHARF-HIERARCHY@4.2 HL in HL"}));
  // Ids out of the usual 1, 2, 3 order work the same.
  EXPECT_EQ(Summary(Check(beg + "HL*A**20~HL*B*A*22~HL*10**20~HL*2*10*22~")->interchange), Lines{});
  EXPECT_EQ(Summary(Check(beg + "HL*1**20~HL*3*1*22~HL*3*1*22~")->interchange), Lines({"WHARF-HIERARCHY@5.1 HL in HL"}));
  EXPECT_EQ(Summary(Check(beg + "HL*1**20~HL*2*1*22~HL*02*1*22~")->interchange), Lines{});  // "02" is not "2"
  // HL04: 1 promises subordinate HLs, 0 promises none.
  EXPECT_EQ(Summary(Check(beg + "HL*1**20*1~")->interchange), Lines({"WHARF-HIERARCHY@3.4 HL in HL"}));
  EXPECT_EQ(Summary(Check(beg + "HL*1**20*0~HL*2*1*22~")->interchange), Lines({"WHARF-HIERARCHY@3.4 HL in HL"}));
}

TEST(SetValidator, FindingsCarryTheirContext) {
  auto c = Check("BEG*00*20261399~");
  ASSERT_EQ(c->interchange.findings.size(), 1u);
  const Finding& f = c->interchange.findings[0];
  EXPECT_EQ(f.set_id, "840");
  EXPECT_EQ(f.set_control, "0001");
  EXPECT_EQ(f.group_control, "1");
  EXPECT_EQ(f.interchange_control, "000000001");
  EXPECT_EQ(f.group_number, 1u);
  EXPECT_EQ(f.set_number, 1u);
  EXPECT_EQ(f.element_reference, 373u);
  EXPECT_EQ(f.bad_value, "20261399");
  EXPECT_EQ(f.segment_ordinal, 4u);
  EXPECT_EQ(f.message, "BEG02 (373 Date) '20261399' is not a valid date");
}

TEST(SetValidator, UnknownSetAndVersionAreWarningsUnlessRequired) {
  const std::string text =
      "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *261129*1200*U*00401*000000001*0*P*>~"
      "GS*ZZ*SENDER*RECEIVER*20261129*1200*1*X*004010~ST*123*0001~SE*2*0001~GE*1*1~"
      "GS*ZZ*SENDER*RECEIVER*20261129*1200*2*X*003050~ST*840*0001~SE*2*0001~GE*1*2~IEA*2*000000001~";
  const PaddedBuffer bytes = PaddedBuffer::Copy(text);
  InterchangeReader reader(bytes.view());
  Interchange interchange;
  ASSERT_TRUE(reader.Next(interchange));
  grammar::GrammarRegistry registry;
  std::vector<std::string> errors;
  std::vector<grammar::GrammarFile> files{grammar::ParseGrammarFile("t", kGrammar)};
  registry.Add(grammar::BuildDictionary("x12", "004010", files, errors));
  GrammarCheckOptions options;
  options.registry = &registry;
  options.require_grammar = true;
  CheckGrammars(interchange, options);
  ASSERT_EQ(interchange.findings.size(), 2u);
  EXPECT_EQ(interchange.findings[0].CodeLabel(), "AK5-1");
  EXPECT_TRUE(interchange.findings[0].is_error());
  EXPECT_EQ(interchange.findings[1].CodeLabel(), "AK9-2");
  EXPECT_EQ(interchange.findings[1].group_number, 2u);
}

}  // namespace
}  // namespace wharf::x12
