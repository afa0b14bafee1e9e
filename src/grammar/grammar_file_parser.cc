// The *.grammar line syntax, in Boost.Spirit X3. Every X3 template lives in this one file so that
// only it pays their compile time; the rest of wharf sees grammar_file.h.
//
// Each line is parsed on its own by the rule its block context calls for (a code inside `codes`,
// an element use inside `segment`, a structure line inside `set`), which keeps line and column
// exact and lets parsing go on after a bad line.
#include <boost/spirit/home/x3.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "grammar/grammar_file.h"

namespace wharf::grammar {
namespace {

namespace x3 = boost::spirit::x3;
using Iterator = std::string_view::const_iterator;

// Tokens. A word is anything up to a blank or a quote; a string is in double quotes.
const auto word = x3::rule<class word_tag, std::string>{"a word"} = x3::lexeme[+(x3::graph - '"')];
const auto quoted = x3::rule<class quoted_tag, std::string>{"a quoted name"} =
    x3::lexeme['"' > *(x3::char_ - '"') > '"'];
// A code is a word, or quoted when it holds blanks ("SITUATIONAL TRIGGER").
const auto token = x3::rule<class token_tag, std::string>{"a code"} = quoted | word;
const auto usage = x3::rule<class usage_tag, char>{"a usage (M, O, X, R, S, N or C)"} = x3::char_("MOXRSNC");
// A count: a number, or ">1" for unbounded (stored as 0).
const auto count = x3::rule<class count_tag, uint32_t>{"a count (a number or >1)"} =
    (x3::lit(">1") >> x3::attr(0u)) | x3::uint_;

// Gives a parser (a semantic action, a repetition) a name to report when it is expected and
// missing; an anonymous parser's name would be a C++ type.
template <typename Parser>
auto Named(const char* name, const Parser& parser) {
  return x3::rule<class named_tag>{name} = parser;
}

// Runs `parser` over the whole line; a failure becomes "file:line:col: what". `shape` says what
// a line of this kind looks like, for a line that does not even start as one.
template <typename Parser>
bool ParseLine(std::string_view text, const Parser& parser, const std::string& where, uint32_t line,
               std::vector<std::string>& errors, const char* shape) {
  Iterator first = text.begin();
  const Iterator last = text.end();
  auto error = [&](Iterator at, const std::string& what) {
    while (at != last && (*at == ' ' || *at == '\t')) ++at;  // point at the culprit, not the blank before it
    errors.push_back(where + ":" + std::to_string(line) + ":" + std::to_string(at - text.begin() + 1) + ": " + what);
  };
  try {
    const bool ok = x3::phrase_parse(first, last, parser, x3::blank);
    if (!ok) {
      error(first, std::string("expected ") + shape);
      return false;
    }
    if (first != last) {
      error(first, "unexpected '" + std::string(first, last) + "'");
      return false;
    }
    return true;
  } catch (const x3::expectation_failure<Iterator>& failure) {
    // Named rules say what they expect; an anonymous parser's name is a C++ type, not for people.
    const std::string& which = failure.which();
    error(failure.where(), which.find("boost") == std::string::npos ? "expected " + which : "cannot read this part");
    return false;
  }
}

// Strips a comment ('#' outside quotes) and trailing blanks.
std::string_view Content(std::string_view line) {
  bool in_quotes = false;
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '"') in_quotes = !in_quotes;
    if (line[i] == '#' && !in_quotes) {
      line = line.substr(0, i);
      break;
    }
  }
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.remove_suffix(1);
  return line;
}

std::string_view FirstWord(std::string_view text) {
  const size_t start = text.find_first_not_of(" \t");
  if (start == std::string_view::npos) return {};
  const size_t end = text.find_first_of(" \t", start);
  return text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
}

// --- the plain forms of the two commonest lines, read without the parser --------------------
//
// Four lines in five of a version's files are codes (`00 "Original"`) or element uses
// (`01 353 M`), and most are in the plainest form. Reading those by hand halves the load of a
// version (a few milliseconds of every command's run). Each function takes only a line the rules
// below would read the same way; anything else, a quoted code, a repeat, a stray quote, goes to
// the rules, which stay the definition of the syntax and say what is wrong. `text` has been
// through Content(): no comment, no trailing blank.

// x3::blank and x3::graph in the standard encoding (core/bytes.h's IsBlank takes line breaks too).
bool IsSpaceOrTab(char c) { return c == ' ' || c == '\t'; }
bool IsGraph(char c) { return c > ' ' && c < 0x7f; }

// The end of the word (x3::graph other than '"') starting at `at`.
size_t WordEnd(std::string_view text, size_t at) {
  while (at < text.size() && IsGraph(text[at]) && text[at] != '"') ++at;
  return at;
}

