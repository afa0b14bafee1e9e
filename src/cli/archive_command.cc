// wharf archive (list, show, controls, check) and wharf replay: reading back what the home keeps.
#include <cstdio>
#include <ostream>

#include "cli/cli.h"
#include "cli/home_setup.h"
#include "core/atomic_file.h"
#include "pipeline/archive_source.h"
#include "store/archive_codec.h"
#include "store/ledger.h"

namespace wharf::cli {
namespace {

constexpr const char* kArchiveHelp =
    "usage: wharf archive list --home DIR [filters]\n"
    "       wharf archive show --home DIR KEY\n"
    "       wharf archive controls --home DIR [--partner P]\n"
    "       wharf archive check --home DIR\n"
    "\n"
    "list      one line per archived interchange: key, time, direction, partner, standard,\n"
    "          control number, documents, size, and where it came from (inbound) or went (outbound)\n"
    "show      writes the archived interchange's bytes, as received or sent, to standard output\n"
    "controls  the control numbers the store holds (interchanges, groups, sets, duplicates, last)\n"
    "check     that every part of an interchange archived in parts is there and belongs to one;\n"
    "          prints each problem and exits 1 if there is any\n"
    "\n"
    "filters (list and replay):\n"
    "  --partner P         one partner's entries (\"\" for interchanges from no known partner)\n"
    "  --direction in|out  received or sent\n"
    "  --control N         one interchange control number (ISA13, UNB 0020)\n"
    "  --since TIME        entries archived at or after TIME (2026-11-29T06:00:00Z or 2026-11-29)\n"
    "  --until TIME        entries archived at or before TIME\n";

constexpr const char* kReplayHelp =
    "usage: wharf replay --home DIR --partners DIR [filters] [--dry-run] [--force] [options]\n"
    "\n"
    "Runs archived interchanges through the pipeline again. Received ones are validated,\n"
    "translated and acknowledged as on arrival; the duplicate check still applies (they are\n"
    "duplicates of themselves) unless --force is given. Sent ones are written again to\n"
    "partners/<id>/resend/. --dry-run lists what would be replayed and changes nothing.\n"
    "A replay that was killed resumes when it is started again with the same filters: what it\n"
    "had committed is not replayed twice. Once one has finished, the same command replays again.\n"
    "\n"
    "  --dry-run           list the entries only\n"
    "  --force             bypass the duplicate check\n";

std::vector<OptionSpec> FilterSpecs() {
  return {{"--partner", "", true}, {"--direction", "", true}, {"--control", "", true},
          {"--since", "", true},   {"--until", "", true}};
}

Result<store::ArchiveFilter> FilterFrom(const Arguments& parsed) {
  store::ArchiveFilter filter;
  filter.partner = parsed.value("--partner");
  filter.control = parsed.value("--control");
  if (const auto direction = parsed.value("--direction")) {
    if (*direction != "in" && *direction != "out") return Status::InvalidArgument("--direction must be 'in' or 'out'");
    filter.direction = *direction == "in" ? store::Direction::kIn : store::Direction::kOut;
  }
  for (const char* bound : {"--since", "--until"}) {
    if (const auto text = parsed.value(bound)) {
      Result<int64_t> micros = ParseUtcTime(*text);
      if (!micros.ok()) return micros.status();
      (std::string(bound) == "--since" ? filter.since_us : filter.until_us) = *micros;
    }
  }
  // A date alone as --until means the whole day.
  if (const auto until = parsed.value("--until"); until && until->size() == 10) filter.until_us += 86400LL * 1000000 - 1;
  return filter;
}

// What a replay selects, as text: its identity in the store (store::Ledger::FindReplay).
std::string Selection(const store::ArchiveFilter& filter, bool force) {
  return "partner=" + (filter.partner ? "'" + *filter.partner + "'" : std::string("*")) +
         " direction=" + (filter.direction ? std::string(store::DirectionName(*filter.direction)) : "*") +
         " control=" + filter.control.value_or("*") + " since=" + std::to_string(filter.since_us) +
         " until=" + std::to_string(filter.until_us) + " force=" + (force ? "yes" : "no");
}

std::string ListLine(const store::ArchiveEntry& e) {
  return e.key + "  " + FormatUtc(e.time_us, "%Y-%m-%dT%H:%M:%SZ") + "  " + std::string(store::DirectionName(e.direction)) + "  " +
         (e.partner.empty() ? "-" : e.partner) + "  " + e.standard + "  " + (e.control.empty() ? "-" : e.control) + "  " +
         (e.kind.empty() ? "-" : e.kind) + "  " + std::to_string(e.size) + " B  " + e.input +
         (e.direction == store::Direction::kIn ? "@" + std::to_string(e.offset) : "");
}

Result<std::unique_ptr<store::Store>> OpenStore(const Arguments& parsed) {
  const auto home = parsed.value("--home");
  if (!home) return Status::InvalidArgument("--home DIR is required");
  if (!std::filesystem::exists(std::filesystem::path(*home) / "store")) {
    return Status::NotFound(*home + ": not a wharf home (no store/ in it)");
  }
  return store::OpenRocksStore(std::filesystem::path(*home) / "store");
}

int Fail(const std::string& command, const Status& status, std::ostream& err) {
  err << "wharf " << command << ": " << status.message() << "\n";
  return kExitUsage;
}

int ListArchive(const Arguments& parsed, std::ostream& out, std::ostream& err) {
  Result<store::ArchiveFilter> filter = FilterFrom(parsed);
  if (!filter.ok()) return Fail("archive", filter.status(), err);
  Result<std::unique_ptr<store::Store>> store = OpenStore(parsed);
  if (!store.ok()) return Fail("archive", store.status(), err);
  store::Ledger ledger(**store);
  Status listed = ledger.ListArchive(*filter, [&](const store::ArchiveEntry& entry) {
    out << ListLine(entry) << '\n';
    return true;
  });
  return listed.ok() ? kExitOk : Fail("archive", listed, err);
}

int ShowArchive(const Arguments& parsed, std::ostream& out, std::ostream& err) {
  if (parsed.operands.size() != 2) return Fail("archive", Status::InvalidArgument("show takes one KEY"), err);
  Result<std::unique_ptr<store::Store>> store = OpenStore(parsed);
  if (!store.ok()) return Fail("archive", store.status(), err);
  store::Ledger ledger(**store);
  Result<store::ArchiveEntry> entry = ledger.ReadArchive(parsed.operands[1], /*with_frames=*/false);
  if (!entry.ok()) return Fail("archive", entry.status(), err);
  // Frame by frame: a large interchange is printed without being held whole.
  std::unique_ptr<pipeline::ByteSource> source = pipeline::ArchiveSource(ledger, std::move(*entry));
  std::string block(1 << 20, '\0');
  for (;;) {
    Result<size_t> got = source->Read(block.data(), block.size());
    if (!got.ok()) return Fail("archive", got.status(), err);
    if (*got == 0) return kExitOk;
    out.write(block.data(), static_cast<std::streamsize>(*got));
  }
}

int ListControls(const Arguments& parsed, std::ostream& out, std::ostream& err) {
  Result<std::unique_ptr<store::Store>> store = OpenStore(parsed);
  if (!store.ok()) return Fail("archive", store.status(), err);
  store::Ledger ledger(**store);
  Status listed = ledger.ListControls(parsed.value("--partner").value_or(""), [&](std::string_view key, std::string_view value) {
    out << key << '\t' << value << '\n';
    return true;
  });
  return listed.ok() ? kExitOk : Fail("archive", listed, err);
}

int CheckArchive(const Arguments& parsed, std::ostream& out, std::ostream& err) {
  Result<std::unique_ptr<store::Store>> store = OpenStore(parsed);
  if (!store.ok()) return Fail("archive", store.status(), err);
  Result<std::vector<std::string>> problems = store::Ledger(**store).CheckArchiveParts();
  if (!problems.ok()) return Fail("archive", problems.status(), err);
  for (const std::string& problem : *problems) out << problem << '\n';
  return problems->empty() ? kExitOk : kExitFindings;
}

}  // namespace

int RunArchive(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  std::vector<OptionSpec> specs = FilterSpecs();
  specs.push_back({"--home", "", true});
  specs.push_back({"--help", "-h", false});
  const Arguments parsed = ParseArguments(args, specs);
  if (parsed.has("--help")) {
    out << kArchiveHelp;
    return kExitOk;
  }
  const std::string action = parsed.operands.empty() ? "" : parsed.operands[0];
  if (!parsed.error.empty() || (action != "list" && action != "show" && action != "controls" && action != "check")) {
    err << "wharf archive: " << (parsed.error.empty() ? "say list, show, controls or check" : parsed.error) << "\n\n"
        << kArchiveHelp;
    return kExitUsage;
  }
  if (action == "list") return ListArchive(parsed, out, err);
  if (action == "show") return ShowArchive(parsed, out, err);
  if (action == "check") return CheckArchive(parsed, out, err);
  return ListControls(parsed, out, err);
}

int RunReplay(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  std::vector<OptionSpec> specs = HomeOptionSpecs();
  for (const OptionSpec& spec : FilterSpecs()) specs.push_back(spec);
  specs.push_back({"--dry-run", "", false});
  specs.push_back({"--force", "", false});
  const Arguments parsed = ParseArguments(args, specs);
  if (parsed.has("--help")) {
    out << kReplayHelp << "\nfilters:\n" << (std::string(kArchiveHelp).substr(std::string(kArchiveHelp).find("  --partner")))
        << "\noptions:\n" << kHomeOptionsHelp;
    return kExitOk;
  }
  if (!parsed.error.empty() || !parsed.operands.empty()) {
    err << "wharf replay: " << (parsed.error.empty() ? "replay takes no operands" : parsed.error) << "\n\n" << kReplayHelp;
    return kExitUsage;
  }
  Result<store::ArchiveFilter> filter = FilterFrom(parsed);
  if (!filter.ok()) return Fail("replay", filter.status(), err);
  Result<std::unique_ptr<HomeSetup>> home = OpenHome(parsed, err);
  if (!home.ok()) return Fail("replay", home.status(), err);
  HomeSetup& setup = **home;

  store::Ledger ledger(*setup.store);
  // A replay killed and started again with the same filters resumes its run: each interchange
  // it commits is recorded under the run, and skipped the second time (as a run's inputs are).
  const std::string selection = Selection(*filter, parsed.has("--force"));
  Result<store::ReplayRun> last = ledger.FindReplay(selection);
  if (!last.ok()) return Fail("replay", last.status(), err);
  const bool resuming = !last->finished;
  // A new run replays what was archived before it started (not the acknowledgments it archives
  // itself); a resumed one what the run it resumes listed.
  const store::ReplayRun run{resuming ? last->number : last->number + 1, false,
                             resuming ? last->until_us : std::min(filter->until_us, setup.clock->NowMicros() - 1)};
  filter->until_us = run.until_us;
  std::vector<pipeline::RunInput> inputs;
  AtomicFileBatch resend;
  size_t resent = 0;
  Status decoded;
  // Listed without their frames: received interchanges are read back one part at a time as the
  // pipeline reaches them (pipeline/archive_source.h), never all at once.
  Status listed = ledger.ListArchive(*filter, [&](const store::ArchiveEntry& entry) {
    if (parsed.has("--dry-run")) {
      out << "would replay " << ListLine(entry) << '\n';
      return true;
    }
    if (entry.direction == store::Direction::kOut) {
      if (resuming) return true;  // written to resend/ before the run it resumes began
      Result<store::ArchiveEntry> sent = ledger.ReadArchive(entry.key);  // an acknowledgment: small
      Result<std::string> bytes = sent.ok() ? store::Decompress(sent->compressed) : Result<std::string>(sent.status());
      if (!bytes.ok()) {
        decoded = Status::Corruption("archive entry " + entry.key + ": " + bytes.status().message());
        return false;
      }
      const std::filesystem::path target = setup.run.home / "partners" / entry.partner / "resend" /
                                           (entry.kind + "-" + entry.control + ".edi");
      decoded = resend.Stage(target, *bytes);
      ++resent;
      return decoded.ok();
    }
    pipeline::RunInput input;
    input.name = "archive:" + entry.key;
    input.open = [&ledger, entry] { return Result<std::unique_ptr<pipeline::ByteSource>>(pipeline::ArchiveSource(ledger, entry)); };
    input.identity = store::ContentDigest("replay\t" + selection + "\t" + std::to_string(run.number) + "\t" + entry.key);
    input.size = entry.size;
    inputs.push_back(std::move(input));
    return true;
  });
  if (!listed.ok()) return Fail("replay", listed, err);
  if (!decoded.ok()) return Fail("replay", decoded, err);
  if (parsed.has("--dry-run")) return kExitOk;
  if (Status s = resend.Publish(); !s.ok()) return Fail("replay", s, err);
  if (resent != 0) err << "wharf replay: " << resent << " sent interchanges written again under partners/<id>/resend/\n";
  if (resuming) err << "wharf replay: resuming the interrupted replay with these filters: what it committed is not replayed again\n";
  ledger.RecordReplay(selection, run);
  if (Status s = ledger.Commit(); !s.ok()) return Fail("replay", s, err);

  setup.run.check_duplicates = !parsed.has("--force");
  setup.run.archive_inbound = false;
  Result<pipeline::RunReport> report = pipeline::RunPipeline(inputs, *setup.store, setup.run);
  if (!report.ok()) return Fail("replay", report.status(), err);
  ledger.RecordReplay(selection, {run.number, true, run.until_us});  // the same command replays again from now on
  if (Status s = ledger.Commit(); !s.ok()) return Fail("replay", s, err);
  return FinishRun("replay", *report, parsed, out, err);
}

}  // namespace wharf::cli
