// The serial, in-order end of the pipeline: what must happen once and in input order.
//
// Contract: Commit() takes the pieces of the run's inputs in input order. For each interchange
// it checks duplicates (within the partner's window) and gaps against the ledger, adds those
// findings, builds the acknowledgment the partner's policy asks for with control numbers from
// the ledger's counters, and stages every file (acknowledgments, reports, dead letters; the
// translations were staged by the parallel stage) under the wharf home. Pieces are committed in
// groups of about `commit_bytes` of input (and by Flush() at the end): the group's files are
// published (one filesystem sync, renames) and only after that the ledger's batch (control
// numbers, counters, archive entries, interchange markers, input markers) is applied. A crash
// anywhere leaves either no trace of the group in the ledger, so that a rerun redoes it and
// rewrites the same files under the same names, or the whole group, which a rerun skips.
// Before publishing, the group's inputs are written down (Ledger::WriteIntent): a rerun takes
// them first, whatever inputs have arrived since, so the acknowledgments it had published get
// the same control numbers again and no number is given to two interchanges.
// An interchange too large for one piece comes in parts (pipeline/splitter.h): they are joined
// (pipeline/interchange_join.h) and the whole is committed with its last part; a commit group
// never ends inside an interchange.
// The files' names are in pipeline/home_layout.h.
#pragma once

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "core/atomic_file.h"
#include "core/clock.h"
#include "core/status.h"
#include "pipeline/interchange_join.h"
#include "pipeline/piece_work.h"
#include "store/ledger.h"

namespace wharf::pipeline {

// A place where a test can stop the process (kill -9 at a chosen step): Reached() is called
// before and after every step that changes files or the ledger.
class FaultPoints {
 public:
  virtual ~FaultPoints() = default;
  virtual void Reached(std::string_view step) = 0;
};

struct InputInfo {
  std::string name;    // as given (a path, or "archive:<key>" for a replay)
  std::string digest;  // of its content, or the identity it was given (RunInput::identity)
  uint64_t bytes = 0;
};

struct CommitOptions {
  std::filesystem::path home;
  const Clock* clock = nullptr;
  bool check_duplicates = true;  // false: `replay --force`
  bool archive_inbound = true;   // false: a replay (it is in the archive already)
  FaultPoints* faults = nullptr;
  std::ostream* errors_out = nullptr;  // error findings, at most `max_printed` per input
  size_t max_printed = 20;
  // Input bytes per commit group: each group costs a filesystem sync and a synced ledger write;
  // a crash makes the rerun redo at most one group.
  uint64_t commit_bytes = 32 << 20;
};

struct RunTotals {
  uint64_t inputs = 0;
  uint64_t inputs_skipped = 0;  // processed before (same content)
  uint64_t bytes = 0;
  uint64_t interchanges = 0;
  uint64_t interchanges_skipped = 0;  // committed before a crash, skipped on the rerun
  uint64_t sets = 0;
  uint64_t errors = 0;
  uint64_t warnings = 0;
  uint64_t duplicates = 0;
  uint64_t gaps = 0;
  uint64_t dead_letters = 0;
  uint64_t acknowledgments = 0;
  uint64_t translations = 0;
  uint64_t rejected = 0;  // interchanges with errors
};

class Committer {
 public:
  Committer(store::Ledger& ledger, CommitOptions options) : ledger_(ledger), options_(std::move(options)) {}
  Status Commit(PieceWork& work, const InputInfo& input);
  // Commits the open group: its files, then its ledger batch.
  Status Flush();
  const RunTotals& totals() const { return totals_; }
  RunTotals& totals() { return totals_; }

 private:
  struct PieceState;
  Status CommitInterchange(InterchangeWork& item, PieceState& state);
  Status CommitPart(InterchangeWork& part, PieceState& state);
  // A part's translation was staged with its piece: published with the commit group, or still in
  // the last part's piece.
  void DropTranslation(const std::filesystem::path& target, PieceState& state);
  Status RenameTranslation(const std::filesystem::path& from, const std::filesystem::path& to, PieceState& state);
  // True (with a finding added) when the partner sent this control number within its window.
  Result<bool> CheckDuplicate(InterchangeWork& item, int64_t now);
  Status CheckGap(InterchangeWork& item);
  Status Acknowledge(InterchangeWork& item, PieceState& state, bool rejected_duplicate);
  Status DeadLetter(const InterchangeWork& item, PieceState& state);
  Status DropStaleParts(const std::string& parts);
  void CountAndPrint(const Findings& findings, std::string_view label, PieceState& state);
  void RecordGroupsAndSets(const InterchangeWork& item, const std::string& status, int64_t now);
  void Fault(std::string_view step) {
    if (options_.faults != nullptr) options_.faults->Reached(step);
  }

  store::Ledger& ledger_;
  CommitOptions options_;
  RunTotals totals_;
  std::string printed_for_;  // the input whose errors are being printed
  size_t printed_ = 0;
  AtomicFileBatch files_;    // the open group's files
  std::string group_inputs_;  // "digest\tname" per input with a piece in the open group
  uint64_t group_bytes_ = 0;
  store::ArchiveCompressor compressor_;  // for acknowledgments
  InterchangeJoin join_;                 // the parts of a large interchange so far
  std::optional<std::set<std::string>> open_parts_;  // store::Ledger::OpenArchiveParts, once read
};

}  // namespace wharf::pipeline
