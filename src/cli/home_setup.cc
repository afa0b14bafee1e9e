// Opening a wharf home for run and replay.
#include "cli/home_setup.h"

#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <ostream>

#include "cli/cli.h"
#include "cli/grammar_location.h"
#include "cli/run_summary.h"
#include "core/atomic_file.h"

namespace wharf::cli {
namespace {

// Ends the process at the Nth fault point, as a kill -9 would: no destructor, no flush.
class CrashAt : public pipeline::FaultPoints {
 public:
  explicit CrashAt(long step) : remaining_(step) {}
  void Reached(std::string_view) override {
    if (--remaining_ == 0) ::_exit(137);
  }

 private:
  long remaining_;
};

std::string JsonSummary(const std::string& command, const pipeline::RunReport& report) {
  const pipeline::RunTotals& t = report.totals;
  auto field = [](const char* name, uint64_t value) { return "\"" + std::string(name) + "\":" + std::to_string(value); };
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.3f", report.seconds);
  return "{\"command\":\"" + command + "\"," + field("inputs", t.inputs) + "," + field("inputs_skipped", t.inputs_skipped) +
         "," + field("bytes", t.bytes) + "," + field("interchanges", t.interchanges) + "," +
         field("interchanges_skipped", t.interchanges_skipped) + "," + field("transaction_sets", t.sets) + "," +
         field("errors", t.errors) + "," + field("warnings", t.warnings) + "," + field("duplicates", t.duplicates) + "," +
         field("gaps", t.gaps) + "," + field("dead_letters", t.dead_letters) + "," + field("rejected", t.rejected) + "," +
         field("acknowledgments", t.acknowledgments) + "," + field("translations", t.translations) + "," +
         field("threads", report.threads) + ",\"seconds\":" + seconds + "}\n";
}

}  // namespace

std::vector<OptionSpec> HomeOptionSpecs() {
  return {{"--home", "", true},          {"--partners", "", true},     {"--grammars", "", true},
          {"--envelope-only", "", false}, {"--require-grammar", "", false}, {"--keep-line-breaks", "", false},
          {"--threads", "-j", true},     {"--piece-size", "", true},   {"--commit-bytes", "", true},   {"--summary-json", "", true},
          {"--now", "", true},           {"--no-progress", "", false}, {"--help", "-h", false}};
}

const char* const kHomeOptionsHelp =
    "  --home DIR          the wharf home: store/, partners/<id>/..., dead-letter/, reports/ (created)\n"
    "  --partners DIR      the partner files (one <id>.toml each; see partners/examples/acme.toml)\n"
    "  --grammars DIR      grammar folder (default: $WHARF_GRAMMARS, else the grammars/ wharf was built with)\n"
    "  --envelope-only     check envelopes only, not transaction sets against their grammars\n"
    "  --require-grammar   a set or version with no grammar is an error (default: a warning)\n"
    "  --keep-line-breaks  read line breaks inside segments as data\n"
    "  -j, --threads N     worker threads (default: every core)\n"
    "  --piece-size BYTES  inputs are cut at the first interchange after this many bytes (default 2097152)\n"
    "  --commit-bytes N    commit files and store together every N bytes of input (default 33554432):\n"
    "                      each commit costs a disk sync; a crash makes the rerun redo at most one\n"
    "  --summary-json FILE write the run's totals as JSON ('-': standard output)\n"
    "  --now TIME          the time to record and answer with (2026-11-29T06:00:00Z), for reproducible runs\n"
    "  --no-progress       no progress line, even on a terminal\n"
    "  -h, --help          show this help\n";

Result<std::unique_ptr<HomeSetup>> OpenHome(const Arguments& parsed, std::ostream& err) {
  auto setup = std::make_unique<HomeSetup>();
  const std::optional<std::string> home = parsed.value("--home");
  const std::optional<std::string> partners = parsed.value("--partners");
  if (!home) return Status::InvalidArgument("--home DIR is required");
  if (!partners) return Status::InvalidArgument("--partners DIR is required");
  pipeline::RunOptions& run = setup->run;
  run.home = *home;
  run.require_grammar = parsed.has("--require-grammar");
  run.unwrap_line_breaks = !parsed.has("--keep-line-breaks");
  if (Status s = ReadCount(parsed, "--threads", 256, run.threads); !s.ok()) return s;
  if (Status s = ReadCount(parsed, "--piece-size", uint64_t{1} << 40, run.piece_bytes); !s.ok()) return s;
  if (Status s = ReadCount(parsed, "--commit-bytes", uint64_t{1} << 40, run.commit_bytes); !s.ok()) return s;
  if (const auto now = parsed.value("--now")) {
    Result<int64_t> micros = ParseUtcTime(*now);
    if (!micros.ok()) return micros.status();
    setup->clock = std::make_unique<FixedClock>(*micros);
  } else {
    setup->clock = std::make_unique<SystemClock>();
  }
  run.clock = setup->clock.get();
  if (const char* crash = std::getenv("WHARF_CRASH_AT"); crash != nullptr && std::atol(crash) > 0) {
    setup->faults = std::make_unique<CrashAt>(std::atol(crash));
    run.faults = setup->faults.get();
  }

  if (!parsed.has("--envelope-only")) {
    const std::filesystem::path root = parsed.value("--grammars").value_or(DefaultGrammarRoot().string());
    setup->registry = std::make_unique<grammar::GrammarRegistry>(grammar::LoadGrammars(root));
    if (!setup->registry->errors().empty()) {
      std::string problems = "the grammars in " + root.string() + " do not load:";
      for (const std::string& error : setup->registry->errors()) problems += "\n  " + error;
      return Status::InvalidArgument(problems);
    }
    run.registry = setup->registry.get();
  }
  setup->partners = partner::LoadPartners(*partners, setup->registry.get());
  if (!setup->partners.problems().empty()) {
    std::string problems = "the partner files in " + *partners + " have problems ('wharf partners check' lists them):";
    for (const std::string& problem : setup->partners.problems()) problems += "\n  " + problem;
    return Status::InvalidArgument(problems);
  }
  if (setup->partners.partners().empty()) err << "wharf: warning: no partner files in " << *partners
                                              << ": every interchange goes to the dead-letter folder\n";
  run.partners = &setup->partners;

  std::error_code error;
  std::filesystem::create_directories(run.home, error);
  if (error) return Status::IoError(run.home.string() + ": cannot create the wharf home: " + error.message());
  Result<std::unique_ptr<store::Store>> store = store::OpenRocksStore(run.home / "store");
  if (!store.ok()) return store.status();
  setup->store = std::move(*store);
  // The store's lock is ours: temporaries left by an interrupted run can go.
  RemoveStaleTemporaries(run.home);
  run.errors_out = &err;
  if (!parsed.has("--no-progress") && ::isatty(STDERR_FILENO)) run.progress_out = &err;
  return setup;
}

int FinishRun(const std::string& command, const pipeline::RunReport& report, const Arguments& parsed,
              std::ostream& out, std::ostream& err) {
  const pipeline::RunTotals& t = report.totals;
  const double rate = report.seconds > 0 ? static_cast<double>(t.bytes) / 1e6 / report.seconds : 0;
  char speed[64];
  std::snprintf(speed, sizeof speed, "%.2f s (%.1f MB/s, %zu threads)", report.seconds, rate, report.threads);
  err << "wharf " << command << ": " << t.inputs << " inputs";
  if (t.inputs_skipped != 0) err << " (" << t.inputs_skipped << " skipped: processed before)";
  err << ", " << t.interchanges << " interchanges";
  if (t.interchanges_skipped != 0) err << " (+" << t.interchanges_skipped << " committed by an interrupted run)";
  err << ", " << t.sets << " transaction sets, " << FormatBytes(t.bytes) << " in " << speed << ": " << t.errors
      << " errors, " << t.warnings << " warnings, " << t.rejected << " rejected, " << t.duplicates << " duplicates, "
      << t.gaps << " gaps, " << t.dead_letters << " dead letters, " << t.acknowledgments << " acknowledgments, "
      << t.translations << " translations\n";
  if (const auto json = parsed.value("--summary-json")) {
    const std::string text = JsonSummary(command, report);
    if (*json == "-") {
      out << text;
    } else if (Status s = WriteFileAtomically(*json, text); !s.ok()) {
      err << "wharf " << command << ": " << s.message() << "\n";
      return kExitUsage;
    }
  }
  return t.errors != 0 || t.dead_letters != 0 ? kExitFindings : kExitOk;
}

}  // namespace wharf::cli
