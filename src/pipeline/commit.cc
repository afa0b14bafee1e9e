// Duplicates, gaps, acknowledgments, files and the ledger batch, one piece at a time.
#include "pipeline/commit.h"

#include <cstdio>
#include <ctime>
#include <ostream>
#include <algorithm>
#include <set>
#include <utility>
#include <vector>

#include "core/atomic_file.h"
#include "diagnostics/finding_format.h"
#include "edifact/contrl_builder.h"
#include "pipeline/home_layout.h"
#include "x12/ack_builder.h"

namespace wharf::pipeline {
namespace {

constexpr int64_t kMicrosPerDay = 86400LL * 1000 * 1000;

bool IsNumber(std::string_view text) {
  return !text.empty() && text.size() <= 18 && text.find_first_not_of("0123456789") == std::string_view::npos;
}

// Where a large interchange's parts are archived: a rerun of the same input writes the same.
std::string ArchivedParts(const InputInfo& input, const InterchangeWork& item) {
  return input.digest + "/" + std::to_string(item.offset);
}

Finding InterchangeFinding(const InterchangeWork& item, Severity severity, std::string code, std::string message) {
  Finding f;
  f.severity = severity;
  f.standard = item.format == Format::kX12 ? Standard::kX12 : Standard::kEdifact;
  f.code = std::move(code);
  f.message = std::move(message);
  f.file_offset = item.offset;
  f.line = item.line;
  f.column = item.column;
  f.segment_ordinal = 1;
  f.segment_tag = item.format == Format::kX12 ? "ISA" : "UNB";
  f.interchange_control = item.control;
  return f;
}

// Findings in file order (validators append them level by level), for people to read.
std::vector<const Finding*> InFileOrder(const Findings& findings) {
  std::vector<const Finding*> sorted;
  for (const Finding& f : findings) sorted.push_back(&f);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Finding* a, const Finding* b) { return a->file_offset < b->file_offset; });
  return sorted;
}

// The sets (group, set) that have errors, for their ledger records.
std::set<std::pair<uint32_t, uint32_t>> SetsWithErrors(const Findings& findings) {
  std::set<std::pair<uint32_t, uint32_t>> sets;
  for (const Finding& f : findings) {
    if (f.is_error() && f.set_number != 0) sets.insert({f.group_number, f.set_number});
  }
  return sets;
}

}  // namespace

struct Committer::PieceState {
  PieceWork& work;
  const InputInfo& input;
  std::string input_tag;  // the input digest's first 12 digits, in file names
  std::string input_stem;
  int64_t now;
  LineIndex lines;
  AtomicFileBatch& files;  // the commit group's
  store::ArchiveCompressor& compressor;

  PieceState(PieceWork& w, const InputInfo& in, int64_t time, AtomicFileBatch& group_files,
             store::ArchiveCompressor& ack_compressor)
      : work(w), input(in), input_tag(InputTag(in.digest)),
        input_stem(FileSafe(std::filesystem::path(in.name).filename().string())), now(time),
        lines(w.piece.bytes.view(), w.piece.offset, w.piece.line, w.piece.column), files(group_files),
        compressor(ack_compressor) {}
  // The item's bytes in this piece (a part's only).
  std::string_view Raw(const InterchangeWork& item) const {
    return work.piece.bytes.view().substr(item.part_offset - work.piece.offset, item.length);
  }
  // "<input>.<tag>-<offset>": files about the bytes at `offset` of this input.
  std::string BaseName(uint64_t offset) const {
    return input_stem + "." + input_tag + "-" + std::to_string(offset);
  }
  std::string Report(std::string_view label, const Findings& findings) {
    std::string text;
    for (const Finding* f : InFileOrder(findings)) text += FormatFinding(input.name, label, *f, lines) + "\n";
    return text;
  }
};

