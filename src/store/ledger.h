// Ledger: what wharf remembers, in the Store's tables: inbound control numbers, outbound
// counters, processed inputs and the archive.
//
// Contract: writes go to a pending WriteSet that Commit() applies as one batch, so everything
// that belongs to one commit (control numbers, counters, archive entries, input markers) lands
// together or not at all. Reads see the pending writes too, so two interchanges of one commit
// see each other (a duplicate inside one drop is a duplicate). Outbound counters are allocated
// here, never reused, and wrap to 1 past the standard's width. One Ledger per writer; not
// thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/store.h"
#include "x12/ack_builder.h"

namespace wharf::store {

// A received interchange, group or set as the ledger keeps it.
struct ControlRecord {
  int64_t time_us = 0;
  std::string status;  // "accepted", "accepted-with-errors", "rejected", "duplicate"
  std::string digest;  // of the interchange's bytes
  std::string input;   // the file it came in
  uint64_t offset = 0;
  std::string archive_key;
};

// A processed input file, by the digest of its content.
struct InputRecord {
  int64_t time_us = 0;
  std::string path;
  uint64_t bytes = 0;
  uint64_t interchanges = 0;
};

// A replay, by what it selects: the run of it under way or made last. A replay killed and started
// again with the same selection resumes its run (wharf replay).
struct ReplayRun {
  uint64_t number = 0;  // 1 for the first replay of a selection
  bool finished = true;
  // Entries archived after this are not the run's (the acknowledgments it archives itself): a
  // resumed run lists what the run it resumes listed.
  int64_t until_us = INT64_MAX;
};

enum class Direction : uint8_t { kIn, kOut };

struct ArchiveEntry {
  std::string key;
  Direction direction = Direction::kIn;
  std::string partner;   // "" for an interchange from no known partner
  std::string standard;  // "x12" or "edifact"
  std::string control;   // ISA13 / UNB 0020
  std::string kind;      // the documents ("850", "ORDERS", "997", "CONTRL")
  int64_t time_us = 0;
  std::string input;  // the file it came in (inbound) or the file it was written to (outbound)
  uint64_t offset = 0;
  uint64_t size = 0;       // bytes before compression
  std::string compressed;  // zstd frames; empty in listings
  // An interchange joined from parts (pipeline/interchange_join.h) is archived part by part as
  // it comes, ahead of its entry (WriteArchivePart): the parts' name and number, and no frames
  // in the entry itself. ReadArchive and ListArchive with frames put them back together.
  std::string parts;
  uint32_t part_count = 0;
};

struct ArchiveFilter {
  std::optional<std::string> partner;
  std::optional<Direction> direction;
  std::optional<std::string> control;
  int64_t since_us = INT64_MIN;
  int64_t until_us = INT64_MAX;
};

class Ledger {
 public:
  explicit Ledger(Store& store) : store_(store) {}

  // Inbound interchanges by partner, standard ("x12", "edifact") and control number.
  Result<std::optional<ControlRecord>> FindInterchange(std::string_view partner, std::string_view standard,
                                                       std::string_view control);
  void RecordInterchange(std::string_view partner, std::string_view standard, std::string_view control,
                         const ControlRecord& record);
  // Groups and sets under their interchange: "<isa13>/<gs06>" and "<isa13>/<gs06>/<st02>".
  void RecordControl(std::string_view partner, std::string_view standard, std::string_view level,
                     std::string_view path, std::string_view status, int64_t time_us);
  // The highest numeric interchange control number received from the partner, for gap checks.
  Result<std::optional<uint64_t>> LastInterchangeNumber(std::string_view partner, std::string_view standard);
  void SetLastInterchangeNumber(std::string_view partner, std::string_view standard, uint64_t number);

  // Outbound counters: the next number of `counter` for `partner`, from `start`, wrapping to 1
  // after `max`.
  Result<uint64_t> NextOutbound(std::string_view partner, std::string_view counter, uint64_t start, uint64_t max);

  Result<std::optional<InputRecord>> FindInput(std::string_view digest);
  void RecordInput(std::string_view digest, const InputRecord& record);
  // Replays by their selection (wharf replay's filters, as text).
  Result<ReplayRun> FindReplay(std::string_view selection);
  void RecordReplay(std::string_view selection, const ReplayRun& run);
  // Interchanges of an input committed before the input was finished (a crash between them).
  Result<bool> IsCommitted(std::string_view input_digest, uint64_t offset);
  void MarkCommitted(std::string_view input_digest, uint64_t offset);

