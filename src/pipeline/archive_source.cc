// An archive entry's frames, decompressed as they are read.
#include "pipeline/archive_source.h"

#include <algorithm>
#include <cstring>

#include "store/archive_codec.h"

namespace wharf::pipeline {
namespace {

class ArchiveByteSource : public ByteSource {
 public:
  ArchiveByteSource(const store::Ledger& ledger, store::ArchiveEntry entry)
      : ledger_(ledger), entry_(std::move(entry)), parts_(std::max<uint32_t>(entry_.part_count, 1)) {}

  Result<size_t> Read(char* out, size_t max) override {
    while (at_ == bytes_.size()) {
      if (next_part_ > parts_) return size_t{0};
      Result<std::string> frame = ledger_.ReadArchiveFrame(entry_, next_part_++);
      if (!frame.ok()) return frame.status();
      Result<std::string> bytes = store::Decompress(*frame);
      if (!bytes.ok()) return Status::Corruption("archive entry " + entry_.key + ": " + bytes.status().message());
      bytes_ = std::move(*bytes);
      at_ = 0;
    }
    const size_t n = std::min(max, bytes_.size() - at_);
    std::memcpy(out, bytes_.data() + at_, n);
    at_ += n;
    return n;
  }

 private:
  const store::Ledger& ledger_;
  store::ArchiveEntry entry_;
  uint32_t parts_;
  uint32_t next_part_ = 1;
  std::string bytes_;  // the part being read
  size_t at_ = 0;
};

}  // namespace

std::unique_ptr<ByteSource> ArchiveSource(const store::Ledger& ledger, store::ArchiveEntry entry) {
  return std::make_unique<ArchiveByteSource>(ledger, std::move(entry));
}

}  // namespace wharf::pipeline
