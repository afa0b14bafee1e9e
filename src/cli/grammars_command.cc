// wharf grammars check: load every grammar folder and report each problem with its place.
#include <ostream>

#include "cli/arguments.h"
#include "cli/cli.h"
#include "cli/grammar_location.h"
#include "grammar/loader.h"

namespace wharf::cli {
namespace {

constexpr const char* kGrammarsHelp =
    "usage: wharf grammars check [DIR]\n"
    "\n"
    "Loads every grammar folder under DIR (default: the grammars wharf uses, see --grammars in\n"
    "'wharf validate --help') and prints each problem as 'file:line:col: what', then one line per\n"
    "loaded version with its transaction sets.\n"
    "\n"
    "exit status: 0 all grammars load, 1 problems found, 2 usage error\n";

}  // namespace

int RunGrammars(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  const Arguments parsed = ParseArguments(args, {{"--help", "-h", false}});
  if (parsed.has("--help")) {
    out << kGrammarsHelp;
    return kExitOk;
  }
  if (!parsed.error.empty() || parsed.operands.empty() || parsed.operands[0] != "check" || parsed.operands.size() > 2) {
    err << "wharf grammars: " << (parsed.error.empty() ? "expected 'check [DIR]'" : parsed.error) << "\n\n" << kGrammarsHelp;
    return kExitUsage;
  }
  const std::filesystem::path root = parsed.operands.size() == 2 ? std::filesystem::path(parsed.operands[1])
                                                                  : DefaultGrammarRoot();
  const grammar::GrammarRegistry registry = grammar::LoadGrammars(root);
  for (const std::string& error : registry.errors()) out << error << '\n';
  for (const std::string& version : registry.versions()) {
    const size_t slash = version.find('/');
    const grammar::Dictionary* dictionary = registry.Find(version.substr(0, slash), version.substr(slash + 1));
    out << version << ": " << dictionary->segments.size() << " segments, " << dictionary->elements.size()
        << " elements, sets";
    for (const auto& [id, set] : dictionary->sets) out << ' ' << id;
    out << '\n';
  }
  return registry.errors().empty() ? kExitOk : kExitFindings;
}

}  // namespace wharf::cli
