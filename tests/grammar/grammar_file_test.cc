// The grammar file syntax: every kind of line, and errors that name file, line and column.
#include "grammar/grammar_file.h"

#include <gtest/gtest.h>

namespace wharf::grammar {
namespace {

TEST(GrammarFile, ReadsEveryKindOfLine) {
  const GrammarFile file = ParseGrammarFile("t.grammar", R"(# a comment
element 143 ID 3/3 "Transaction Set Identifier Code"   # trailing comment
codes 353 "Purpose"
  00 "Original"
  "SITUATIONAL TRIGGER"
end
segment BEG "Beginning"
  01 353 M
  02 92 O x>1 codes SA NE
  03 156 O list states
  rule P0102 C0302
end
set 850 "Purchase Order" group PO guide X
  010 ST M 1
  loop N1 >1 O level 22
    310 N1 M 1
  end
end
guide G "Guide" base 850
  require N1/N1
  codes BEG01 00
end
)");
  ASSERT_TRUE(file.errors.empty()) << file.errors.front();
  ASSERT_EQ(file.statements.size(), 20u);  // the two code lines are one run
  const auto& element = std::get<ElementLine>(file.statements[0].content);
  EXPECT_EQ(file.statements[0].line, 2u);
  EXPECT_EQ(element.id, "143");
  EXPECT_EQ(element.type, "ID");
  EXPECT_EQ(element.max_length, 3u);
  EXPECT_EQ(element.name, "Transaction Set Identifier Code");
  const auto& run = std::get<CodeRun>(file.statements[2].content);
  EXPECT_EQ(file.statements[2].line, 4u);
  ASSERT_EQ(run.end - run.first, 2u);
  EXPECT_EQ(file.codes[run.first].code, "00");
  EXPECT_EQ(file.codes[run.first + 1].code, "SITUATIONAL TRIGGER");
  EXPECT_EQ(file.codes[run.first + 1].line, 5u);
  const auto& use = std::get<UseLine>(file.statements[6].content);
  EXPECT_EQ(use.position, 2u);
  EXPECT_EQ(use.usage, 'O');
  EXPECT_EQ(use.max_repeat, 0u);  // >1
  EXPECT_EQ(use.codes, (std::vector<std::string>{"SA", "NE"}));
  EXPECT_EQ(std::get<UseLine>(file.statements[7].content).code_list, "states");
  EXPECT_EQ(std::get<RuleLine>(file.statements[8].content).rules, (std::vector<std::string>{"P0102", "C0302"}));
  const auto& set = std::get<BlockLine>(file.statements[10].content);
  EXPECT_EQ(set.attributes, (std::vector<std::pair<std::string, std::string>>{{"group", "PO"}, {"guide", "X"}}));
  const auto& loop = std::get<LoopLine>(file.statements[12].content);
  EXPECT_EQ(loop.max_repeat, 0u);
  EXPECT_EQ(loop.level, "22");
  const auto& edit = std::get<EditLine>(file.statements[18].content);
  EXPECT_EQ(edit.verb, "codes");
  EXPECT_EQ(edit.target, "BEG01");
}

TEST(GrammarFile, ErrorsNameFileLineAndColumnAndReadingGoesOn) {
  const GrammarFile file = ParseGrammarFile("x12/bad.grammar", R"(element 143 ID 3 "no max"
segment BEG "Beginning"
  01 353 Q
  xx 92 M
end
bogus 1 2
end
element 92 ID 2/2 "Purchase Order Type Code"
set 850 "Purchase Order" group PO
  010 ST M 1
)");
  EXPECT_EQ(file.errors, (std::vector<std::string>{
                             "x12/bad.grammar:1:18: expected '/'",
                             "x12/bad.grammar:3:10: expected a usage (M, O, X, R, S, N or C)",
                             "x12/bad.grammar:4:3: expected an element use such as '01 353 M'",
                             "x12/bad.grammar:6:1: unknown statement 'bogus' (expected element, codes, composite, segment, set or guide)",
                             "x12/bad.grammar:7:1: 'end' without a block to end",
                             "x12/bad.grammar:11:1: the file ends inside a block opened on line 9 (missing 'end')",
                         }));
  // The good lines around the bad ones are still read.
  bool found_92 = false;
  for (const Statement& s : file.statements) {
    if (const auto* e = std::get_if<ElementLine>(&s.content)) found_92 |= e->id == "92";
  }
  EXPECT_TRUE(found_92);
}

TEST(GrammarFile, UnterminatedStringAndBadCount) {
  const GrammarFile file = ParseGrammarFile("f", "element 1 AN 1/2 \"open\nset 1 \"x\" group A\n  010 ST M many\nend\n");
  ASSERT_EQ(file.errors.size(), 2u);
  EXPECT_EQ(file.errors[0], "f:1:23: expected '\"'");
  EXPECT_EQ(file.errors[1], "f:3:12: expected a count (a number or >1)");
}

// Codes and element uses in their plainest form are read without the parser: lines that only
// look plain must come out as the parser reads them, values or errors.
TEST(GrammarFile, PlainLinesAndLinesThatOnlyLookPlain) {
  const GrammarFile file = ParseGrammarFile("p.grammar", "codes 1 \"x\"\n"
                                                         "\tAB\t\"tabbed\"\n"
                                                         "  C\n"
                                                         "  D \"\"\n"
                                                         "  E\"\n"
                                                         "  F G\n"
                                                         "end\n"
                                                         "segment S \"s\"\n"
                                                         "  1\tS01   M\n"
                                                         "  02 S02 Ox5\n"
                                                         "  03a S03 M\n"
                                                         "  04 S04M\n"
                                                         "  99999999999 S05 M\n"
                                                         "end\n");
  EXPECT_EQ(file.errors, (std::vector<std::string>{
                             "p.grammar:5:5: expected '\"'",
                             "p.grammar:6:5: unexpected 'G'",
                             "p.grammar:11:8: unexpected '03 M'",  // 03, a, S; the rule's own reading
                             "p.grammar:12:10: expected a usage (M, O, X, R, S, N or C)",
                             "p.grammar:13:3: expected an element use such as '01 353 M'",
                         }));
  std::vector<std::string> codes;
  for (const CodeLine& code : file.codes) codes.push_back(code.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"AB", "C", "D"}));
  std::vector<UseLine> uses;
  for (const Statement& s : file.statements) {
    if (const auto* use = std::get_if<UseLine>(&s.content)) uses.push_back(*use);
  }
  ASSERT_EQ(uses.size(), 2u);
  EXPECT_EQ(uses[0].position, 1u);
  EXPECT_EQ(uses[0].reference, "S01");
  EXPECT_EQ(uses[0].usage, 'M');
  EXPECT_EQ(uses[0].max_repeat, 1u);
  EXPECT_EQ(uses[1].position, 2u);
  EXPECT_EQ(uses[1].usage, 'O');
  EXPECT_EQ(uses[1].max_repeat, 5u);
}

}  // namespace
}  // namespace wharf::grammar
