// Streaming file checks.
#include "cli/file_check.h"

#include "cli/grammar_location.h"
#include "detect/format_runs.h"
#include "edifact/grammar_check.h"

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
                            const std::function<void(const CheckedInterchange&)>& visit) {
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

  const std::string_view file = bytes->view();
  FormatSplit split = SplitByFormat(file);
  print(split.findings, "-");
  x12::Interchange x12_interchange;
  edifact::Interchange edifact_interchange;
  // Ordinals count a standard's interchanges from the file's start, across runs.
  uint32_t x12_read = 0, edifact_read = 0;
  for (const FormatRun& run : split.runs) {
    const std::string_view through_run = file.substr(0, run.end);
    if (run.format == Format::kX12) {
      x12::ReaderOptions reader_options = options.reader;
      reader_options.begin = run.begin;
      reader_options.ordinals_before = x12_read;
      x12::InterchangeReader reader(through_run, reader_options);
      while (reader.Next(x12_interchange)) {
        ++x12_read;
        x12::CheckGrammars(x12_interchange, options.grammars);
        print(reader.TakeFileFindings(), "-");  // what came before this interchange
        print(x12_interchange.findings, x12_interchange.Label());
        ++tally.interchanges;
        tally.valid_interchanges += x12_interchange.valid();
        for (const auto& group : x12_interchange.envelope.groups) tally.transaction_sets += group.sets.size();
        tally.segments += x12_interchange.tape.segment_count();
        if (visit) visit({&x12_interchange, nullptr});
      }
      print(reader.TakeFileFindings(), "-");
    } else {
      edifact::ReaderOptions reader_options;
      reader_options.scan_kernel = options.reader.scan_kernel;
      reader_options.unwrap_line_breaks = options.reader.unwrap_line_breaks;
      reader_options.begin = run.begin;
      reader_options.ordinals_before = edifact_read;
      edifact::InterchangeReader reader(through_run, reader_options);
      while (reader.Next(edifact_interchange)) {
        ++edifact_read;
        edifact::CheckGrammars(edifact_interchange, options.grammars);
        print(reader.TakeFileFindings(), "-");
        print(edifact_interchange.findings, edifact_interchange.Label());
        ++tally.interchanges;
        tally.valid_interchanges += edifact_interchange.valid();
        for (const auto& group : edifact_interchange.envelope.groups) tally.messages += group.messages.size();
        tally.segments += edifact_interchange.tape.segment_count();
        if (visit) visit({nullptr, &edifact_interchange});
      }
      print(reader.TakeFileFindings(), "-");
    }
  }
  return tally;
}

}  // namespace wharf::cli