size_t SkipBlanks(std::string_view text, size_t at) { return std::min(text.size(), text.find_first_not_of(" \t", at)); }

// `CODE` or `CODE "description"`.
bool PlainCodeLine(std::string_view text, std::string_view& code) {
  const size_t start = SkipBlanks(text, 0);
  if (start == text.size() || text[start] == '"') return false;
  const size_t end = WordEnd(text, start);
  if (end == start) return false;
  code = text.substr(start, end - start);
  if (end == text.size()) return true;
  if (!IsSpaceOrTab(text[end])) return false;
  const size_t quote = SkipBlanks(text, end);
  return text.size() - quote >= 2 && text[quote] == '"' && text.back() == '"' &&
         text.substr(quote + 1, text.size() - quote - 2).find('"') == std::string_view::npos;
}

// `NN REFERENCE U`: a position, an element or composite id and a usage, nothing more.
bool PlainUseLine(std::string_view text, UseLine& line) {
  size_t at = SkipBlanks(text, 0);
  const size_t digits = at;
  uint32_t position = 0;
  while (at < text.size() && at - digits < 9 && text[at] >= '0' && text[at] <= '9') position = position * 10 + (text[at++] - '0');
  if (at == digits || at == text.size() || !IsSpaceOrTab(text[at])) return false;
  const size_t reference = SkipBlanks(text, at);
  const size_t reference_end = WordEnd(text, reference);
  if (reference_end == reference || reference_end == text.size() || !IsSpaceOrTab(text[reference_end])) return false;
  const size_t usage_at = SkipBlanks(text, reference_end);
  if (usage_at + 1 != text.size() || std::string_view("MOXRSNC").find(text[usage_at]) == std::string_view::npos) {
    return false;
  }
  line.position = position;
  line.reference.assign(text.substr(reference, reference_end - reference));
  line.usage = text[usage_at];
  return true;
}

enum class Context { kTop, kCodes, kElements, kStructure, kGuide };

class FileParser {
 public:
  FileParser(std::string path, std::string_view text) : text_(text) { file_.path = std::move(path); }

  GrammarFile Run() {
    // One statement or code per line at most: reserved once, not grown line by line (pages
    // reserved and never written cost nothing).
    const size_t lines = static_cast<size_t>(std::count(text_.begin(), text_.end(), '\n')) + 1;
    file_.statements.reserve(lines);
    file_.codes.reserve(lines);
    uint32_t number = 0;
    size_t start = 0;
    while (start <= text_.size()) {
      const size_t end = text_.find('\n', start);
      const std::string_view line = text_.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
      ++number;
      Line(Content(line), number);
      if (end == std::string_view::npos) break;
      start = end + 1;
    }
    if (!contexts_.empty()) {
      file_.errors.push_back(file_.path + ":" + std::to_string(number) + ":1: the file ends inside a block opened on line " +
                             std::to_string(open_lines_.back()) + " (missing 'end')");
    }
    return std::move(file_);
  }

 private:
  Context context() const { return contexts_.empty() ? Context::kTop : contexts_.back(); }

  template <typename Content, typename Parser>
  void Parse(std::string_view text, uint32_t number, Content& content, const Parser& parser, const char* shape) {
    if (ParseLine(text, parser, file_.path, number, file_.errors, shape)) {
      file_.statements.push_back({number, std::move(content)});
    }
  }

  void Line(std::string_view text, uint32_t number) {
    const std::string_view keyword = FirstWord(text);
    if (keyword.empty()) return;
    if (keyword == "end") {
      if (contexts_.empty()) {
        file_.errors.push_back(file_.path + ":" + std::to_string(number) + ":1: 'end' without a block to end");
        return;
      }
      contexts_.pop_back();
      open_lines_.pop_back();
      file_.statements.push_back({number, EndLine{}});
      return;
    }
    switch (context()) {
      case Context::kTop: return TopLine(text, keyword, number);
      case Context::kCodes: return CodeEntry(text, number);
      case Context::kElements: return ElementEntry(text, keyword, number);
      case Context::kStructure: return StructureEntry(text, keyword, number);
      case Context::kGuide: return GuideEntry(text, number);
    }
  }

  void Open(Context context, uint32_t number) {
    contexts_.push_back(context);
    open_lines_.push_back(number);
  }

