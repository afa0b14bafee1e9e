// wharf translate: interchanges to JSON, written whole or not at all.
#include <chrono>
#include <ostream>

#include "cli/arguments.h"
#include "cli/checked_file.h"
#include "cli/cli.h"
#include "cli/run_summary.h"
#include "core/atomic_file.h"
#include "translate/x12_json.h"

namespace wharf::cli {
namespace {

constexpr const char* kTranslateHelp =
    "usage: wharf translate FILE... --to json [-o OUT] [options]\n"
    "\n"
    "Translates every interchange of each FILE ('-' reads standard input) to one JSON document per\n"
    "interchange, one document per line (JSON Lines). The document shape is described in README.md.\n"
    "Findings are printed on standard error as 'wharf validate' prints them.\n"
    "\n"
    "options:\n"
    "  --to FORMAT         output format: json\n"
    "  -o, --output OUT    write to OUT ('-', the default, is standard output); a file appears whole\n"
    "                      or not at all\n"
    "  --skip-invalid      write the valid interchanges and skip the invalid ones (without it, an\n"
    "                      error anywhere means nothing is written)\n"
    "  --summary           print a line per file and a total on standard error\n"
    "  --no-warnings       print errors only\n"
    "  --keep-line-breaks  read line breaks inside segments as data instead of unwrapping wrapped files\n"
    "  -h, --help          show this help\n"
    "\n"
    "exit status: 0 everything translated, 1 errors found, 2 usage or I/O error\n";

}  // namespace

int RunTranslate(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  const Arguments parsed = ParseArguments(args, {{"--to", "", true},
                                                 {"--output", "-o", true},
                                                 {"--skip-invalid", "", false},
                                                 {"--summary", "", false},
                                                 {"--no-warnings", "", false},
                                                 {"--keep-line-breaks", "", false},
                                                 {"--help", "-h", false}});
  if (parsed.has("--help")) {
    out << kTranslateHelp;
    return kExitOk;
  }
  std::string usage_error = parsed.error;
  if (usage_error.empty() && parsed.operands.empty()) usage_error = "no input file given";
  if (usage_error.empty() && !parsed.value("--to")) usage_error = "--to FORMAT is required";
  if (usage_error.empty() && parsed.value("--to") != "json") {
    usage_error = "unsupported output format '" + *parsed.value("--to") + "' (supported: json)";
  }
  if (!usage_error.empty()) {
    err << "wharf translate: " << usage_error << "\n\n" << kTranslateHelp;
    return kExitUsage;
  }
  const std::string output_path = parsed.value("--output").value_or("-");
  const bool skip_invalid = parsed.has("--skip-invalid");
  x12::ReaderOptions options;
  options.unwrap_line_breaks = !parsed.has("--keep-line-breaks");

  const auto started = std::chrono::steady_clock::now();
  OutputBuffer json;
  int status = kExitOk;
  size_t documents = 0, skipped = 0;
  uint64_t input_bytes = 0;
  for (const std::string& path : parsed.operands) {
    const auto file_started = std::chrono::steady_clock::now();
    Result<CheckedFile> file = CheckFile(path, options);
    if (!file.ok()) {
      err << "wharf translate: " << file.status().message() << "\n";
      status = kExitUsage;
      continue;
    }
    input_bytes += file->bytes.size();
    for (const std::string& line : FormatFindings(*file, !parsed.has("--no-warnings"))) err << line << '\n';
    if (file->error_count() > 0 && status == kExitOk) status = kExitFindings;
    for (const x12::Interchange& interchange : file->interchanges) {
      if (!interchange.valid()) {
        ++skipped;
        continue;
      }
      AppendInterchangeJson(interchange, file->name, json);
      json.push_back('\n');
      ++documents;
    }
    if (parsed.has("--summary")) err << SummarizeFile(*file, std::chrono::steady_clock::now() - file_started) << "\n";
  }
  const bool write = status == kExitOk || (status == kExitFindings && skip_invalid);
  if (write && output_path == "-") {
    out << json.view();
  } else if (write) {
    if (Status written = WriteFileAtomically(output_path, json.view()); !written.ok()) {
      err << "wharf translate: " << written.message() << "\n";
      return kExitUsage;
    }
  } else {
    err << "wharf translate: nothing written: " << (status == kExitUsage ? "an input could not be read" : "errors found")
        << (status == kExitFindings ? " (--skip-invalid writes the valid interchanges)" : "") << "\n";
  }
  if (parsed.has("--summary")) {
    const auto elapsed = std::chrono::steady_clock::now() - started;
    err << "wharf translate: " << documents << " JSON document" << (documents == 1 ? "" : "s")
        << (write ? " written to " + (output_path == "-" ? std::string("standard output") : output_path) : " not written")
        << ", " << skipped << " invalid interchange" << (skipped == 1 ? "" : "s") << " skipped; "
        << FormatBytes(input_bytes) << " in " << FormatRate(input_bytes, elapsed) << "\n";
  }
  return status;
}

}  // namespace wharf::cli
