// The embedded RocksDB store: one column family per table.
#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>

#include <array>

#include "store/store.h"

namespace wharf::store {
namespace {

constexpr std::array<const char*, kTableCount> kFamilyNames = {"inbound", "outbound", "inputs", "archive"};

rocksdb::ColumnFamilyOptions FamilyOptions(Table table) {
  rocksdb::ColumnFamilyOptions options;
  options.compression = rocksdb::kZSTD;
  // Memtables are flushed at 16 MB (not 64): peak memory stays flat however much a run commits.
  options.write_buffer_size = 16 << 20;
  options.max_write_buffer_number = 2;
  // Debian's RocksDB is built without SSE 4.2, so its CRC32C runs byte by byte (2% of a run in
  // flushes); XXH3 is as strong a check for a block and an order of magnitude cheaper. Files
  // written with CRC32C before stay readable: each file records its checksum type.
  rocksdb::BlockBasedTableOptions table_options;
  table_options.checksum = rocksdb::kXXH3;
  options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table_options));
  if (table == Table::kArchive) {
    // Archive values are zstd frames already (compressed in parallel by the pipeline); large
    // values go to blob files so that compactions do not rewrite them.
    options.compression = rocksdb::kNoCompression;
    options.enable_blob_files = true;
    options.min_blob_size = 512;
    options.blob_compression_type = rocksdb::kNoCompression;
  }
  return options;
}

Status FromRocks(const rocksdb::Status& status, const std::string& what) {
  if (status.ok()) return Status::Ok();
  if (status.IsIOError() && status.ToString().find("lock") != std::string::npos) {
    return Status::IoError(what + ": " + status.ToString() +
                           " (is another wharf process using this home? one process per home at a time)");
  }
  if (status.IsCorruption()) return Status::Corruption(what + ": " + status.ToString());
  return Status::IoError(what + ": " + status.ToString());
}

class RocksStore : public Store {
 public:
  RocksStore(std::unique_ptr<rocksdb::DB> db, std::vector<rocksdb::ColumnFamilyHandle*> handles, std::string name)
      : db_(std::move(db)), handles_(std::move(handles)), name_(std::move(name)) {}
  ~RocksStore() override {
    for (rocksdb::ColumnFamilyHandle* handle : handles_) db_->DestroyColumnFamilyHandle(handle);
  }

  Result<std::optional<std::string>> Get(Table table, std::string_view key) const override {
    std::string value;
    rocksdb::Status status = db_->Get(rocksdb::ReadOptions(), Handle(table), rocksdb::Slice(key.data(), key.size()), &value);
    if (status.IsNotFound()) return std::optional<std::string>();
    if (!status.ok()) return FromRocks(status, name_ + ": cannot read");
    return std::optional<std::string>(std::move(value));
  }

  Status Scan(Table table, std::string_view prefix,
              const std::function<bool(std::string_view, std::string_view)>& visit) const override {
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), Handle(table)));
    for (it->Seek(rocksdb::Slice(prefix.data(), prefix.size())); it->Valid(); it->Next()) {
      const rocksdb::Slice key = it->key();
      if (!key.starts_with(rocksdb::Slice(prefix.data(), prefix.size()))) break;
      const rocksdb::Slice value = it->value();
      if (!visit({key.data(), key.size()}, {value.data(), value.size()})) break;
    }
    return FromRocks(it->status(), name_ + ": cannot scan");
  }

  Status Apply(const WriteSet& writes, bool sync) override {
    // One batch kept from commit to commit: cleared, it keeps its buffer, so a commit's megabytes
    // of archive frames are copied into pages already mapped. A fresh batch grew by doubling into
    // new pages every time, and the page faults were a twentieth of a one-thread run.
    batch_.Clear();
    for (const WriteSet::Write& write : writes.writes()) {
      rocksdb::Status status = write.erase                ? batch_.Delete(Handle(write.table), write.key)
                               : write.range_end.empty() ? batch_.Put(Handle(write.table), write.key, write.value)
                                                         : batch_.DeleteRange(Handle(write.table), write.key, write.range_end);
      if (!status.ok()) return FromRocks(status, name_ + ": cannot batch a write");
    }
    rocksdb::WriteOptions options;
    options.sync = sync;  // the commit protocol relies on durable batches (pipeline/commit.h)
    return FromRocks(db_->Write(options, &batch_), name_ + ": cannot commit");
  }

  Status Sync() override { return FromRocks(db_->SyncWAL(), name_ + ": cannot sync"); }

 private:
  rocksdb::ColumnFamilyHandle* Handle(Table table) const {
    return handles_[static_cast<size_t>(table) + 1];  // [0] is the default family
  }

  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  std::string name_;
  rocksdb::WriteBatch batch_;  // Apply's, reused
};

}  // namespace

Result<std::unique_ptr<Store>> OpenRocksStore(const std::filesystem::path& dir) {
  rocksdb::DBOptions options;
  options.create_if_missing = true;
  options.create_missing_column_families = true;
  options.max_background_jobs = 2;
  options.keep_log_file_num = 4;
  // Closing does not flush the memtables (the next open replays the WAL): a run ends when its
  // last commit is synced, not after a compaction.
  options.avoid_flush_during_shutdown = true;
  options.db_write_buffer_size = 48 << 20;  // all memtables together
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  families.emplace_back(rocksdb::kDefaultColumnFamilyName, rocksdb::ColumnFamilyOptions());
  for (int i = 0; i < kTableCount; ++i) {
    families.emplace_back(kFamilyNames[static_cast<size_t>(i)], FamilyOptions(static_cast<Table>(i)));
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  const std::string name = dir.string();
  rocksdb::Status status = rocksdb::DB::Open(options, name, families, &handles, &raw);
  if (!status.ok()) return FromRocks(status, name + ": cannot open the store");
  return std::unique_ptr<Store>(new RocksStore(std::unique_ptr<rocksdb::DB>(raw), std::move(handles), name));
}

}  // namespace wharf::store
