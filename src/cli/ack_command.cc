// wharf ack: acknowledgments (997, 999, TA1, CONTRL) for every interchange of the inputs.
#include <chrono>
#include <ostream>
#include <vector>

#include "cli/ack_options.h"
#include "cli/arguments.h"
#include "cli/cli.h"
#include "cli/file_check.h"
#include "cli/run_summary.h"
#include "core/atomic_file.h"

namespace wharf::cli {
namespace {

constexpr const char* kAckHelp =
    "usage: wharf ack FILE... --type 997|999|TA1|CONTRL [-o OUT] [options]\n"
    "\n"
    "Validates every interchange of each FILE ('-' reads standard input) and writes one\n"
    "acknowledgment interchange for each: sender and receiver swapped, the inbound delimiters, one\n"
    "997 or 999 per functional group (with AK3/AK4 or IK3/IK4 for each segment and element in\n"
    "error), and a TA1 when ISA14 asks for one, when --ta1 is given, or with --type TA1. An EDIFACT\n"
    "interchange gets a CONTRL (UCI, UCF, UCM, UCS, UCD with ISO 9735 codes). Findings are printed\n"
    "on standard error as 'wharf validate' prints them.\n"
    "\n"
    "options:\n"
    "  --type TYPE         997, 999, TA1 or CONTRL\n"
    "  -o, --output OUT    write to OUT ('-', the default, is standard output); a file appears whole\n"
    "                      or not at all\n";
constexpr const char* kAckExit =
    "\nexit status: 0 acknowledgments written (whatever they say), 2 usage or I/O error\n";

void PrintHelp(std::ostream& out) { out << kAckHelp << kAckOptionsHelp << kCheckOptionsHelp << kAckExit; }

}  // namespace

int RunAck(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  std::vector<OptionSpec> specs = CheckOptionSpecs();
  for (const OptionSpec& spec : AckOptionSpecs("--type")) specs.push_back(spec);
  specs.push_back({"--output", "-o", true});
  const Arguments parsed = ParseArguments(args, specs);
  if (parsed.has("--help")) {
    PrintHelp(out);
    return kExitOk;
  }
  Result<AckSetup> ack = parsed.error.empty() ? AckSetupFrom(parsed, "--type") : Status::InvalidArgument(parsed.error);
  std::string usage_error = ack.ok() ? std::string() : ack.status().message();
  if (usage_error.empty() && parsed.operands.empty()) usage_error = "no input file given";
  if (!usage_error.empty()) {
    err << "wharf ack: " << usage_error << "\n\n";
    PrintHelp(err);
    return kExitUsage;
  }
  Result<CheckSetup> setup = CheckSetupFrom(parsed);
  if (!setup.ok()) {
    err << "wharf: " << setup.status().message() << "\n";
    return kExitUsage;
  }
  std::string acknowledgments;
  for (const std::string& path : parsed.operands) {
    const auto started = std::chrono::steady_clock::now();
    Result<FileTally> file = CheckFile(path, setup->options, err, [&](const CheckedInterchange& checked) {
      AppendAcknowledgment(checked, *ack, path, err, acknowledgments);
    });
    if (!file.ok()) {
      err << "wharf ack: " << file.status().message() << "\nwharf ack: nothing written: an input could not be read\n";
      return kExitUsage;
    }
    if (parsed.has("--summary")) err << SummarizeFile(*file, std::chrono::steady_clock::now() - started) << "\n";
  }
  const std::string output = parsed.value("--output").value_or("-");
  if (output == "-") {
    out << acknowledgments;
  } else if (Status written = WriteFileAtomically(output, acknowledgments); !written.ok()) {
    err << "wharf ack: " << written.message() << "\n";
    return kExitUsage;
  }
  return kExitOk;
}

}  // namespace wharf::cli
