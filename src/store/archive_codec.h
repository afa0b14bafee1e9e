// Compressing archived interchanges with zstd.
//
// Contract: ArchiveCompressor keeps one zstd context for reuse (contexts cost hundreds of KB to
// set up; interchanges are often a few KB). One compressor per thread. Decompress() accepts zstd
// frames that state their size, as Compress() writes them, one or several in a row.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace wharf::store {

class ArchiveCompressor {
 public:
  explicit ArchiveCompressor(int level = 1);
  ~ArchiveCompressor();
  ArchiveCompressor(const ArchiveCompressor&) = delete;
  ArchiveCompressor& operator=(const ArchiveCompressor&) = delete;
  std::string Compress(std::string_view bytes);

 private:
  struct Context;
  std::unique_ptr<Context> context_;
  int level_;
};

Result<std::string> Decompress(std::string_view frame);

// The XXH3 128-bit digest of `bytes` as 32 hex digits: names inputs and interchanges in the
// ledger (a content identity, not a security check).
std::string ContentDigest(std::string_view bytes);

// Streams a digest over many reads (a whole input file, before it is processed).
class DigestStream {
 public:
  DigestStream();
  ~DigestStream();
  DigestStream(const DigestStream&) = delete;
  DigestStream& operator=(const DigestStream&) = delete;
  void Update(std::string_view bytes);
  std::string Finish();

 private:
  void* state_;
};

}  // namespace wharf::store
