// Resolving grammars: references, rules, guides, and the grammars wharf ships.
#include "grammar/loader.h"

#include <gtest/gtest.h>

#include "support/test_files.h"

namespace wharf::grammar {
namespace {

std::unique_ptr<Dictionary> Build(const std::string& text, std::vector<std::string>& errors) {
  std::vector<GrammarFile> files{ParseGrammarFile("t.grammar", text)};
  errors = files[0].errors;
  return BuildDictionary("x12", "004010", files, errors);
}

constexpr const char* kBase = R"(
element 143 ID 3/3 "Transaction Set Identifier Code"
element 329 AN 4/9 "Transaction Set Control Number"
element 96 N0 1/10 "Number of Included Segments"
element 353 ID 2/2 "Transaction Set Purpose Code"
element 98 ID 2/3 "Entity Identifier Code"
element 93 AN 1/60 "Name"
codes 353 ""
  00
  01
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
end
segment N1 ""
  01 98 M
  02 93 O
end
segment MSG ""
  01 93 M
end
set 850 "Purchase Order" group PO
  010 ST M 1
  020 BEG M 1
  030 MSG O 5
  loop N1 200 O
    040 N1 M 1
  end
  050 SE M 1
end
)";

TEST(Loader, ResolvesASet) {
  std::vector<std::string> errors;
  auto dictionary = Build(kBase, errors);
  ASSERT_TRUE(dictionary) << errors.front();
  const TransactionSetDef* set = dictionary->FindSet("850");
  ASSERT_NE(set, nullptr);
  EXPECT_EQ(set->functional_group, "PO");
  ASSERT_EQ(set->root.children.size(), 5u);
  const StructureNode& loop = set->root.children[3];
  EXPECT_EQ(loop.kind, StructureNode::Kind::kLoop);
  EXPECT_EQ(loop.loop_id, "N1");
  EXPECT_EQ(loop.max_use, 200u);
  EXPECT_EQ(loop.segment->tag, "N1");
  EXPECT_TRUE(dictionary->FindElement("353")->codes->Contains("01"));
  EXPECT_EQ(dictionary->FindSegment("BEG")->elements[0].codes, dictionary->FindCodes("353"));
}

TEST(Loader, ReportsEveryBrokenReference) {
  std::vector<std::string> errors;
  auto dictionary = Build(R"(
element 1 AN 5/2 ""
element 2 XX 1/2 ""
element 3 AN 1/2 ""
element 3 AN 1/2 ""
segment A ""
  01 3 M
  01 3 M
  02 404 O
  rule P0109 Q01
end
set 1 "" group ZZ
  010 A M 1
  loop L 1 O
  end
  020 NOPE M 1
end
)", errors);
  EXPECT_FALSE(dictionary);
  EXPECT_EQ(errors, (std::vector<std::string>{
                        "t.grammar:2: element 1: lengths 5/2 are not min/max",
                        "t.grammar:3: element 2: unknown type 'XX' (N0-N9, R, ID, AN, DT, TM or B with lengths; or an EDIFACT "
                        "format: a, an or n and a length, an..35 or an3)",
                        "t.grammar:5: element 3 is defined twice",
                        "t.grammar:8: position 1 does not follow 1",
                        "t.grammar:9: unknown element or composite 404",
                        "t.grammar:13: unknown segment A",  // it did not build
                        "t.grammar:14: loop L must start with a segment (its trigger)",
                        "t.grammar:16: unknown segment NOPE",
                    }));
}

// Code lines are kept in runs apart from the other lines: a code listed twice is still named by
// its own line, across comments and a broken line that split the run.
TEST(Loader, CodeListsKeepEveryCodeAndNameADuplicateByItsLine) {
  std::vector<std::string> errors;
  const std::string text = R"(
codes 1 "Codes"
  A "first"
  # a comment
  "TWO WORDS"
  C "not closed
  B
  A "again"
end
)";
  EXPECT_FALSE(Build(text, errors));
  EXPECT_EQ(errors, (std::vector<std::string>{"t.grammar:6:16: expected '\"'", "t.grammar:8: code A is listed twice"}));

  errors.clear();
  auto dictionary = Build("codes 1 \"Codes\"\n  A \"first\"\n  \"TWO WORDS\"\n  B\nend\n", errors);
  ASSERT_TRUE(dictionary) << errors.front();
  const CodeList* codes = dictionary->FindCodes("1");
  ASSERT_NE(codes, nullptr);
  EXPECT_EQ(codes->size(), 3u);
  EXPECT_TRUE(codes->Contains("A"));
  EXPECT_TRUE(codes->Contains("TWO WORDS"));
  EXPECT_TRUE(codes->Contains("B"));
  EXPECT_FALSE(codes->Contains("C"));
}

TEST(Loader, RulesMustNameExistingPositions) {
  std::vector<std::string> errors;
  Build("element 1 AN 1/2 \"\"\nsegment A \"\"\n  01 1 O\n  rule P0102 Z0101 E0164\nend\n", errors);
  EXPECT_EQ(errors, (std::vector<std::string>{
                        "t.grammar:4: syntax rule P0102 names position 2, which A does not have",
                        "t.grammar:4: syntax rule 'Z0101' is not P, R, E, C or L followed by two-digit positions",
                        "t.grammar:4: syntax rule E0164: positions must be 01-63"}));
}