Status Committer::Commit(PieceWork& work, const InputInfo& input) {
  PieceState state(work, input, options_.clock->NowMicros(), files_, compressor_);
  const std::string intent_line = input.digest + "\t" + input.name + "\n";
  if (group_inputs_.find(intent_line) == std::string::npos) group_inputs_ += intent_line;
  if (printed_for_ != input.name) {
    printed_for_ = input.name;
    printed_ = 0;
  }
  size_t skipped = 0;
  for (InterchangeWork& item : work.interchanges) {
    Result<bool> done = ledger_.IsCommitted(input.digest, item.offset);
    if (!done.ok()) return done.status();
    if (*done) {
      ++totals_.interchanges_skipped;
      ++skipped;
      work.staged.Drop(item.translation);  // written when it was committed
      continue;
    }
    if (Status s = item.is_part() ? CommitPart(item, state) : CommitInterchange(item, state); !s.ok()) return s;
  }
  files_.Adopt(work.staged);  // every reservation is filled or left empty by now
  // Committed whole by an interrupted run (it is the input marker that was missing): done.
  if (skipped != 0 && skipped == work.interchanges.size() && !work.piece.last) return Status::Ok();
  if (!work.file_findings.empty()) {
    const std::filesystem::path report = options_.home / "reports" /
        (state.BaseName(work.piece.offset) + ".txt");
    if (Status s = state.files.Stage(report, state.Report("-", work.file_findings)); !s.ok()) return s;
    CountAndPrint(work.file_findings, "-", state);
  }
  if (work.piece.last) {
    ledger_.RecordInput(input.digest, {state.now, input.name, input.bytes, work.piece.x12_before + work.piece.edifact_before +
                                                                               work.interchanges.size()});
  }
  totals_.bytes += work.piece.bytes.size();
  group_bytes_ += work.piece.bytes.size();
  return group_bytes_ >= options_.commit_bytes && !join_.open() ? Flush() : Status::Ok();
}

Status Committer::CommitPart(InterchangeWork& part, PieceState& state) {
  if (part.partner == nullptr) {
    // Never held whole: its bytes go to dead-letter/ part by part, beside the whole's note.
    const std::filesystem::path edi = options_.home / "dead-letter" /
        (state.BaseName(part.offset) + ".part-" + PartNumber(part.part) + ".edi");
    if (Status s = state.files.Stage(edi, state.Raw(part)); !s.ok()) return s;
  }
  if (options_.archive_inbound) {
    // Archived as it comes: the whole interchange is never held (store/ledger.h).
    if (Status s = ledger_.WriteArchivePart(ArchivedParts(state.input, part), part.part, part.compressed); !s.ok()) {
      return s;
    }
    part.compressed.clear();
  }
  join_.Add(part, state.Raw(part), state.lines);
  if (part.continues) return Status::Ok();
  InterchangeWork whole = join_.Finish();
  return CommitInterchange(whole, state);
}

// An interchange archived whole that an interrupted run had cut (with another piece size) left
// parts that no entry will name: they go with this entry's batch (store/ledger.h). The marks of
// such parts are read once per run.
Status Committer::DropStaleParts(const std::string& parts) {
  if (!open_parts_) {
    Result<std::set<std::string>> open = ledger_.OpenArchiveParts();
    if (!open.ok()) return open.status();
    open_parts_ = std::move(*open);
  }
  if (open_parts_->erase(parts) != 0) ledger_.DropArchiveParts(parts);
  return Status::Ok();
}

void Committer::DropTranslation(const std::filesystem::path& target, PieceState& state) {
  files_.Drop(target);
  state.work.staged.Drop(target);
}

Status Committer::RenameTranslation(const std::filesystem::path& from, const std::filesystem::path& to,
                                    PieceState& state) {
  if (from == to) return Status::Ok();
  Result<bool> renamed = files_.Retarget(from, to);
  if (renamed.ok() && !*renamed) renamed = state.work.staged.Retarget(from, to);
  return renamed.status();
}

Status Committer::Flush() {
  group_bytes_ = 0;
  const std::string inputs = std::exchange(group_inputs_, {});
  if (!ledger_.has_pending() && files_.size() == 0) return Status::Ok();
  if (Status s = ledger_.WriteIntent(inputs); !s.ok()) return s;
  Fault("before-publish");
  if (Status s = files_.Publish([&] { return ledger_.SyncIntent(); }); !s.ok()) return s;
  Fault("before-ledger");
  if (Status s = ledger_.Commit(); !s.ok()) return s;
  Fault("after-ledger");
  return Status::Ok();
}

