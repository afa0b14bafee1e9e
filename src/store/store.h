// Store: wharf's state as ordered key/value tables, written in all-or-nothing batches.
//
// Contract: four tables (inbound control numbers, outbound counters, processed inputs, the
// archive). Apply() makes every write of a WriteSet durable together (synced before it
// returns) or none of them. Reads see every applied batch. A Store is used by one writer (the
// pipeline's serial commit) and any number of readers at once. The embedded default is RocksDB
// (OpenRocksStore); the scale-out issue adds a shared implementation of the same interface.
// Key and value layouts belong to the Ledger (store/ledger.h), not to the implementations.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace wharf::store {

enum class Table : uint8_t { kInbound, kOutbound, kInputs, kArchive };
inline constexpr int kTableCount = 4;

class WriteSet {
 public:
  struct Write {
    Table table;
    std::string key;
    std::string value;
    std::string range_end;  // not empty: deletes the keys in [key, range_end) instead
    bool erase = false;     // deletes `key` instead
  };
  void Put(Table table, std::string key, std::string value) {
    writes_.push_back({table, std::move(key), std::move(value), {}});
  }
  void Delete(Table table, std::string key) { writes_.push_back({table, std::move(key), {}, {}, true}); }
  void DeleteRange(Table table, std::string begin, std::string end) {
    writes_.push_back({table, std::move(begin), {}, std::move(end)});
  }
  const std::vector<Write>& writes() const { return writes_; }
  bool empty() const { return writes_.empty(); }
  void clear() { writes_.clear(); }

 private:
  std::vector<Write> writes_;
};

class Store {
 public:
  virtual ~Store() = default;
  virtual Result<std::optional<std::string>> Get(Table table, std::string_view key) const = 0;
  // Every key that starts with `prefix`, in key order; `visit` returns false to stop early.
  virtual Status Scan(Table table, std::string_view prefix,
                      const std::function<bool(std::string_view key, std::string_view value)>& visit) const = 0;
  // `sync` false: applied, but durable only at the next synced Apply or Sync().
  virtual Status Apply(const WriteSet& writes, bool sync = true) = 0;
  // Makes every applied batch durable.
  virtual Status Sync() = 0;
};

// Opens (creating when missing) the RocksDB database in `dir`. Fails when another process has it
// open: one wharf home is processed by one process at a time.
Result<std::unique_ptr<Store>> OpenRocksStore(const std::filesystem::path& dir);

}  // namespace wharf::store
