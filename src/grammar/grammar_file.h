// Reading one *.grammar file into statements, each with its line, before any cross-reference
// is resolved. The format is described in grammars/README.md.
//
// Contract: ParseGrammarFile never throws; a line it cannot read becomes an error
// "file:line:col: what" and the rest of the file is still read, so one run shows every mistake.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace wharf::grammar {

// `element 143 ID 3/3 "Transaction Set Identifier Code"`
struct ElementLine {
  std::string id;
  std::string type;  // N, N0..N9, R, ID, AN, DT, TM, B
  uint32_t min_length = 0;
  uint32_t max_length = 0;
  std::string name;
};

// The opening line of a block: `codes 353 "..."`, `composite C001 "..."`, `segment BEG "..."`,
// `set 850 "..." group PO [guide REF]`, `guide ACME-850 "..." base 850`.
struct BlockLine {
  std::string keyword;
  std::string id;
  std::string name;
  std::vector<std::pair<std::string, std::string>> attributes;  // group PO, base 850, guide X
};

// A code inside a codes block: `00 "Original"`. The description is read (it must be quoted
// properly) but not kept: it is for people reading the file, and nothing in wharf shows it.
struct CodeLine {
  std::string code;
  uint32_t line = 0;
};

// Consecutive code lines, [first, end) in GrammarFile::codes. Code lines are most of a version's
// lines (16,000 of 19,000 in X12 004010), so they are kept apart in 40 bytes each rather than as
// Statements of 136: the memory a load touches is what it costs on a virtual machine.
struct CodeRun {
  uint32_t first = 0;
  uint32_t end = 0;
};

// An element or component use: `01 353 M`, `03 1271 O x10`, `01 98 M codes 41 40`,
// `02 156 O list states`.
struct UseLine {
  uint32_t position = 0;
  std::string reference;
  char usage = 'O';
  uint32_t max_repeat = 1;  // 0: unbounded
  std::vector<std::string> codes;
  std::string code_list;  // `list states`: a named code list instead of the element's own
};

// `rule P0102 R0203`
struct RuleLine {
  std::vector<std::string> rules;
};

// A segment in a set: `010 ST M 1`, `050 REF O >1`.
struct StructureLine {
  std::string position;
  std::string segment;
  char usage = 'O';
  uint32_t max_use = 1;  // 0: unbounded
};

// `loop N1 200 O`, `loop 2000B >1 M level 22`.
struct LoopLine {
  std::string id;
  uint32_t max_repeat = 1;  // 0: unbounded
  char usage = 'O';
  std::string level;
};

// A level 3 check in a set: `check CTT01 count PO1` (CTT01 is the number of PO1 segments),
// `check CTT02 sum PO102` (CTT02 is the hash total of every PO102).
struct CheckLine {
  std::string target;  // "CTT01"
  std::string kind;    // count, sum
  std::string source;  // "PO1" (count) or "PO102" (sum)
};

// The element that names the business unit a finding falls in, for 999 CTX: `context CLM01`.
struct ContextLine {
  std::string element;  // "CLM01"
};

// A guide edit: `require PO1/PID`, `exclude MSG`, `max N1 5`, `codes BEG02 SA NE`.
struct EditLine {
  std::string verb;
  std::string target;
  std::vector<std::string> arguments;
};

struct EndLine {};

using GrammarLine =
    std::variant<ElementLine, BlockLine, CodeRun, UseLine, RuleLine, StructureLine, LoopLine, CheckLine, ContextLine, EditLine,
                 EndLine>;

struct Statement {
  uint32_t line = 0;
  GrammarLine content;
};

struct GrammarFile {
  std::string path;
  std::vector<Statement> statements;
  std::vector<CodeLine> codes;  // the lines of every CodeRun
  std::vector<std::string> errors;  // "file:line:col: what"
};

GrammarFile ParseGrammarFile(std::string path, std::string_view text);

}  // namespace wharf::grammar