  // Adds an archive entry and returns its key: the time, then a sequence number kept in the
  // store, so keys are in time order and never repeat, even across runs with a fixed clock.
  Result<std::string> Archive(const ArchiveEntry& entry);
  // One part's zstd frame of an interchange too large to hold whole, under `parts` (the input's
  // digest and the interchange's offset: a rerun writes the same parts again). Written at once,
  // not with the pending batch, so that memory holds one part; durable with the next commit.
  // Parts that no entry names (a run killed before its commit) are never listed; those past the
  // count of the entry that is committed at last (the rerun cut it into fewer parts) are deleted
  // with it; those of an interchange a rerun does not cut at all, by DropArchiveParts.
  Status WriteArchivePart(std::string_view parts, uint32_t part, std::string_view frame);
  // The first part written also marks `parts` open, until an entry naming them is committed. A
  // later run reads the marks (there are none unless a run died while writing parts) and drops
  // the parts of an interchange it archives whole, which the dead run had cut with another piece
  // size: no entry would ever name them. The drop goes with the pending batch.
  Result<std::set<std::string>> OpenArchiveParts() const;
  void DropArchiveParts(std::string_view parts);
  // What is wrong with the archive's parts, one line each: a part no committed entry names (left
  // by a run that died, until its input is read again), a part an entry names that is missing.
  Result<std::vector<std::string>> CheckArchiveParts() const;
  // Entries in key (time) order; their zstd frames only when `with_frames` (a listing needs none).
  Status ListArchive(const ArchiveFilter& filter, const std::function<bool(const ArchiveEntry&)>& visit,
                     bool with_frames = false) const;
  Result<ArchiveEntry> ReadArchive(std::string_view key, bool with_frames = true) const;

  // Appends an entry's parts' frames to its `compressed`.
  Status ReadArchiveParts(ArchiveEntry& entry) const;
  // One zstd frame of an entry listed without frames: part `part` (1-based) of a joined
  // interchange, or, with no parts, the entry's own (part 1). Safe beside a writing ledger.
  Result<std::string> ReadArchiveFrame(const ArchiveEntry& entry, uint32_t part) const;

  // Every control record of a partner ("" for all), for `wharf archive controls` and tests:
  // (key, value) in key order.
  Status ListControls(std::string_view partner,
                      const std::function<bool(std::string_view key, std::string_view value)>& visit) const;

  Status Commit();
  bool has_pending() const { return !pending_.empty(); }

  // What an open commit group is about to publish (its inputs, one per line), and where the
  // outbound counters stand after it, written apart from the pending batch; the next Commit()
  // clears it. A run that finds one left behind and has every one of those inputs redoes them
  // first, so that the acknowledgments published before the process died get the same control
  // numbers again, whatever other inputs have arrived since; any other run or replay moves the
  // counters past them first (AdoptInterruptedCounters).
  // Written unsynced: SyncIntent() (or the filesystem sync that publishes the group's files, when
  // the store is on the same filesystem) makes it durable, before any file is renamed.
  Status WriteIntent(std::string_view text);
  Status SyncIntent() { return store_.Sync(); }
  Result<std::string> ReadIntent() const;
  // For a run that will not redo the group an interrupted run left open (not all its inputs are
  // here, or not with the same content, or this is a replay): the counters are set where that
  // group left them and the intent is cleared, in one synced write, before anything is allocated.
  // The acknowledgments the group published keep their numbers, and no later one is given them.
  Status AdoptInterruptedCounters();

 private:
  Result<std::optional<std::string>> Read(Table table, const std::string& key) const;
  void Write(Table table, std::string key, std::string value);
  void ClearOpenParts(std::string_view parts);
  // A write no one reads back before the commit (the group, set and message records, one per
  // set of an interchange that may hold millions): kept only in the pending batch.
  void WriteUnread(Table table, std::string key, std::string value) { pending_.Put(table, std::move(key), std::move(value)); }

  Store& store_;
  WriteSet pending_;
  std::map<std::pair<Table, std::string>, std::string, std::less<>> overlay_;  // pending, by key
  std::map<std::string, uint64_t, std::less<>> counters_;  // last allocated, cached after first read
};

// Acknowledgment control numbers from the ledger's outbound counters of one partner: ISA13,
// GS06 and ST02 (or UNB 0020 and UNH 0062). A store failure is kept and reported by status().
class LedgerControlNumbers : public x12::ControlNumberSource {
 public:
  LedgerControlNumbers(Ledger& ledger, std::string partner, std::string standard, uint64_t start)
      : ledger_(ledger), partner_(std::move(partner)), standard_(std::move(standard)), start_(start) {}
  uint64_t NextInterchange() override { return last_interchange_ = Next("interchange"); }
  uint64_t NextGroup() override { return Next("group"); }
  uint64_t NextSet() override { return Next("set"); }
  const Status& status() const { return status_; }
  uint64_t last_interchange() const { return last_interchange_; }

 private:
  uint64_t Next(std::string_view level);
  Ledger& ledger_;
  std::string partner_, standard_;
  uint64_t start_;
  uint64_t last_interchange_ = 0;
  Status status_;
};

std::string_view DirectionName(Direction direction);

}  // namespace wharf::store
