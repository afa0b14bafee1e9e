// The ledger over a real RocksDB store in a temporary folder.
#include <gtest/gtest.h>

#include "store/archive_codec.h"
#include "store/ledger.h"
#include "support/test_files.h"

namespace wharf::store {
namespace {

using testing::ScratchDir;

std::unique_ptr<Store> Open(const ScratchDir& dir) {
  Result<std::unique_ptr<Store>> store = OpenRocksStore(dir / "store");
  EXPECT_TRUE(store.ok()) << store.status().message();
  return std::move(*store);
}

TEST(Ledger, PendingWritesAreSeenAndLandTogether) {
  ScratchDir dir;
  std::unique_ptr<Store> store = Open(dir);
  Ledger ledger(*store);
  ledger.RecordInterchange("acme", "x12", "000000001", {42, "accepted", "d1", "a.edi", 0, ""});
  // Seen before the commit by the same ledger (a duplicate inside one drop)...
  ASSERT_TRUE(ledger.FindInterchange("acme", "x12", "000000001")->has_value());
  // ...but not by another reader until it is committed.
  Ledger reader(*store);
  EXPECT_FALSE(reader.FindInterchange("acme", "x12", "000000001")->has_value());
  ASSERT_TRUE(ledger.Commit().ok());
  const std::optional<ControlRecord> record = *reader.FindInterchange("acme", "x12", "000000001");
  ASSERT_TRUE(record.has_value());
  EXPECT_EQ(record->time_us, 42);
  EXPECT_EQ(record->status, "accepted");
  EXPECT_EQ(record->input, "a.edi");
  EXPECT_FALSE(reader.FindInterchange("acme", "edifact", "000000001")->has_value());
  EXPECT_FALSE(reader.FindInterchange("acme2", "x12", "000000001")->has_value());
}

TEST(Ledger, OutboundCountersStartWhereToldNeverRepeatAndWrap) {
  ScratchDir dir;
  {
    std::unique_ptr<Store> store = Open(dir);
    Ledger ledger(*store);
    EXPECT_EQ(*ledger.NextOutbound("acme", "x12-interchange", 500, 999999999), 500u);
    EXPECT_EQ(*ledger.NextOutbound("acme", "x12-interchange", 500, 999999999), 501u);
    EXPECT_EQ(*ledger.NextOutbound("acme", "x12-group", 500, 999999999), 500u);
    EXPECT_EQ(*ledger.NextOutbound("other", "x12-interchange", 1, 999999999), 1u);
    ASSERT_TRUE(ledger.Commit().ok());
    EXPECT_EQ(*ledger.NextOutbound("acme", "x12-interchange", 500, 999999999), 502u);
    // Not committed: a crash here loses 502, which the next run hands out again (its files and
    // ledger entries never landed).
  }
  std::unique_ptr<Store> store = Open(dir);
  Ledger ledger(*store);
  EXPECT_EQ(*ledger.NextOutbound("acme", "x12-interchange", 500, 999999999), 502u);
  EXPECT_EQ(*ledger.NextOutbound("wrap", "x12-set", 999999998, 999999999), 999999998u);
  EXPECT_EQ(*ledger.NextOutbound("wrap", "x12-set", 999999998, 999999999), 999999999u);
  EXPECT_EQ(*ledger.NextOutbound("wrap", "x12-set", 999999998, 999999999), 1u);
}

// A group whose files were published but whose batch never landed (the process died): a run
// that will not redo it moves the counters to where the group left them, wrapped ones too, and
// clears the intent; a second adoption finds nothing to do.
TEST(Ledger, AnInterruptedGroupsCountersAreAdoptedAndItsIntentCleared) {
  ScratchDir dir;
  {
    std::unique_ptr<Store> store = Open(dir);
    Ledger ledger(*store);
    EXPECT_EQ(*ledger.NextOutbound("acme", "x12-interchange", 500, 999999999), 500u);
    ASSERT_TRUE(ledger.Commit().ok());
    EXPECT_EQ(*ledger.NextOutbound("acme", "x12-interchange", 500, 999999999), 501u);
    EXPECT_EQ(*ledger.NextOutbound("acme", "x12-interchange", 500, 999999999), 502u);
    EXPECT_EQ(*ledger.NextOutbound("wrap", "x12-set", 999999999, 999999999), 999999999u);
    EXPECT_EQ(*ledger.NextOutbound("wrap", "x12-set", 999999999, 999999999), 1u);
    ASSERT_TRUE(ledger.WriteIntent("d1\ta.edi\n").ok());
    ASSERT_TRUE(ledger.SyncIntent().ok());
    // No Commit(): the process dies here, its files published.
  }
  std::unique_ptr<Store> store = Open(dir);
  {
    Ledger ledger(*store);
    EXPECT_EQ(*ledger.ReadIntent(), "d1\ta.edi\n");
    ASSERT_TRUE(ledger.AdoptInterruptedCounters().ok());
  }
  Ledger ledger(*store);
  EXPECT_EQ(*ledger.ReadIntent(), "");
  EXPECT_EQ(*ledger.NextOutbound("acme", "x12-interchange", 500, 999999999), 503u);
  EXPECT_EQ(*ledger.NextOutbound("wrap", "x12-set", 999999999, 999999999), 2u);
  ASSERT_TRUE(ledger.Commit().ok());
  ASSERT_TRUE(ledger.AdoptInterruptedCounters().ok());  // nothing left to adopt
  EXPECT_EQ(*Ledger(*store).NextOutbound("acme", "x12-interchange", 500, 999999999), 504u);
}

TEST(Ledger, ArchiveRoundTripsAndFilters) {
  ScratchDir dir;
  std::unique_ptr<Store> store = Open(dir);
  Ledger ledger(*store);
  ArchiveCompressor compressor;
  const std::string raw = "ISA*00*...~IEA*1*000000001~\n";
  const std::string in_key =
      *ledger.Archive({"", Direction::kIn, "acme", "x12", "000000001", "850", 1000, "a.edi", 7, raw.size(),
                       compressor.Compress(raw)});
  const std::string out_key = *ledger.Archive(
      {"", Direction::kOut, "acme", "x12", "1", "997", 2000, "partners/acme/acks/997-1.edi", 0, 3, compressor.Compress("997")});
  ASSERT_TRUE(ledger.Commit().ok());
  EXPECT_LT(in_key, out_key);  // time order

  const Result<ArchiveEntry> entry = ledger.ReadArchive(in_key);
  ASSERT_TRUE(entry.ok());
  EXPECT_EQ(entry->partner, "acme");
  EXPECT_EQ(entry->kind, "850");
  EXPECT_EQ(entry->offset, 7u);
  EXPECT_EQ(*Decompress(entry->compressed), raw);
  EXPECT_EQ(ledger.ReadArchive("nope").status().code(), Status::Code::kNotFound);

  auto keys = [&](const ArchiveFilter& filter) {
    std::vector<std::string> found;
    EXPECT_TRUE(ledger.ListArchive(filter, [&](const ArchiveEntry& e) {
      found.push_back(e.kind);
      return true;
    }).ok());
    return found;
  };
  EXPECT_EQ(keys({}), (std::vector<std::string>{"850", "997"}));
  ArchiveFilter out;
  out.direction = Direction::kOut;
  EXPECT_EQ(keys(out), std::vector<std::string>{"997"});
  ArchiveFilter until;
  until.until_us = 1500;
  EXPECT_EQ(keys(until), std::vector<std::string>{"850"});
  ArchiveFilter other;
  other.partner = "other";
  EXPECT_TRUE(keys(other).empty());
}

TEST(Ledger, InputsAndInterchangeMarkers) {
  ScratchDir dir;
  std::unique_ptr<Store> store = Open(dir);
  Ledger ledger(*store);
  EXPECT_FALSE(ledger.FindInput("abc")->has_value());
  ledger.MarkCommitted("abc", 1234);
  ledger.RecordInput("abc", {5, "drop/a.edi", 999, 3});
  ASSERT_TRUE(ledger.Commit().ok());
  EXPECT_TRUE(*ledger.IsCommitted("abc", 1234));
  EXPECT_FALSE(*ledger.IsCommitted("abc", 1235));
  EXPECT_EQ((*ledger.FindInput("abc"))->path, "drop/a.edi");
  EXPECT_EQ((*ledger.FindInput("abc"))->interchanges, 3u);
}

// A run killed after writing five parts of an interchange, rerun with larger pieces that cut it
// in three: the entry reads its three, and the two left over go with it (but not the parts of
// the interchange at offset 120, whose name begins with the same digits).
TEST(Ledger, PartsPastAnEntrysCountGoWithIt) {
  ScratchDir dir;
  std::unique_ptr<Store> store = Open(dir);
  Ledger ledger(*store);
  ArchiveCompressor compressor;
  const std::vector<std::string> texts = {"ISA~", "ST~", "SE~", "ST2~", "IEA~"};
  for (uint32_t part = 1; part <= 5; ++part) {
    ASSERT_TRUE(ledger.WriteArchivePart("d1/12", part, compressor.Compress("stale " + texts[part - 1])).ok());
  }
  ASSERT_TRUE(ledger.WriteArchivePart("d1/120", 1, compressor.Compress("other")).ok());
  for (uint32_t part = 1; part <= 3; ++part) {
    ASSERT_TRUE(ledger.WriteArchivePart("d1/12", part, compressor.Compress(texts[part - 1])).ok());
  }
  ArchiveEntry entry{"", Direction::kIn, "acme", "x12", "000000001", "850", 1000, "a.edi", 12, 10, ""};
  entry.parts = "d1/12";
  entry.part_count = 3;
  const std::string key = *ledger.Archive(entry);
  ASSERT_TRUE(ledger.Commit().ok());

  std::vector<std::string> parts;
  ASSERT_TRUE(store->Scan(Table::kArchive, "~part/", [&](std::string_view k, std::string_view) {
    parts.emplace_back(k);
    return true;
  }).ok());
  EXPECT_EQ(parts, (std::vector<std::string>{"~part/d1/12/000001", "~part/d1/12/000002", "~part/d1/12/000003",
                                             "~part/d1/120/000001"}));
  const Result<ArchiveEntry> read = ledger.ReadArchive(key);
  ASSERT_TRUE(read.ok());
  std::string bytes;
  for (uint32_t part = 1; part <= 3; ++part) bytes += *Decompress(*ledger.ReadArchiveFrame(*read, part));
  EXPECT_EQ(bytes, "ISA~ST~SE~");
}

// Parts a run wrote before it died, for interchanges whose entries never landed: a later run
// that archives one of them whole (it did not cut it) drops its parts; one it cuts again names
// its parts in its entry. Either way the marks go, and no part is left that no entry names.
TEST(Ledger, PartsOfADeadRunAreDroppedWhenTheInterchangeIsArchivedWhole) {
  ScratchDir dir;
  std::unique_ptr<Store> store = Open(dir);
  ArchiveCompressor compressor;
  {
    Ledger dead(*store);
    for (uint32_t part = 1; part <= 3; ++part) ASSERT_TRUE(dead.WriteArchivePart("d1/0", part, compressor.Compress("a")).ok());
    ASSERT_TRUE(dead.WriteArchivePart("d1/900", 1, compressor.Compress("b")).ok());
  }
  Ledger ledger(*store);
  EXPECT_EQ(*ledger.OpenArchiveParts(), (std::set<std::string>{"d1/0", "d1/900"}));
  ledger.DropArchiveParts("d1/0");  // archived whole this time
  ArchiveEntry entry{"", Direction::kIn, "acme", "x12", "000000002", "850", 1000, "a.edi", 900, 10, ""};
  entry.parts = "d1/900";
  entry.part_count = 1;
  ASSERT_TRUE(ledger.Archive(entry).ok());
  ASSERT_TRUE(ledger.Commit().ok());

  EXPECT_TRUE(ledger.OpenArchiveParts()->empty());
  std::vector<std::string> parts;
  ASSERT_TRUE(store->Scan(Table::kArchive, "~part/", [&](std::string_view k, std::string_view) {
    parts.emplace_back(k);
    return true;
  }).ok());
  EXPECT_EQ(parts, (std::vector<std::string>{"~part/d1/900/000001"}));
}

TEST(Ledger, ReplaysAreKeptBySelection) {
  ScratchDir dir;
  std::unique_ptr<Store> store = Open(dir);
  Ledger ledger(*store);
  const ReplayRun never = *ledger.FindReplay("partner=acme");
  EXPECT_EQ(never.number, 0u);
  EXPECT_TRUE(never.finished);
  ledger.RecordReplay("partner=acme", {1, false, 5000});
  ASSERT_TRUE(ledger.Commit().ok());
  Ledger reader(*store);
  const ReplayRun open = *reader.FindReplay("partner=acme");
  EXPECT_EQ(open.number, 1u);
  EXPECT_FALSE(open.finished);
  EXPECT_EQ(open.until_us, 5000);
  EXPECT_EQ(reader.FindReplay("partner=acme2")->number, 0u);  // another selection is another replay
  ledger.RecordReplay("partner=acme", {1, true});
  ASSERT_TRUE(ledger.Commit().ok());
  EXPECT_TRUE(reader.FindReplay("partner=acme")->finished);
}

TEST(RocksStore, OneProcessPerHome) {
  ScratchDir dir;
  std::unique_ptr<Store> first = Open(dir);
  Result<std::unique_ptr<Store>> second = OpenRocksStore(dir / "store");
  ASSERT_FALSE(second.ok());
  EXPECT_NE(second.status().message().find("another wharf process"), std::string::npos) << second.status().message();
}

TEST(ArchiveCodec, DigestsAndFrames) {
  EXPECT_EQ(ContentDigest("").size(), 32u);
  EXPECT_NE(ContentDigest("a"), ContentDigest("b"));
  DigestStream stream;
  stream.Update("ab");
  stream.Update("c");
  EXPECT_EQ(stream.Finish(), ContentDigest("abc"));
  EXPECT_EQ(Decompress("not a frame").status().code(), Status::Code::kCorruption);
}

}  // namespace
}  // namespace wharf::store