Result<bool> Committer::CheckDuplicate(InterchangeWork& item, int64_t now) {
  const partner::Partner& partner = *item.partner;
  Result<std::optional<store::ControlRecord>> seen = ledger_.FindInterchange(partner.id, item.standard(), item.control);
  if (!seen.ok()) return seen.status();
  if (!seen->has_value() || now - (*seen)->time_us > int64_t{partner.duplicates.window_days} * kMicrosPerDay) {
    return false;
  }
  ++totals_.duplicates;
  const store::ControlRecord& first = **seen;
  Finding f = InterchangeFinding(
      item, partner.duplicates.reject ? Severity::kError : Severity::kWarning,
      item.format == Format::kX12 ? "025" : "26",
      "duplicate interchange control number " + QuoteValue(item.control) + " from partner '" + partner.id +
          "': first received " + FormatUtc(first.time_us, "%Y-%m-%d %H:%M:%S UTC") + " in " + first.input +
          " at byte " + std::to_string(first.offset) + (partner.duplicates.reject ? "; rejected" : "; processed again"));
  f.level = AckLevel::kTa1;
  f.element = item.format == Format::kX12 ? 13 : 5;
  item.findings().push_back(std::move(f));
  return true;
}

Status Committer::CheckGap(InterchangeWork& item) {
  if (!IsNumber(item.control)) return Status::Ok();
  const uint64_t number = std::stoull(item.control);
  Result<std::optional<uint64_t>> last = ledger_.LastInterchangeNumber(item.partner->id, item.standard());
  if (!last.ok()) return last.status();
  if (last->has_value() && number > **last + 1) {
    ++totals_.gaps;
    const uint64_t from = **last + 1, to = number - 1;
    item.findings().push_back(InterchangeFinding(
        item, Severity::kWarning, "GAP",
        "interchange control number" + (from == to ? " " + std::to_string(from) + " was"
                                                   : "s " + std::to_string(from) + " to " + std::to_string(to) + " were") +
            " never received from partner '" + item.partner->id + "' (last before this: " + std::to_string(**last) + ")"));
  }
  // A number far below the last one is the partner's counter wrapping (ISA13 after 999999999),
  // not a late arrival: counting starts again from it.
  const bool wrapped = last->has_value() && number < **last && **last - number > 500000000;
  if (!last->has_value() || number > **last || wrapped) {
    ledger_.SetLastInterchangeNumber(item.partner->id, item.standard(), number);
  }
  return Status::Ok();
}

Status Committer::Acknowledge(InterchangeWork& item, PieceState& state, bool rejected_duplicate) {
  const partner::Partner& partner = *item.partner;
  store::LedgerControlNumbers numbers(ledger_, partner.id, std::string(item.standard()),
                                      partner.control_numbers.outbound_start);
  std::string text, type;
  if (item.x12) {
    x12::AckOptions options;
    const bool ta1_requested = item.x12->header.fields[14] == "1";
    switch (partner.acks.functional) {
      case partner::FunctionalAck::k997: options.type = x12::AckType::k997; type = "997"; break;
      case partner::FunctionalAck::k999: options.type = x12::AckType::k999; type = "999"; break;
      case partner::FunctionalAck::kNone:
        if (partner.acks.ta1 == partner::Ta1Policy::kNever ||
            (partner.acks.ta1 == partner::Ta1Policy::kOnRequest && !ta1_requested)) {
          return Status::Ok();
        }
        options.type = x12::AckType::kTa1;
        type = "TA1";
        break;
    }
    // A rejected duplicate is answered at the interchange level only: its groups are not read.
    if (rejected_duplicate && partner.acks.ta1 != partner::Ta1Policy::kNever) {
      options.type = x12::AckType::kTa1;
      type = "TA1";
    }
    options.force_ta1 = partner.acks.ta1 == partner::Ta1Policy::kAlways;
    options.never_ta1 = partner.acks.ta1 == partner::Ta1Policy::kNever;
    options.include_accepted_sets = partner.acks.include_accepted_sets;
    options.control_numbers = &numbers;
    options.date = FormatUtc(state.now, "%Y%m%d");
    options.time = FormatUtc(state.now, "%H%M");
    text = x12::BuildAcknowledgment(*item.x12, options);
  } else {
    if (!partner.acks.contrl) return Status::Ok();
    edifact::ContrlOptions options;
    options.control_numbers = &numbers;
    options.include_accepted_messages = partner.acks.include_accepted_sets;
    options.date = FormatUtc(state.now, "%Y%m%d");
    options.time = FormatUtc(state.now, "%H%M");
    text = edifact::BuildContrl(*item.edifact, options);
    type = "CONTRL";
    if (text.empty()) return Status::Ok();  // names no sender or recipient: there is no one to answer
  }
  if (!numbers.status().ok()) return numbers.status();
  const std::string control = std::to_string(numbers.last_interchange());
  // Archived by its place in the home, so that the home can be moved.
  const std::filesystem::path path = std::filesystem::path("partners") / partner.id / "acks" / (type + "-" + control + ".edi");
  Status staged = item.ack_file ? state.work.staged.Fill(*item.ack_file, options_.home / path, text)
                                : state.files.Stage(options_.home / path, text);
  if (!staged.ok()) return staged;
  Result<std::string> archived =
      ledger_.Archive({"", store::Direction::kOut, partner.id, std::string(item.standard()), control, type, state.now,
                       path.string(), 0, text.size(), state.compressor.Compress(text)});
  if (!archived.ok()) return archived.status();
  ++totals_.acknowledgments;
  return Status::Ok();
}