  void TopLine(std::string_view text, std::string_view keyword, uint32_t number) {
    if (keyword == "element") {
      ElementLine line;
      auto set_id = [&](auto& ctx) { line.id = x3::_attr(ctx); };
      auto set_type = [&](auto& ctx) { line.type = x3::_attr(ctx); };
      auto set_min = [&](auto& ctx) { line.min_length = x3::_attr(ctx); };
      auto set_max = [&](auto& ctx) { line.max_length = x3::_attr(ctx); };
      auto set_name = [&](auto& ctx) { line.name = x3::_attr(ctx); };
      const auto lengths = x3::rule<class lengths_tag>{"min/max lengths such as 1/15"} =
          x3::uint_[set_min] > '/' > x3::uint_[set_max];
      // X12 writes a type and min/max lengths (ID 3/3); EDIFACT a format that holds both (an..35).
      Parse(text, number, line,
            x3::lit("element") > Named("an element number", word[set_id]) > Named("a type such as AN", word[set_type]) >
                -lengths > Named("a quoted name", quoted[set_name]),
            "an element line such as 'element 143 ID 3/3 \"Name\"' or 'element 1004 an..35 \"Name\"'");
      return;
    }
    static const std::pair<std::string_view, Context> kBlocks[] = {{"codes", Context::kCodes},
                                                                   {"composite", Context::kElements},
                                                                   {"segment", Context::kElements},
                                                                   {"set", Context::kStructure},
                                                                   {"guide", Context::kGuide}};
    for (const auto& [name, block] : kBlocks) {
      if (keyword != name) continue;
      BlockLine line;
      line.keyword = std::string(name);
      std::string key;
      auto set_id = [&](auto& ctx) { line.id = x3::_attr(ctx); };
      auto set_name = [&](auto& ctx) { line.name = x3::_attr(ctx); };
      auto set_key = [&](auto& ctx) { key = x3::_attr(ctx); };
      auto set_value = [&](auto& ctx) { line.attributes.emplace_back(key, x3::_attr(ctx)); };
      Parse(text, number, line,
            x3::lit(name.data()) > Named("an id", word[set_id]) > Named("a quoted name", quoted[set_name]) >
                *(word[set_key] > Named("a value", word[set_value])),
            "a block header such as 'segment BEG \"Name\"'");
      Open(block, number);  // even when its first line is wrong, so that its lines are not misread
      return;
    }
    file_.errors.push_back(file_.path + ":" + std::to_string(number) + ":1: unknown statement '" + std::string(keyword) +
                           "' (expected element, codes, composite, segment, set or guide)");
  }

  // Code lines are most lines of a version's files, so this rule builds no strings on the way:
  // the code is taken whole from the text, and the description is only checked. The plain form
  // is read without the rule (PlainCodeLine).
  void CodeEntry(std::string_view text, uint32_t number) {
    CodeLine line;
    if (std::string_view code; PlainCodeLine(text, code)) {
      line.code.assign(code);
      AddCode(std::move(line), number);
      return;
    }
    auto set_code = [&](auto& ctx) {
      const auto& span = x3::_attr(ctx);
      line.code.assign(span.begin(), span.end());
    };
    const auto code = x3::rule<class code_tag>{"a code"} =
        x3::lexeme['"' > x3::raw[*(x3::char_ - '"')][set_code] > '"'] | x3::raw[x3::lexeme[+(x3::graph - '"')]][set_code];
    const auto description = x3::rule<class description_tag>{"a quoted name"} =
        x3::lexeme['"' > x3::omit[*(x3::char_ - '"')] > '"'];
    if (!ParseLine(text, code >> -description, file_.path, number, file_.errors, "a code such as '00 \"Original\"'")) {
      return;
    }
    AddCode(std::move(line), number);
  }

  void AddCode(CodeLine line, uint32_t number) {
    line.line = number;
    const auto index = static_cast<uint32_t>(file_.codes.size());
    file_.codes.push_back(std::move(line));
    CodeRun* run = file_.statements.empty() ? nullptr : std::get_if<CodeRun>(&file_.statements.back().content);
    if (run != nullptr && run->end == index) {
      run->end = index + 1;
    } else {
      file_.statements.push_back({number, CodeRun{index, index + 1}});
    }
  }

