// wharf validate: envelope checks with one finding per line.
#include <chrono>
#include <optional>
#include <ostream>
#include <vector>

#include "cli/ack_options.h"
#include "cli/arguments.h"
#include "cli/file_check.h"
#include "cli/cli.h"
#include "cli/run_summary.h"
#include "core/atomic_file.h"

namespace wharf::cli {
namespace {

constexpr const char* kValidateHelp =
    "usage: wharf validate [options] FILE...\n"
    "\n"
    "Checks every interchange of each FILE ('-' reads standard input) and prints each finding as\n"
    "  FILE:INTERCHANGE:SEGMENT: CODE message (line L, column C)\n"
    "INTERCHANGE is the ISA13 (UNB 0020) control number ('-' for bytes outside any interchange),\n"
    "SEGMENT the segment's ordinal in the interchange (ISA or UNB is 1). CODE is the acknowledgment\n"
    "code of the finding: TA1-nnn (interchange, TA105), AK9-n (functional group), AK5-n (transaction\n"
    "set), AK3-n (segment), AK4-n (element); for EDIFACT the CONTRL level and ISO 9735 code (0085):\n"
    "UCI-n, UCF-n, UCM-n, UCS-n, UCD-n; or WHARF-... for input that is not EDI at all.\n"
    "\n"
    "options:\n";
constexpr const char* kValidateExit = "\nexit status: 0 no errors, 1 errors found, 2 usage or I/O error\n";

constexpr const char* kValidateAckHelp =
    "  --ack TYPE          also write acknowledgments (997, 999, TA1, CONTRL), see 'wharf ack --help'\n"
    "  --ack-output FILE   where to write them (whole or not at all)\n";

void PrintHelp(std::ostream& out) {
  out << kValidateHelp << kCheckOptionsHelp << kValidateAckHelp << kAckOptionsHelp << kValidateExit;
}

}  // namespace

int RunValidate(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  std::vector<OptionSpec> specs = CheckOptionSpecs();
  for (const OptionSpec& spec : AckOptionSpecs("--ack")) specs.push_back(spec);
  specs.push_back({"--ack-output", "", true});
  const Arguments parsed = ParseArguments(args, specs);
  if (parsed.has("--help")) {
    PrintHelp(out);
    return kExitOk;
  }
  std::string usage_error = parsed.error;
  if (usage_error.empty() && parsed.operands.empty()) usage_error = "no input file given";
  // Acknowledgments on request: --ack TYPE writes them to --ack-output.
  std::optional<AckSetup> ack;
  if (usage_error.empty() && parsed.value("--ack")) {
    Result<AckSetup> setup = AckSetupFrom(parsed, "--ack");
    if (!setup.ok()) usage_error = setup.status().message();
    else if (!parsed.value("--ack-output")) usage_error = "--ack needs --ack-output FILE";
    else ack = std::move(setup).value();
  }
  if (!usage_error.empty()) {
    err << "wharf validate: " << usage_error << "\n\n";
    PrintHelp(err);
    return kExitUsage;
  }
  Result<CheckSetup> setup = CheckSetupFrom(parsed);
  if (!setup.ok()) {
    err << "wharf: " << setup.status().message() << "\n";
    return kExitUsage;
  }
  const CheckOptions& options = setup->options;
  std::string acknowledgments;
  int status = kExitOk;
  for (const std::string& path : parsed.operands) {
    const auto started = std::chrono::steady_clock::now();
    Result<FileTally> file = CheckFile(path, options, out, [&](const CheckedInterchange& checked) {
      if (ack) AppendAcknowledgment(checked, *ack, path, err, acknowledgments);
    });
    if (!file.ok()) {
      err << "wharf validate: " << file.status().message() << "\n";
      status = kExitUsage;
      continue;
    }
    if (file->errors > 0 && status == kExitOk) status = kExitFindings;
    if (parsed.has("--summary")) err << SummarizeFile(*file, std::chrono::steady_clock::now() - started) << "\n";
  }
  if (ack && status != kExitUsage) {
    if (Status written = WriteFileAtomically(*parsed.value("--ack-output"), acknowledgments); !written.ok()) {
      err << "wharf validate: " << written.message() << "\n";
      return kExitUsage;
    }
  }
  return status;
}

}  // namespace wharf::cli
