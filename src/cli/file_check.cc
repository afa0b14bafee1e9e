// Streaming file checks.
#include "cli/file_check.h"

#include "cli/grammar_location.h"

#include <algorithm>
#include <ostream>
#include <vector>

namespace wharf::cli {
namespace {

// Prints findings sorted by file offset; `label` names their interchange ("-" for the file).
void PrintFindings(const Findings& findings, std::string_view label, const std::string& file_name,
                   bool include_warnings, LineIndex& lines, std::ostream& out) {
  std::vector<const Finding*> sorted;
  for (const Finding& f : findings) {
    if (include_warnings || f.is_error()) sorted.push_back(&f);
  }
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Finding* a, const Finding* b) { return a->file_offset < b->file_offset; });
  for (const Finding* f : sorted) out << FormatFinding(file_name, label, *f, lines) << '\n';
}

void Count(const Findings& findings, FileTally& tally) {
  for (const Finding& f : findings) ++(f.is_error() ? tally.errors : tally.warnings);
}

}  // namespace

std::vector<OptionSpec> CheckOptionSpecs() {
  return {{"--summary", "", false},       {"--no-warnings", "", false},     {"--keep-line-breaks", "", false},
          {"--grammars", "", true},       {"--envelope-only", "", false},   {"--guide", "", true},
          {"--require-grammar", "", false}, {"--help", "-h", false}};
}

const char* const kCheckOptionsHelp =
    "  --grammars DIR      grammar folder (default: $WHARF_GRAMMARS, else the grammars/ wharf was built with)\n"
    "  --envelope-only     check envelopes only, not transaction sets against their grammars\n"
    "  --guide ID          validate every transaction set against this implementation guide\n"
    "  --require-grammar   a set or version with no grammar is an error (default: a warning)\n"
    "  --summary           print a line per file (interchanges, sets, findings, speed) on standard error\n"
    "  --no-warnings       print errors only\n"
    "  --keep-line-breaks  read line breaks inside segments as data instead of unwrapping wrapped files\n"
    "  -h, --help          show this help\n";

Result<CheckSetup> CheckSetupFrom(const Arguments& parsed) {
  CheckSetup setup;
  setup.options.reader.unwrap_line_breaks = !parsed.has("--keep-line-breaks");
  setup.options.include_warnings = !parsed.has("--no-warnings");
  if (parsed.has("--envelope-only")) return setup;
  const std::filesystem::path root = parsed.value("--grammars").value_or(DefaultGrammarRoot().string());
  setup.registry = std::make_unique<grammar::GrammarRegistry>(grammar::LoadGrammars(root));
  if (!setup.registry->errors().empty()) {
    std::string problems = "the grammars in " + root.string() + " do not load:";
    for (const std::string& error : setup.registry->errors()) problems += "\n  " + error;
    return Status::InvalidArgument(problems);
  }
  setup.options.grammars.registry = setup.registry.get();
  setup.options.grammars.require_grammar = parsed.has("--require-grammar");
  setup.options.grammars.guide = parsed.value("--guide").value_or("");
  return setup;
}

Result<FileTally> CheckFile(const std::string& path, const CheckOptions& options, std::ostream& findings_out,
                            const std::function<void(const x12::Interchange&)>& visit) {
  Result<PaddedBuffer> bytes = ReadInputFile(path);
  if (!bytes.ok()) return bytes.status();
  FileTally tally;
  tally.name = path == "-" ? "<stdin>" : path;
  tally.bytes = bytes->size();
  LineIndex lines(bytes->view());
  auto print = [&](const Findings& findings, std::string_view label) {
    Count(findings, tally);
    PrintFindings(findings, label, tally.name, options.include_warnings, lines, findings_out);
  };

  x12::InterchangeReader reader(bytes->view(), options.reader);
  x12::Interchange interchange;
  while (reader.Next(interchange)) {
    x12::CheckGrammars(interchange, options.grammars);
    print(reader.TakeFileFindings(), "-");  // what came before this interchange
    print(interchange.findings, interchange.Label());
    ++tally.interchanges;
    tally.valid_interchanges += interchange.valid();
    for (const auto& group : interchange.envelope.groups) tally.transaction_sets += group.sets.size();
    if (visit) visit(interchange);
  }
  print(reader.TakeFileFindings(), "-");
  return tally;
}

}  // namespace wharf::cli
