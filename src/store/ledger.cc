// Ledger keys and values. Keys are '/'-separated paths (partner ids cannot hold '/'); values are
// "name=value" fields separated by tabs, readable in a dump and easy to extend.
#include "store/ledger.h"

#include <charconv>
#include <cinttypes>
#include <cstdio>
#include <vector>

#include "store/archive_codec.h"

namespace wharf::store {
namespace {

using Fields = std::vector<std::pair<std::string_view, std::string>>;

// Tabs and line breaks would break the layout; envelope values can hold anything.
std::string Clean(std::string_view value) {
  std::string out(value);
  for (char& c : out) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

std::string Encode(const Fields& fields) {
  std::string out;
  for (const auto& [name, value] : fields) {
    if (!out.empty()) out += '\t';
    out += name;
    out += '=';
    out += Clean(value);
  }
  return out;
}

std::string_view Field(std::string_view encoded, std::string_view name) {
  while (!encoded.empty()) {
    const size_t tab = encoded.find('\t');
    const std::string_view field = encoded.substr(0, tab);
    if (field.size() > name.size() && field.starts_with(name) && field[name.size()] == '=') {
      return field.substr(name.size() + 1);
    }
    if (tab == std::string_view::npos) break;
    encoded.remove_prefix(tab + 1);
  }
  return {};
}

uint64_t ToUnsigned(std::string_view text) {
  uint64_t value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

int64_t ToSigned(std::string_view text) {
  int64_t value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

std::string Key(std::initializer_list<std::string_view> parts) {
  std::string key;
  for (std::string_view part : parts) {
    if (!key.empty()) key += '/';
    key += part;
  }
  return key;
}

ControlRecord DecodeControl(std::string_view value) {
  ControlRecord record;
  record.time_us = ToSigned(Field(value, "time"));
  record.status = Field(value, "status");
  record.digest = Field(value, "digest");
  record.input = Field(value, "input");
  record.offset = ToUnsigned(Field(value, "offset"));
  record.archive_key = Field(value, "archive");
  return record;
}

// An archive value: its fields, a line feed, then the zstd frame.
ArchiveEntry DecodeArchive(std::string_view key, std::string_view value, bool with_payload) {
  const size_t newline = value.find('\n');
  const std::string_view meta = value.substr(0, newline);
  ArchiveEntry entry;
  entry.key = key;
  entry.direction = Field(meta, "direction") == "out" ? Direction::kOut : Direction::kIn;
  entry.partner = Field(meta, "partner");
  entry.standard = Field(meta, "standard");
  entry.control = Field(meta, "control");
  entry.kind = Field(meta, "kind");
  entry.time_us = ToSigned(Field(meta, "time"));
  entry.input = Field(meta, "input");
  entry.offset = ToUnsigned(Field(meta, "offset"));
  entry.size = ToUnsigned(Field(meta, "size"));
  entry.parts = Field(meta, "parts");
  entry.part_count = static_cast<uint32_t>(ToUnsigned(Field(meta, "part_count")));
  if (with_payload && newline != std::string_view::npos) entry.compressed = value.substr(newline + 1);
  return entry;
}

// Parts sort after every entry ('~' after the digits of the entries' times).
constexpr std::string_view kPartPrefix = "~part/";

std::string PartKey(std::string_view parts, uint32_t part) {
  char number[16];
  std::snprintf(number, sizeof number, "/%06u", part);
  return std::string(kPartPrefix) + std::string(parts) + number;
}

// The first key after every part of `parts` ('0' follows the '/' before the part numbers).
std::string PartsEnd(std::string_view parts) { return std::string(kPartPrefix) + std::string(parts) + "0"; }

// In the inputs table: the parts of an interchange are written and its entry is not committed yet.
constexpr std::string_view kOpenPartsPrefix = "open-parts/";
std::string OpenPartsKey(std::string_view parts) { return std::string(kOpenPartsPrefix) + std::string(parts); }

bool Matches(const ArchiveFilter& filter, const ArchiveEntry& entry) {
  return (!filter.partner || *filter.partner == entry.partner) &&
         (!filter.direction || *filter.direction == entry.direction) &&
         (!filter.control || *filter.control == entry.control) && entry.time_us >= filter.since_us &&
         entry.time_us <= filter.until_us;
}

}  // namespace

std::string_view DirectionName(Direction direction) { return direction == Direction::kIn ? "in" : "out"; }

Result<std::optional<std::string>> Ledger::Read(Table table, const std::string& key) const {
  if (auto it = overlay_.find(std::pair(table, key)); it != overlay_.end()) return std::optional(it->second);
  return store_.Get(table, key);
}

void Ledger::Write(Table table, std::string key, std::string value) {
  overlay_[std::pair(table, key)] = value;
  pending_.Put(table, std::move(key), std::move(value));
}

Result<std::optional<ControlRecord>> Ledger::FindInterchange(std::string_view partner, std::string_view standard,
                                                             std::string_view control) {
  Result<std::optional<std::string>> value = Read(Table::kInbound, Key({"ic", partner, standard, control}));
  if (!value.ok()) return value.status();
  if (!value->has_value()) return std::optional<ControlRecord>();
  return std::optional(DecodeControl(**value));
}

void Ledger::RecordInterchange(std::string_view partner, std::string_view standard, std::string_view control,
                               const ControlRecord& record) {
  Write(Table::kInbound, Key({"ic", partner, standard, control}),
        Encode({{"time", std::to_string(record.time_us)},
                {"status", record.status},
                {"digest", record.digest},
                {"input", record.input},
                {"offset", std::to_string(record.offset)},
                {"archive", record.archive_key}}));
}

void Ledger::RecordControl(std::string_view partner, std::string_view standard, std::string_view level,
                           std::string_view path, std::string_view status, int64_t time_us) {
  WriteUnread(Table::kInbound, Key({level, partner, standard, path}),
              Encode({{"time", std::to_string(time_us)}, {"status", std::string(status)}}));
}

Result<std::optional<uint64_t>> Ledger::LastInterchangeNumber(std::string_view partner, std::string_view standard) {
  Result<std::optional<std::string>> value = Read(Table::kInbound, Key({"last", partner, standard}));
  if (!value.ok()) return value.status();
  if (!value->has_value()) return std::optional<uint64_t>();
  return std::optional(ToUnsigned(**value));
}

void Ledger::SetLastInterchangeNumber(std::string_view partner, std::string_view standard, uint64_t number) {
  Write(Table::kInbound, Key({"last", partner, standard}), std::to_string(number));
}

Result<uint64_t> Ledger::NextOutbound(std::string_view partner, std::string_view counter, uint64_t start,
                                      uint64_t max) {
  const std::string key = Key({partner, counter});
  auto cached = counters_.find(key);
  if (cached == counters_.end()) {
    Result<std::optional<std::string>> value = Read(Table::kOutbound, key);
    if (!value.ok()) return value.status();
    // Nothing allocated yet: the next is `start`.
    const uint64_t last = value->has_value() ? ToUnsigned(**value) : start - 1;
    cached = counters_.emplace(key, last).first;
  }
  uint64_t next = cached->second + 1;
  if (next > max || next == 0) next = 1;
  cached->second = next;
  Write(Table::kOutbound, key, std::to_string(next));
  return next;
}

Result<std::optional<InputRecord>> Ledger::FindInput(std::string_view digest) {
  Result<std::optional<std::string>> value = Read(Table::kInputs, Key({"file", digest}));
  if (!value.ok()) return value.status();
  if (!value->has_value()) return std::optional<InputRecord>();
  InputRecord record;
  record.time_us = ToSigned(Field(**value, "time"));
  record.path = Field(**value, "path");
  record.bytes = ToUnsigned(Field(**value, "bytes"));
  record.interchanges = ToUnsigned(Field(**value, "interchanges"));
  return std::optional(record);
}

void Ledger::RecordInput(std::string_view digest, const InputRecord& record) {
  Write(Table::kInputs, Key({"file", digest}),
        Encode({{"time", std::to_string(record.time_us)},
                {"path", record.path},
                {"bytes", std::to_string(record.bytes)},
                {"interchanges", std::to_string(record.interchanges)}}));
}

Result<ReplayRun> Ledger::FindReplay(std::string_view selection) {
  Result<std::optional<std::string>> value = Read(Table::kInputs, Key({"replay", ContentDigest(selection)}));
  if (!value.ok()) return value.status();
  ReplayRun run;
  if (value->has_value()) {
    run.number = ToUnsigned(Field(**value, "run"));
    run.finished = Field(**value, "state") == "finished";
    run.until_us = ToSigned(Field(**value, "until"));
  }
  return run;
}

void Ledger::RecordReplay(std::string_view selection, const ReplayRun& run) {
  Write(Table::kInputs, Key({"replay", ContentDigest(selection)}),
        Encode({{"run", std::to_string(run.number)},
                {"state", run.finished ? "finished" : "open"},
                {"until", std::to_string(run.until_us)},
                {"selection", std::string(selection)}}));
}

Result<bool> Ledger::IsCommitted(std::string_view input_digest, uint64_t offset) {
  Result<std::optional<std::string>> value = Read(Table::kInputs, Key({"done", input_digest, std::to_string(offset)}));
  if (!value.ok()) return value.status();
  return value->has_value();
}

void Ledger::MarkCommitted(std::string_view input_digest, uint64_t offset) {
  Write(Table::kInputs, Key({"done", input_digest, std::to_string(offset)}), "");
}

Result<std::string> Ledger::Archive(const ArchiveEntry& entry) {
  Result<uint64_t> sequence = NextOutbound("~wharf", "archive", 1, 999999999999ULL);
  if (!sequence.ok()) return sequence.status();
  char key[48];
  std::snprintf(key, sizeof key, "%016" PRId64 "-%012" PRIu64, entry.time_us, *sequence);
  std::string value = Encode({{"direction", std::string(DirectionName(entry.direction))},
                              {"partner", entry.partner},
                              {"standard", entry.standard},
                              {"control", entry.control},
                              {"kind", entry.kind},
                              {"time", std::to_string(entry.time_us)},
                              {"input", entry.input},
                              {"offset", std::to_string(entry.offset)},
                              {"size", std::to_string(entry.size)},
                              {"parts", entry.parts},
                              {"part_count", std::to_string(entry.part_count)}});
  value += '\n';
  value += entry.compressed;
  // Keys never repeat and nothing reads an entry before it is committed: no overlay copy.
  WriteUnread(Table::kArchive, key, std::move(value));
  if (entry.part_count != 0 && entry.part_count < 999999) {  // PartKey's six digits sort in order
    // Parts past the count are an interrupted run's, cut with another piece size: they go with
    // the entry.
    pending_.DeleteRange(Table::kArchive, PartKey(entry.parts, entry.part_count + 1), PartsEnd(entry.parts));
  }
  if (entry.part_count != 0) ClearOpenParts(entry.parts);
  return std::string(key);
}

Status Ledger::WriteArchivePart(std::string_view parts, uint32_t part, std::string_view frame) {
  WriteSet write;
  write.Put(Table::kArchive, PartKey(parts, part), std::string(frame));
  if (part == 1) write.Put(Table::kInputs, OpenPartsKey(parts), "");
  return store_.Apply(write, /*sync=*/false);
}

Result<std::set<std::string>> Ledger::OpenArchiveParts() const {
  std::set<std::string> open;
  Status scanned = store_.Scan(Table::kInputs, kOpenPartsPrefix, [&](std::string_view key, std::string_view) {
    open.emplace(key.substr(kOpenPartsPrefix.size()));
    return true;
  });
  if (!scanned.ok()) return scanned;
  return open;
}

Result<std::vector<std::string>> Ledger::CheckArchiveParts() const {
  std::map<std::string, std::pair<uint32_t, uint32_t>, std::less<>> named;  // parts: (count, found)
  std::vector<std::string> problems;
  // Entries sort before parts ('~' after the digits of their times): every entry is known by the
  // time the first part comes.
  Status scanned = store_.Scan(Table::kArchive, "", [&](std::string_view key, std::string_view value) {
    if (!key.starts_with(kPartPrefix)) {
      const ArchiveEntry entry = DecodeArchive(key, value, /*with_frames=*/false);
      if (entry.part_count != 0) named[entry.parts] = {entry.part_count, 0};
      return true;
    }
    const size_t slash = key.rfind('/');
    const std::string_view parts = key.substr(kPartPrefix.size(), slash - kPartPrefix.size());
    const uint64_t part = ToUnsigned(key.substr(slash + 1));
    const auto it = named.find(parts);
    if (it == named.end() || part == 0 || part > it->second.first) {
      problems.push_back("part " + std::to_string(part) + " of " + std::string(parts) + " belongs to no archived interchange");
    } else {
      ++it->second.second;
    }
    return true;
  });
  if (!scanned.ok()) return scanned;
  for (const auto& [parts, counts] : named) {
    if (counts.second != counts.first) {
      problems.push_back(std::string(parts) + ": " + std::to_string(counts.first - counts.second) + " of its " +
                         std::to_string(counts.first) + " parts are missing");
    }
  }
  return problems;
}

void Ledger::DropArchiveParts(std::string_view parts) {
  pending_.DeleteRange(Table::kArchive, PartKey(parts, 0), PartsEnd(parts));
  ClearOpenParts(parts);
}

void Ledger::ClearOpenParts(std::string_view parts) { pending_.Delete(Table::kInputs, OpenPartsKey(parts)); }

Status Ledger::ReadArchiveParts(ArchiveEntry& entry) const {
  for (uint32_t part = 1; part <= entry.part_count; ++part) {
    Result<std::string> frame = ReadArchiveFrame(entry, part);
    if (!frame.ok()) return frame.status();
    entry.compressed += *frame;
  }
  return Status::Ok();
}

Result<std::string> Ledger::ReadArchiveFrame(const ArchiveEntry& entry, uint32_t part) const {
  const std::string key = entry.part_count == 0 ? entry.key : PartKey(entry.parts, part);
  Result<std::optional<std::string>> value = store_.Get(Table::kArchive, key);
  if (!value.ok()) return value.status();
  if (!value->has_value()) {
    return Status::Corruption("archive entry '" + entry.key + "' misses part " + std::to_string(part));
  }
  if (entry.part_count != 0) return std::move(**value);
  const size_t newline = (*value)->find('\n');
  return newline == std::string::npos ? std::string() : (*value)->substr(newline + 1);
}

Status Ledger::ListArchive(const ArchiveFilter& filter, const std::function<bool(const ArchiveEntry&)>& visit,
                           bool with_frames) const {
  Status failed = Status::Ok();
  Status scanned = store_.Scan(Table::kArchive, "", [&](std::string_view key, std::string_view value) {
    if (key.starts_with(kPartPrefix)) return false;  // past the last entry
    ArchiveEntry entry = DecodeArchive(key, value, with_frames);
    if (!Matches(filter, entry)) return true;
    if (with_frames) failed = ReadArchiveParts(entry);
    return failed.ok() && visit(entry);
  });
  return scanned.ok() ? failed : scanned;
}

Result<ArchiveEntry> Ledger::ReadArchive(std::string_view key, bool with_frames) const {
  Result<std::optional<std::string>> value = store_.Get(Table::kArchive, key);
  if (!value.ok()) return value.status();
  if (!value->has_value() || key.starts_with(kPartPrefix)) {
    return Status::NotFound("no archive entry '" + std::string(key) + "'");
  }
  ArchiveEntry entry = DecodeArchive(key, **value, with_frames);
  if (with_frames) {
    if (Status s = ReadArchiveParts(entry); !s.ok()) return s;
  }
  return entry;
}

Status Ledger::ListControls(std::string_view partner,
                            const std::function<bool(std::string_view, std::string_view)>& visit) const {
  return store_.Scan(Table::kInbound, "", [&](std::string_view key, std::string_view value) {
    const size_t slash = key.find('/');
    const std::string_view rest = slash == std::string_view::npos ? key : key.substr(slash + 1);
    if (!partner.empty() && !(rest.starts_with(partner) && rest.size() > partner.size() && rest[partner.size()] == '/')) {
      return true;
    }
    return visit(key, value);
  });
}

// The intent's counters, "key\tlast\n" each: every counter this ledger has read or moved.
constexpr std::string_view kIntentCounters = "intent-counters";

Status Ledger::WriteIntent(std::string_view text) {
  std::string counters;
  for (const auto& [key, last] : counters_) counters += key + '\t' + std::to_string(last) + '\n';
  WriteSet intent;
  intent.Put(Table::kInputs, "intent", std::string(text));
  intent.Put(Table::kInputs, std::string(kIntentCounters), std::move(counters));
  if (Status s = store_.Apply(intent, /*sync=*/false); !s.ok()) return s;
  // The group's batch clears it, together with everything else.
  Write(Table::kInputs, "intent", "");
  Write(Table::kInputs, std::string(kIntentCounters), "");
  return Status::Ok();
}

Status Ledger::AdoptInterruptedCounters() {
  Result<std::optional<std::string>> counters = store_.Get(Table::kInputs, kIntentCounters);
  if (!counters.ok()) return counters.status();
  WriteSet adopt;
  const std::string text = counters->value_or("");
  std::string_view lines = text;
  while (!lines.empty()) {
    const size_t end = lines.find('\n');
    const std::string_view line = lines.substr(0, end);
    const size_t tab = line.find('\t');
    if (tab != std::string_view::npos) adopt.Put(Table::kOutbound, std::string(line.substr(0, tab)), std::string(line.substr(tab + 1)));
    lines.remove_prefix(end == std::string_view::npos ? lines.size() : end + 1);
  }
  adopt.Put(Table::kInputs, "intent", "");
  adopt.Put(Table::kInputs, std::string(kIntentCounters), "");
  counters_.clear();  // read again from the store
  return store_.Apply(adopt, /*sync=*/true);
}

Result<std::string> Ledger::ReadIntent() const {
  Result<std::optional<std::string>> value = store_.Get(Table::kInputs, "intent");
  if (!value.ok()) return value.status();
  return value->value_or("");
}

Status Ledger::Commit() {
  if (pending_.empty()) return Status::Ok();
  Status applied = store_.Apply(pending_);
  pending_.clear();
  overlay_.clear();
  if (!applied.ok()) counters_.clear();  // re-read what the store really holds
  return applied;
}

uint64_t LedgerControlNumbers::Next(std::string_view level) {
  // X12 ISA13/GS06/ST02 are at most 9 digits; EDIFACT references 14 characters.
  const uint64_t max = standard_ == "x12" ? 999999999ULL : 99999999999999ULL;
  Result<uint64_t> next = ledger_.NextOutbound(partner_, standard_ + "-" + std::string(level), start_, max);
  if (!next.ok()) {
    if (status_.ok()) status_ = next.status();
    return 0;
  }
  return *next;
}

}  // namespace wharf::store