// Counts findings in the totals and prints the errors (at most max_printed per input; the
// reports hold every one).
void Committer::CountAndPrint(const Findings& findings, std::string_view label, PieceState& state) {
  for (const Finding* f : InFileOrder(findings)) {
    ++(f->is_error() ? totals_.errors : totals_.warnings);
    if (f->is_error() && options_.errors_out != nullptr && printed_++ < options_.max_printed) {
      *options_.errors_out << FormatFinding(state.input.name, label, *f, state.lines) << '\n';
    }
  }
}

// Never dropped: an interchange no partner claims goes whole to the dead-letter folder, with a
// note saying why and what else is wrong with it.
Status Committer::DeadLetter(const InterchangeWork& item, PieceState& state) {
  ++totals_.dead_letters;
  const std::filesystem::path folder = options_.home / "dead-letter";
  const std::string base = state.BaseName(item.offset);
  // A joined interchange's bytes were staged part by part (CommitPart).
  const std::string bytes_name = base + (item.joined_parts != 0 ? ".part-*.edi" : ".edi");
  if (item.joined_parts == 0) {
    if (Status s = state.files.Stage(folder / bytes_name, state.Raw(item)); !s.ok()) return s;
  }
  const std::string note = state.input.name + ": interchange " + item.Label() + " at byte " +
                           std::to_string(item.offset) + ": " + item.unmatched + "\n" +
                           (item.joined_parts != 0 ? "its bytes, in parts, in order: " + bytes_name + "\n" : "") +
                           state.Report(item.Label(), item.findings());
  if (Status s = state.files.Stage(folder / (base + ".txt"), note); !s.ok()) return s;
  if (options_.errors_out != nullptr) {
    *options_.errors_out << state.input.name << ':' << item.Label() << ": dead letter (" << item.unmatched
                         << "): " << (folder / bytes_name).string() << '\n';
  }
  return Status::Ok();
}

// Every group and set (X12 "gs/", "st/") or message (EDIFACT "unh/") of an interchange, with
// whether it was accepted.
void Committer::RecordGroupsAndSets(const InterchangeWork& item, const std::string& status, int64_t now) {
  const std::string& partner = item.partner->id;
  const bool valid = status == "accepted";
  const auto failed = SetsWithErrors(item.findings());
  auto set_status = [&](uint32_t group, uint32_t set) {
    return !valid && failed.count({group + 1, set + 1}) != 0 ? "rejected" : "accepted";
  };
  if (item.x12) {
    const auto& groups = item.x12->envelope.groups;
    for (uint32_t g = 0; g < groups.size(); ++g) {
      const std::string group_path = item.control + "/" + std::string(groups[g].control_number);
      ledger_.RecordControl(partner, "x12", "gs", group_path, status, now);
      for (uint32_t s = 0; s < groups[g].sets.size(); ++s) {
        ledger_.RecordControl(partner, "x12", "st", group_path + "/" + std::string(groups[g].sets[s].control_number),
                              set_status(g, s), now);
      }
    }
    return;
  }
  const auto& groups = item.edifact->envelope.groups;
  for (uint32_t g = 0; g < groups.size(); ++g) {
    const std::string group_path = item.control + "/" + std::string(groups[g].reference);
    for (uint32_t m = 0; m < groups[g].messages.size(); ++m) {
      ledger_.RecordControl(partner, "edifact", "unh", group_path + "/" + std::string(groups[g].messages[m].reference),
                            set_status(g, m), now);
    }
  }
}