TEST(Loader, TotalChecksAndContextsNameElementsOfTheSet) {
  std::vector<std::string> errors;
  auto dictionary = Build(R"(
element 143 ID 3/3 ""
element 329 AN 4/9 ""
element 96 N0 1/10 ""
element 93 AN 1/60 ""
segment ST ""
  01 143 M
  02 329 M
end
segment SE ""
  01 96 M
  02 329 M
end
segment MSG ""
  01 93 M
end
set 100 "" group ZZ
  010 ST M 1
  020 MSG O 5
  030 SE M 1
  check SE01 count MSG
  check SE01 count XYZ
  check MSG01 count MSG
  check SE1 sum MSG01
  check SE01 sum MSG01
  check SE01 average MSG
  context MSG05
end
)",
                          errors);
  EXPECT_FALSE(dictionary);
  EXPECT_EQ(errors, (std::vector<std::string>{
                        "t.grammar:26:14: expected count or sum",
                        "t.grammar:22: check SE01 count XYZ: transaction set 100 has no XYZ segment",
                        "t.grammar:23: check MSG01 count MSG: MSG01 is not a numeric element of MSG",
                        "t.grammar:24: check SE1 sum MSG01: 'SE1' is not an element such as CTT01",
                        "t.grammar:25: check SE01 sum MSG01: MSG01 is not a numeric element of MSG",
                        "t.grammar:27: context MSG05: MSG05 is not a simple element of MSG",
                    }));
}

TEST(Loader, GuideNarrowsItsBase) {
  std::vector<std::string> errors;
  auto dictionary = Build(std::string(kBase) + R"(
guide ACME "ACME orders" base 850
  require N1
  exclude MSG
  max N1 5
  codes BEG01 00
  codes N1/N101 ST BT
end
)", errors);
  ASSERT_TRUE(dictionary) << (errors.empty() ? "" : errors.front());
  const TransactionSetDef* guide = dictionary->FindSet("ACME");
  ASSERT_NE(guide, nullptr);
  EXPECT_EQ(guide->set_id, "850");
  EXPECT_EQ(guide->root.children[2].usage, Usage::kNotUsed);
  EXPECT_EQ(guide->root.children[3].usage, Usage::kMandatory);
  EXPECT_EQ(guide->root.children[3].max_use, 5u);
  const CodeList* beg01 = guide->root.children[1].segment->elements[0].codes;
  EXPECT_TRUE(beg01->Contains("00"));
  EXPECT_FALSE(beg01->Contains("01"));
  EXPECT_TRUE(guide->root.children[3].children[0].segment->elements[0].codes->Contains("BT"));
  // The base is untouched.
  const TransactionSetDef* base = dictionary->FindSet("850");
  EXPECT_EQ(base->root.children[2].usage, Usage::kOptional);
  EXPECT_TRUE(base->root.children[1].segment->elements[0].codes->Contains("01"));
}

TEST(Loader, GuideEditsMustNameWhatTheBaseHas) {
  std::vector<std::string> errors;
  Build(std::string(kBase) + "guide G \"\" base 850\n  require XYZ\n  codes BEG09 1\n  max N1 many\nend\n"
                              "guide H \"\" base 999\nend\n",
        errors);
  EXPECT_EQ(errors, (std::vector<std::string>{
                        "t.grammar:40: guide G: no segment or loop 'XYZ' in 850",
                        "t.grammar:41: guide G: BEG09 is not a simple element of BEG",
                        "t.grammar:42: guide G: 'max N1' needs one number",
                        "t.grammar:44: guide H: unknown base transaction set '999'",
                    }));
}

TEST(Loader, ShippedGrammarsLoadWithEveryRequiredSet) {
  const GrammarRegistry registry = LoadGrammars(testing::SourcePath("grammars"));
  ASSERT_TRUE(registry.errors().empty()) << registry.errors().front();
  const Dictionary* v4010 = registry.Find("x12", "004010");
  const Dictionary* v5010 = registry.Find("x12", "005010");
  ASSERT_NE(v4010, nullptr);
  ASSERT_NE(v5010, nullptr);
  for (const char* set : {"850", "810", "855", "856", "860", "940", "945", "997"}) {
    EXPECT_NE(v4010->FindSet(set), nullptr) << "004010 " << set;
  }
  for (const char* set : {"850", "810", "856", "997", "999", "837", "005010X222A1", "005010X231A1"}) {
    EXPECT_NE(v5010->FindSet(set), nullptr) << "005010 " << set;
  }
  EXPECT_EQ(v5010->FindSet("837")->implementation_reference, "005010X222A1");
}

TEST(Loader, MissingFolderIsAnError) {
  const GrammarRegistry registry = LoadGrammars("/nonexistent/grammars");
  ASSERT_EQ(registry.errors().size(), 1u);
  EXPECT_EQ(registry.errors()[0], "/nonexistent/grammars: not a grammar folder");
}

}  // namespace
}  // namespace wharf::grammar
