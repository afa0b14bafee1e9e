// What `wharf run` and `wharf replay` share: the wharf home opened (its store locked), the
// partner files and grammars loaded, the clock, and the end-of-run summary.
#pragma once

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "cli/arguments.h"
#include "core/clock.h"
#include "grammar/loader.h"
#include "partner/partner.h"
#include "pipeline/pipeline.h"
#include "store/store.h"

namespace wharf::cli {

// The options both commands take, and their help lines.
std::vector<OptionSpec> HomeOptionSpecs();
extern const char* const kHomeOptionsHelp;

struct HomeSetup {
  std::unique_ptr<grammar::GrammarRegistry> registry;  // null with --envelope-only
  partner::PartnerSet partners;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<Clock> clock;
  std::unique_ptr<pipeline::FaultPoints> faults;  // from $WHARF_CRASH_AT, for the crash tests
  pipeline::RunOptions run;                       // filled from the options; points into this setup
};

// Fails (with a message for the user) on a bad option, grammars or partner files that do not
// load, or a store that cannot be opened.
Result<std::unique_ptr<HomeSetup>> OpenHome(const Arguments& parsed, std::ostream& err);

// Prints the summary line, writes --summary-json when asked, and returns the exit status.
int FinishRun(const std::string& command, const pipeline::RunReport& report, const Arguments& parsed,
              std::ostream& out, std::ostream& err);

}  // namespace wharf::cli
