// wharf validate: envelope checks with one finding per line.
#include <chrono>
#include <ostream>

#include "cli/arguments.h"
#include "cli/file_check.h"
#include "cli/cli.h"
#include "cli/run_summary.h"

namespace wharf::cli {
namespace {

constexpr const char* kValidateHelp =
    "usage: wharf validate [options] FILE...\n"
    "\n"
    "Checks every interchange of each FILE ('-' reads standard input) and prints each finding as\n"
    "  FILE:INTERCHANGE:SEGMENT: CODE message (line L, column C)\n"
    "INTERCHANGE is the ISA13 control number ('-' for bytes outside any interchange), SEGMENT the\n"
    "segment's ordinal in the interchange (ISA is 1). CODE is the acknowledgment code of the finding:\n"
    "TA1-nnn (interchange, TA105), AK9-n (functional group), AK5-n (transaction set), AK3-n (segment),\n"
    "AK4-n (element), or WHARF-... for input that is not EDI at all.\n"
    "\n"
    "options:\n";
constexpr const char* kValidateExit = "\nexit status: 0 no errors, 1 errors found, 2 usage or I/O error\n";

void PrintHelp(std::ostream& out) { out << kValidateHelp << kCheckOptionsHelp << kValidateExit; }

}  // namespace

int RunValidate(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  const Arguments parsed = ParseArguments(args, CheckOptionSpecs());
  if (parsed.has("--help")) {
    PrintHelp(out);
    return kExitOk;
  }
  if (!parsed.error.empty() || parsed.operands.empty()) {
    err << "wharf validate: " << (parsed.error.empty() ? "no input file given" : parsed.error) << "\n\n";
    PrintHelp(err);
    return kExitUsage;
  }
  Result<CheckSetup> setup = CheckSetupFrom(parsed);
  if (!setup.ok()) {
    err << "wharf: " << setup.status().message() << "\n";
    return kExitUsage;
  }
  const CheckOptions& options = setup->options;
  int status = kExitOk;
  for (const std::string& path : parsed.operands) {
    const auto started = std::chrono::steady_clock::now();
    Result<FileTally> file = CheckFile(path, options, out);
    if (!file.ok()) {
      err << "wharf validate: " << file.status().message() << "\n";
      status = kExitUsage;
      continue;
    }
    if (file->errors > 0 && status == kExitOk) status = kExitFindings;
    if (parsed.has("--summary")) err << SummarizeFile(*file, std::chrono::steady_clock::now() - started) << "\n";
  }
  return status;
}

}  // namespace wharf::cli
