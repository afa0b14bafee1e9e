// wharf partners check: every partner file loaded and checked, as `wharf run` would load them.
#include <ostream>

#include "cli/cli.h"
#include "cli/arguments.h"
#include "cli/grammar_location.h"
#include "grammar/loader.h"
#include "partner/partner.h"

namespace wharf::cli {
namespace {

constexpr const char* kPartnersHelp =
    "usage: wharf partners check [DIR] [--grammars DIR]\n"
    "\n"
    "Loads every partner file (<id>.toml) in DIR (default: partners) and prints each problem as\n"
    "'file:line: what': unknown keys, bad identifiers and qualifiers, secrets written into the\n"
    "file, routes to documents or guides the grammars do not have, two partners claiming one\n"
    "identity. Then one line per partner that loaded.\n"
    "\n"
    "  --grammars DIR      grammar folder (default: $WHARF_GRAMMARS, else the grammars/ wharf was built with)\n"
    "\n"
    "exit status: 0 every file is fine, 1 problems found, 2 usage error or grammars that do not load\n";

std::string IdentityText(const partner::Identity& identity) {
  if (identity.empty()) return "-";
  return identity.qualifier.empty() ? identity.id : identity.qualifier + ":" + identity.id;
}

}  // namespace

int RunPartners(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  const Arguments parsed = ParseArguments(args, {{"--grammars", "", true}, {"--help", "-h", false}});
  if (parsed.has("--help")) {
    out << kPartnersHelp;
    return kExitOk;
  }
  if (!parsed.error.empty() || parsed.operands.empty() || parsed.operands[0] != "check" || parsed.operands.size() > 2) {
    err << "wharf partners: " << (parsed.error.empty() ? "say 'check' and at most one folder" : parsed.error) << "\n\n"
        << kPartnersHelp;
    return kExitUsage;
  }
  const std::filesystem::path dir = parsed.operands.size() == 2 ? parsed.operands[1] : "partners";
  const std::filesystem::path root = parsed.value("--grammars").value_or(DefaultGrammarRoot().string());
  const grammar::GrammarRegistry registry = grammar::LoadGrammars(root);
  if (!registry.errors().empty()) {
    err << "wharf partners: the grammars in " << root.string() << " do not load ('wharf grammars check')\n";
    return kExitUsage;
  }
  const partner::PartnerSet partners = partner::LoadPartners(dir, &registry);
  for (const std::string& problem : partners.problems()) out << problem << '\n';
  for (const partner::Partner& p : partners.partners()) {
    out << p.id << ": " << p.name << "  x12 " << IdentityText(p.x12) << "  edifact " << IdentityText(p.edifact) << "  "
        << p.routes.size() << (p.routes.size() == 1 ? " route" : " routes") << "  (" << p.file.string() << ")\n";
  }
  out << partners.partners().size() << " partners loaded, " << partners.problems().size() << " problems\n";
  return partners.problems().empty() ? kExitOk : kExitFindings;
}

}  // namespace wharf::cli
