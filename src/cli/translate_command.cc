// wharf translate: interchanges to JSON, written whole or not at all.
#include <chrono>
#include <ostream>
#include <vector>

#include "cli/arguments.h"
#include "cli/file_check.h"
#include "cli/cli.h"
#include "cli/csv_translate.h"
#include "cli/run_summary.h"
#include "core/atomic_file.h"
#include "translate/edifact_json.h"
#include "translate/x12_json.h"

namespace wharf::cli {
namespace {

constexpr const char* kTranslateHelp =
    "usage: wharf translate FILE... --to json [-o OUT] [options]\n"
    "\n"
    "Translates every interchange of each FILE ('-' reads standard input) to one JSON document per\n"
    "interchange, one document per line (JSON Lines). The document shape is described in README.md.\n"
    "An interchange larger than two pieces (--piece-size) is written as one document per part, each\n"
    "with the interchange's header and that part's transaction sets or messages.\n"
    "With --from csv, each CSV record (RFC 4180) becomes one JSON object keyed by the header's names.\n"
    "Findings are printed on standard error as 'wharf validate' prints them.\n"
    "\n"
    "options:\n"
    "  --to FORMAT         output format: json\n"
    "  -o, --output OUT    write to OUT ('-', the default, is standard output); a file appears whole\n"
    "                      or not at all\n"
    "  --skip-invalid      write the valid interchanges and skip the invalid ones (without it, an\n"
    "                      error anywhere means nothing is written); CSV records are written as read\n";
constexpr const char* kTranslateExit = "\nexit status: 0 everything translated, 1 errors found, 2 usage or I/O error\n";

void PrintHelp(std::ostream& out) { out << kTranslateHelp << kCsvOptionsHelp << kCheckOptionsHelp << kTranslateExit; }

}  // namespace

int RunTranslate(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  std::vector<OptionSpec> specs = CheckOptionSpecs();
  specs.push_back({"--to", "", true});
  specs.push_back({"--output", "-o", true});
  specs.push_back({"--skip-invalid", "", false});
  for (const OptionSpec& spec : CsvOptionSpecs()) specs.push_back(spec);
  const Arguments parsed = ParseArguments(args, specs);
  if (parsed.has("--help")) {
    PrintHelp(out);
    return kExitOk;
  }
  std::string usage_error = parsed.error;
  if (usage_error.empty() && parsed.operands.empty()) usage_error = "no input file given";
  if (usage_error.empty() && !parsed.value("--to")) usage_error = "--to FORMAT is required";
  if (usage_error.empty() && parsed.value("--to") != "json") {
    usage_error = "unsupported output format '" + *parsed.value("--to") + "' (supported: json)";
  }
  const std::string from = parsed.value("--from").value_or("edi");
  if (usage_error.empty() && from != "edi" && from != "csv") {
    usage_error = "unsupported input format '" + from + "' (supported: edi, csv)";
  }
  Result<flat::CsvDialect> csv_dialect = CsvDialectFrom(parsed);
  if (usage_error.empty() && !csv_dialect.ok()) usage_error = csv_dialect.status().message();
  if (!usage_error.empty()) {
    err << "wharf translate: " << usage_error << "\n\n";
    PrintHelp(err);
    return kExitUsage;
  }
  const std::string output_path = parsed.value("--output").value_or("-");
  const bool to_stdout = output_path == "-";
  const bool skip_invalid = parsed.has("--skip-invalid");
  // CSV needs no grammars: they are loaded for EDI input only.
  Result<CheckSetup> setup = from == "csv" ? Result<CheckSetup>(CheckSetup{}) : CheckSetupFrom(parsed);
  if (setup.ok() && from == "csv") setup->options.include_warnings = !parsed.has("--no-warnings");
  if (!setup.ok()) {
    err << "wharf: " << setup.status().message() << "\n";
    return kExitUsage;
  }
  const CheckOptions& options = setup->options;

  // A file output streams into its temporary file and is renamed into place only at the end;
  // standard output cannot be taken back, so it is held until everything is known to be good.
  AtomicFileWriter writer;
  if (!to_stdout) {
    if (Status opened = writer.Open(output_path); !opened.ok()) {
      err << "wharf translate: " << opened.message() << "\n";
      return kExitUsage;
    }
  }
  constexpr size_t kFlushBytes = 1 << 20;
  size_t documents = 0, skipped = 0;
  OutputBuffer json;
  uint64_t flushed = 0;  // bytes of JSON in the output file
  Status write_status;
  auto flush = [&] {
    if (to_stdout || !write_status.ok()) return;
    write_status = writer.Append(json.view());
    flushed += json.size();
    json.clear();
  };
  // An interchange read in parts (cli/file_check.h) is written part by part, one document each,
  // before its validity is known: where its first part began, to take the parts back.
  uint64_t parts_begin = 0;
  size_t parts_written = 0;
  auto take_parts_back = [&] {
    if (parts_begin >= flushed) {
      json.truncate(parts_begin - flushed);
    } else {
      if (write_status.ok()) write_status = writer.TruncateTo(parts_begin);
      flushed = parts_begin;
      json.clear();
    }
    documents -= parts_written;
  };

  const auto started = std::chrono::steady_clock::now();
  int status = kExitOk;
  uint64_t input_bytes = 0;
  for (const std::string& path : parsed.operands) {
    const auto file_started = std::chrono::steady_clock::now();
    const std::string source = path == "-" ? "<stdin>" : path;
    // Built on the checking threads: every part, and every whole interchange that is valid.
    auto to_json = [&](const CheckedInterchange& checked, OutputBuffer& document) {
      if (checked.part == 0 && !checked.valid()) return;
      if (checked.x12 != nullptr) {
        AppendInterchangeJson(*checked.x12, source, document);
      } else {
        AppendInterchangeJson(*checked.edifact, source, document);
      }
      document.push_back('\n');
    };
    auto translate_interchange = [&](const CheckedInterchange& checked) {
      if (checked.joined) {
        if (!checked.valid()) {
          ++skipped;
          take_parts_back();
        }
        return;
      }
      if (checked.part == 1) {
        parts_begin = flushed + json.size();
        parts_written = 0;
      }
      if (checked.part == 0 && !checked.valid()) {
        ++skipped;
        return;
      }
      json.append(checked.rendered);
      ++documents;
      parts_written += checked.part != 0;
      if (json.size() >= kFlushBytes) flush();
    };
    Result<FileTally> file = from == "csv"
                                 ? TranslateCsvFile(path, *csv_dialect, options.include_warnings, err, json, flush)
                                 : CheckFile(path, options, err, translate_interchange, to_json);
    if (!file.ok()) {
      err << "wharf translate: " << file.status().message() << "\n";
      status = kExitUsage;
      continue;
    }
    input_bytes += file->bytes;
    documents += file->csv ? file->records - (file->records > 0 && csv_dialect->header) : 0;
    if (file->errors > 0 && status == kExitOk) status = kExitFindings;
    if (parsed.has("--summary")) err << SummarizeFile(*file, std::chrono::steady_clock::now() - file_started) << "\n";
  }

  const bool write = status == kExitOk || (status == kExitFindings && skip_invalid);
  if (write && to_stdout) {
    out << json.view();
  } else if (write) {
    flush();
    if (write_status.ok()) write_status = writer.Commit();
    if (!write_status.ok()) {
      err << "wharf translate: " << write_status.message() << "\n";
      return kExitUsage;
    }
  } else {
    writer.Abandon();
    err << "wharf translate: nothing written: " << (status == kExitUsage ? "an input could not be read" : "errors found")
        << (status == kExitFindings ? " (--skip-invalid writes the valid interchanges)" : "") << "\n";
  }
  if (parsed.has("--summary")) {
    const auto elapsed = std::chrono::steady_clock::now() - started;
    err << "wharf translate: " << documents << " JSON document" << (documents == 1 ? "" : "s")
        << (write ? " written to " + (to_stdout ? std::string("standard output") : output_path) : " not written")
        << ", " << skipped << " invalid interchange" << (skipped == 1 ? "" : "s") << " skipped; "
        << FormatBytes(input_bytes) << (input_bytes >= 1000 * 1000 ? " at " + FormatRate(input_bytes, elapsed) : "")
        << "\n";
  }
  return status;
}

}  // namespace wharf::cli
