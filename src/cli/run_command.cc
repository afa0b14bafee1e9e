// wharf run: the engine over files and folders, with partners, store and archive.
#include <ostream>

#include "cli/cli.h"
#include "cli/home_setup.h"

namespace wharf::cli {
namespace {

constexpr const char* kRunHelp =
    "usage: wharf run --home DIR --partners DIR INPUT... [options]\n"
    "\n"
    "Processes files and folders (walked recursively, hidden entries skipped) in parallel:\n"
    "every interchange (X12 or EDIFACT) is matched to its partner by envelope identity,\n"
    "validated, translated to JSON as the partner's routes ask, acknowledged (TA1, 997, 999,\n"
    "CONTRL per the partner's policy, with control numbers from the home's counters) and\n"
    "archived; duplicates within the partner's window and gaps in control numbers are found\n"
    "against the home's store. Interchanges no partner file claims go to DIR/dead-letter.\n"
    "An input processed before (same content) is skipped. Every file appears whole, and a run\n"
    "killed at any point and started again loses nothing and repeats nothing.\n"
    "\n"
    "options:\n";
constexpr const char* kRunExit =
    "\nexit status: 0 all accepted, 1 errors found or dead letters, 2 usage, I/O or store error\n";

}  // namespace

int RunRun(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  const Arguments parsed = ParseArguments(args, HomeOptionSpecs());
  if (parsed.has("--help")) {
    out << kRunHelp << kHomeOptionsHelp << kRunExit;
    return kExitOk;
  }
  std::string usage = parsed.error;
  if (usage.empty() && !parsed.value("--home")) usage = "--home DIR is required";
  if (usage.empty() && !parsed.value("--partners")) usage = "--partners DIR is required";
  if (usage.empty() && parsed.operands.empty()) usage = "no input given";
  if (!usage.empty()) {
    err << "wharf run: " << usage << "\n\n" << kRunHelp << kHomeOptionsHelp;
    return kExitUsage;
  }
  Result<std::vector<pipeline::RunInput>> inputs = pipeline::ExpandInputs(parsed.operands);
  if (!inputs.ok()) {
    err << "wharf run: " << inputs.status().message() << "\n";
    return kExitUsage;
  }
  Result<std::unique_ptr<HomeSetup>> home = OpenHome(parsed, err);
  if (!home.ok()) {
    err << "wharf run: " << home.status().message() << "\n";
    return kExitUsage;
  }
  Result<pipeline::RunReport> report = pipeline::RunPipeline(*inputs, *(*home)->store, (*home)->run);
  if (!report.ok()) {
    err << "wharf run: " << report.status().message()
        << "\nwharf run: stopped; what was committed stays, and running again picks up where this stopped\n";
    return kExitUsage;
  }
  return FinishRun("run", *report, parsed, out, err);
}

}  // namespace wharf::cli