Status Committer::CommitInterchange(InterchangeWork& item, PieceState& state) {
  ++totals_.interchanges;
  totals_.sets += item.sets;
  const std::string name = ItemName(item.control, state.input_tag, item.offset);
  std::string archive_key;
  auto archive_inbound = [&](const std::string& partner_id) -> Status {
    if (!options_.archive_inbound) return Status::Ok();
    store::ArchiveEntry entry{"", store::Direction::kIn, partner_id, std::string(item.standard()), item.control,
                              item.documents, state.now, state.input.name, item.offset, item.length,
                              std::move(item.compressed)};
    if (item.joined_parts != 0) {
      entry.parts = ArchivedParts(state.input, item);
      entry.part_count = item.joined_parts;
    } else if (Status s = DropStaleParts(ArchivedParts(state.input, item)); !s.ok()) {
      return s;
    }
    Result<std::string> key = ledger_.Archive(entry);
    if (!key.ok()) return key.status();
    archive_key = std::move(*key);
    return Status::Ok();
  };
  if (item.partner == nullptr) {
    if (Status s = DeadLetter(item, state); !s.ok()) return s;
    if (Status s = archive_inbound(""); !s.ok()) return s;
    ledger_.MarkCommitted(state.input.digest, item.offset);
    return Status::Ok();
  }

  const partner::Partner& partner = *item.partner;
  Result<bool> duplicate = options_.check_duplicates ? CheckDuplicate(item, state.now) : Result<bool>(false);
  if (!duplicate.ok()) return duplicate.status();
  if (!*duplicate && partner.control_numbers.check_gaps) {
    if (Status s = CheckGap(item); !s.ok()) return s;
  }
  CountAndPrint(item.findings(), item.Label(), state);
  const bool valid = item.valid();
  const bool rejected_duplicate = *duplicate && partner.duplicates.reject;
  if (!valid) ++totals_.rejected;
  const std::filesystem::path partner_folder = options_.home / "partners" / partner.id;
  if (!item.translation.empty()) {
    // Staged by the parallel stage; a rejected duplicate passes nothing on.
    if (rejected_duplicate) {
      state.work.staged.Drop(item.translation);
    } else {
      ++totals_.translations;
    }
  }
  if (!item.part_translations.empty()) {
    // Each part went where its own findings sent it; the whole's decide.
    if (!rejected_duplicate) ++totals_.translations;
    for (const std::filesystem::path& part : item.part_translations) {
      if (rejected_duplicate) {
        DropTranslation(part, state);
      } else {
        const std::filesystem::path to = partner_folder / (valid ? item.folder : "rejected") / part.filename();
        if (Status s = RenameTranslation(part, to, state); !s.ok()) return s;
      }
    }
  }
  if (!item.findings().empty()) {
    const std::filesystem::path report = partner_folder / "reports" / (name + ".txt");
    if (Status s = state.files.Stage(report, state.Report(item.Label(), item.findings())); !s.ok()) return s;
  }
  if (Status s = archive_inbound(partner.id); !s.ok()) return s;
  if (Status s = Acknowledge(item, state, rejected_duplicate); !s.ok()) return s;

  const std::string status = rejected_duplicate ? "duplicate" : valid ? "accepted" : "rejected";
  if (*duplicate) {
    // The first receipt stays the record; the repeat is noted beside it.
    ledger_.RecordControl(partner.id, item.standard(), "dup",
                          item.control + "/" + state.input_tag + "-" + std::to_string(item.offset), status, state.now);
  } else {
    ledger_.RecordInterchange(partner.id, item.standard(), item.control,
                              {state.now, status, item.digest, state.input.name, item.offset, archive_key});
    RecordGroupsAndSets(item, status, state.now);
  }
  ledger_.MarkCommitted(state.input.digest, item.offset);
  return Status::Ok();
}

}  // namespace wharf::pipeline
