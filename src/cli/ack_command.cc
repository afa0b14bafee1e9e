// wharf ack: acknowledgments (997, 999, TA1) for every interchange of the inputs.
#include <chrono>
#include <ctime>
#include <ostream>
#include <vector>

#include "cli/arguments.h"
#include "cli/cli.h"
#include "cli/file_check.h"
#include "core/atomic_file.h"
#include "x12/ack_builder.h"

namespace wharf::cli {
namespace {

constexpr const char* kAckHelp =
    "usage: wharf ack FILE... --type 997|999|TA1 [-o OUT] [options]\n"
    "\n"
    "Validates every interchange of each FILE ('-' reads standard input) and writes one\n"
    "acknowledgment interchange for each: sender and receiver swapped, the inbound delimiters, one\n"
    "997 or 999 per functional group (with AK3/AK4 or IK3/IK4 for each segment and element in\n"
    "error), and a TA1 when ISA14 asks for one, when --ta1 is given, or with --type TA1. Findings\n"
    "are printed on standard error as 'wharf validate' prints them.\n"
    "\n"
    "options:\n"
    "  --type TYPE         997, 999 or TA1\n"
    "  -o, --output OUT    write to OUT ('-', the default, is standard output); a file appears whole\n"
    "                      or not at all\n"
    "  --control-number N  the first ISA13, GS06 and ST02 to use (default 1), counting up\n"
    "  --date CCYYMMDD     the acknowledgments' date (default: today, UTC)\n"
    "  --time HHMM         their time (default: now, UTC)\n"
    "  --ta1               add a TA1 to every 997 or 999\n"
    "  --errors-only       report only the sets with errors (AK2 loops of accepted sets left out)\n";
constexpr const char* kAckExit =
    "\nexit status: 0 acknowledgments written (whatever they say), 2 usage or I/O error\n";

void PrintHelp(std::ostream& out) { out << kAckHelp << kCheckOptionsHelp << kAckExit; }

std::string Now(const char* format) {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[16];
  std::strftime(text, sizeof text, format, &utc);
  return text;
}

bool AllDigits(const std::string& text, size_t length) {
  return text.size() == length && text.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

int RunAck(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  std::vector<OptionSpec> specs = CheckOptionSpecs();
  for (OptionSpec spec : std::initializer_list<OptionSpec>{{"--type", "", true},
                                                           {"--output", "-o", true},
                                                           {"--control-number", "", true},
                                                           {"--date", "", true},
                                                           {"--time", "", true},
                                                           {"--ta1", "", false},
                                                           {"--errors-only", "", false}}) {
    specs.push_back(spec);
  }
  const Arguments parsed = ParseArguments(args, specs);
  if (parsed.has("--help")) {
    PrintHelp(out);
    return kExitOk;
  }
  x12::AckOptions ack;
  std::string usage_error = parsed.error;
  const std::string type = parsed.value("--type").value_or("");
  if (type == "997") ack.type = x12::AckType::k997;
  else if (type == "999") ack.type = x12::AckType::k999;
  else if (type == "TA1" || type == "ta1") ack.type = x12::AckType::kTa1;
  else if (usage_error.empty()) usage_error = type.empty() ? "--type is required" : "unknown --type '" + type + "'";
  if (usage_error.empty() && parsed.operands.empty()) usage_error = "no input file given";
  ack.date = parsed.value("--date").value_or(Now("%Y%m%d"));
  ack.time = parsed.value("--time").value_or(Now("%H%M"));
  if (usage_error.empty() && !AllDigits(ack.date, 8)) usage_error = "--date must be CCYYMMDD";
  if (usage_error.empty() && !AllDigits(ack.time, 4)) usage_error = "--time must be HHMM";
  uint64_t start = 1;
  if (const auto first = parsed.value("--control-number")) {
    if (first->empty() || first->size() > 9 || first->find_first_not_of("0123456789") != std::string::npos) {
      if (usage_error.empty()) usage_error = "--control-number must be a number of 1-9 digits";
    } else {
      start = std::stoull(*first);
    }
  }
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
  x12::SequentialControlNumbers counter(start);
  ack.control_numbers = &counter;
  ack.force_ta1 = parsed.has("--ta1");
  ack.include_accepted_sets = !parsed.has("--errors-only");

  std::string acknowledgments;
  int status = kExitOk;
  for (const std::string& path : parsed.operands) {
    Result<FileTally> file = CheckFile(path, setup->options, err, [&](const x12::Interchange& interchange) {
      acknowledgments += x12::BuildAcknowledgment(interchange, ack);
    });
    if (!file.ok()) {
      err << "wharf ack: " << file.status().message() << "\n";
      status = kExitUsage;
    }
  }
  if (status != kExitOk) {
    err << "wharf ack: nothing written: an input could not be read\n";
    return status;
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
