// Subcommand dispatch and the top-level help.
#include "cli/cli.h"

#include <ostream>

namespace wharf::cli {
namespace {

constexpr const char* kUsage =
    "wharf - validate, translate and acknowledge EDI (ASC X12, UN/EDIFACT) fast\n"
    "\n"
    "usage: wharf <command> [options] FILE...\n"
    "\n"
    "commands:\n"
    "  validate    check interchanges and print one finding per line\n"
    "  translate   translate interchanges to JSON (one document per interchange)\n"
    "  ack         write 997, 999 or TA1 acknowledgments\n"
    "  grammars    check the grammar files\n"
    "  run         the engine: partners, acknowledgments, duplicates, archive, over files and folders\n"
    "  replay      run archived interchanges again\n"
    "  archive     list and show archived interchanges, and the control numbers kept\n"
    "  partners    check the partner files\n"
    "\n"
    "'wharf <command> --help' describes a command. Exit status: 0 valid, 1 findings, 2 usage or I/O error.\n";

}  // namespace

int RunCli(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  if (args.empty()) {
    err << kUsage;
    return kExitUsage;
  }
  const std::string& command = args[0];
  const auto rest = args.subspan(1);
  if (command == "--help" || command == "-h" || command == "help") {
    out << kUsage;
    return kExitOk;
  }
  if (command == "--version") {
    out << "wharf 0.1.0\n";
    return kExitOk;
  }
  if (command == "validate") return RunValidate(rest, out, err);
  if (command == "translate") return RunTranslate(rest, out, err);
  if (command == "grammars") return RunGrammars(rest, out, err);
  if (command == "ack") return RunAck(rest, out, err);
  if (command == "run") return RunRun(rest, out, err);
  if (command == "replay") return RunReplay(rest, out, err);
  if (command == "archive") return RunArchive(rest, out, err);
  if (command == "partners") return RunPartners(rest, out, err);
  err << "wharf: unknown command '" << command << "'\n\n" << kUsage;
  return kExitUsage;
}

}  // namespace wharf::cli