  void ElementEntry(std::string_view text, std::string_view keyword, uint32_t number) {
    if (keyword == "rule") {
      RuleLine line;
      auto add = [&](auto& ctx) { line.rules.push_back(x3::_attr(ctx)); };
      const auto rules = x3::rule<class rules_tag>{"syntax rules such as P0102"} = +word[add];
      Parse(text, number, line, x3::lit("rule") > rules, "a rule line such as 'rule P0102'");
      return;
    }
    UseLine line;
    if (PlainUseLine(text, line)) {
      file_.statements.push_back({number, std::move(line)});
      return;
    }
    auto set_position = [&](auto& ctx) { line.position = x3::_attr(ctx); };
    auto set_reference = [&](auto& ctx) { line.reference = x3::_attr(ctx); };
    auto set_usage = [&](auto& ctx) { line.usage = x3::_attr(ctx); };
    auto set_repeat = [&](auto& ctx) { line.max_repeat = x3::_attr(ctx); };
    auto add_code = [&](auto& ctx) { line.codes.push_back(x3::_attr(ctx)); };
    auto set_list = [&](auto& ctx) { line.code_list = x3::_attr(ctx); };
    const auto position = x3::rule<class position_tag>{"an element position such as 01"} = x3::uint_[set_position];
    const auto repeat = x3::rule<class repeat_tag>{"a repeat such as x5"} = x3::lexeme['x' > count[set_repeat]];
    const auto codes = x3::rule<class codes_tag>{"one or more codes"} = +token[add_code];
    const auto list = x3::rule<class list_tag>{"a code list name"} = word[set_list];
    Parse(text, number, line,
          position > Named("an element or composite id", word[set_reference]) >
              Named("a usage (M, O, X, R, S, N or C)", usage[set_usage]) > -repeat >
              -((x3::lit("codes") > codes) | (x3::lit("list") > list)),
          "an element use such as '01 353 M'");
  }

  void StructureEntry(std::string_view text, std::string_view keyword, uint32_t number) {
    if (keyword == "check") {
      CheckLine line;
      auto set_target = [&](auto& ctx) { line.target = x3::_attr(ctx); };
      auto count_kind = [&](auto&) { line.kind = "count"; };
      auto sum_kind = [&](auto&) { line.kind = "sum"; };
      auto set_source = [&](auto& ctx) { line.source = x3::_attr(ctx); };
      const auto kind = x3::lit("count")[count_kind] | x3::lit("sum")[sum_kind];
      Parse(text, number, line,
            x3::lit("check") > Named("an element such as CTT01", word[set_target]) > Named("count or sum", kind) >
                Named("a segment (count) or element (sum)", word[set_source]),
            "a check such as 'check CTT01 count PO1'");
      return;
    }
    if (keyword == "context") {
      ContextLine line;
      auto set_element = [&](auto& ctx) { line.element = x3::_attr(ctx); };
      Parse(text, number, line, x3::lit("context") > Named("an element such as CLM01", word[set_element]),
            "a context line such as 'context CLM01'");
      return;
    }
    if (keyword == "loop") {
      LoopLine line;
      auto set_id = [&](auto& ctx) { line.id = x3::_attr(ctx); };
      auto set_max = [&](auto& ctx) { line.max_repeat = x3::_attr(ctx); };
      auto set_usage = [&](auto& ctx) { line.usage = x3::_attr(ctx); };
      auto set_level = [&](auto& ctx) { line.level = x3::_attr(ctx); };
      Parse(text, number, line,
            x3::lit("loop") > Named("a loop id", word[set_id]) > Named("a count (a number or >1)", count[set_max]) >
                Named("a usage (M, O, X, R, S, N or C)", usage[set_usage]) >
                -(x3::lit("level") > Named("an HL03 level code", word[set_level])),
            "a loop line such as 'loop N1 200 O'");
      Open(Context::kStructure, number);
      return;
    }
    StructureLine line;
    auto set_position = [&](auto& ctx) { line.position = x3::_attr(ctx); };
    auto set_segment = [&](auto& ctx) { line.segment = x3::_attr(ctx); };
    auto set_usage = [&](auto& ctx) { line.usage = x3::_attr(ctx); };
    auto set_max = [&](auto& ctx) { line.max_use = x3::_attr(ctx); };
    Parse(text, number, line,
          word[set_position] > Named("a segment id", word[set_segment]) >
              Named("a usage (M, O, X, R, S, N or C)", usage[set_usage]) >
              Named("a count (a number or >1)", count[set_max]),
          "a segment line such as '010 ST M 1'");
  }

  void GuideEntry(std::string_view text, uint32_t number) {
    EditLine line;
    auto set_verb = [&](auto& ctx) { line.verb = x3::_attr(ctx); };
    auto set_target = [&](auto& ctx) { line.target = x3::_attr(ctx); };
    auto add_argument = [&](auto& ctx) { line.arguments.push_back(x3::_attr(ctx)); };
    const auto verb = x3::rule<class verb_tag, std::string>{"require, optional, exclude, max or codes"} =
        x3::string("require") | x3::string("optional") | x3::string("exclude") | x3::string("max") | x3::string("codes");
    Parse(text, number, line, verb[set_verb] > Named("a segment, loop or element", word[set_target]) > *word[add_argument],
          "a guide edit such as 'require N1/N3' or 'codes BEG02 SA'");
  }

  std::string_view text_;
  GrammarFile file_;
  std::vector<Context> contexts_;
  std::vector<uint32_t> open_lines_;
};

}  // namespace

GrammarFile ParseGrammarFile(std::string path, std::string_view text) { return FileParser(std::move(path), text).Run(); }

}  // namespace wharf::grammar
