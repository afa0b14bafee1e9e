// zstd frames and XXH3 digests.
#include "store/archive_codec.h"

#include <xxhash.h>
#include <zstd.h>

#include <cstdio>

namespace wharf::store {
namespace {

std::string Hex(XXH128_hash_t hash) {
  char text[33];
  std::snprintf(text, sizeof text, "%016llx%016llx", static_cast<unsigned long long>(hash.high64),
                static_cast<unsigned long long>(hash.low64));
  return text;
}

}  // namespace

struct ArchiveCompressor::Context {
  ZSTD_CCtx* cctx = ZSTD_createCCtx();
  ~Context() { ZSTD_freeCCtx(cctx); }
};

ArchiveCompressor::ArchiveCompressor(int level) : context_(std::make_unique<Context>()), level_(level) {}
ArchiveCompressor::~ArchiveCompressor() = default;

std::string ArchiveCompressor::Compress(std::string_view bytes) {
  std::string frame(ZSTD_compressBound(bytes.size()), '\0');
  const size_t written = ZSTD_compressCCtx(context_->cctx, frame.data(), frame.size(), bytes.data(), bytes.size(), level_);
  // Compressing into a buffer of ZSTD_compressBound bytes cannot fail but for lack of memory.
  frame.resize(ZSTD_isError(written) ? 0 : written);
  return frame;
}

Result<std::string> Decompress(std::string_view frame) {
  // An interchange joined from pieces is archived as its parts' frames one after the other.
  unsigned long long size = 0;
  for (size_t at = 0; at < frame.size();) {
    const size_t length = ZSTD_findFrameCompressedSize(frame.data() + at, frame.size() - at);
    const unsigned long long content = ZSTD_getFrameContentSize(frame.data() + at, frame.size() - at);
    if (ZSTD_isError(length) || content == ZSTD_CONTENTSIZE_ERROR || content == ZSTD_CONTENTSIZE_UNKNOWN) {
      return Status::Corruption("archive entry is not zstd frames of known size");
    }
    size += content;
    at += length;
  }
  std::string bytes(size, '\0');
  const size_t got = ZSTD_decompress(bytes.data(), bytes.size(), frame.data(), frame.size());
  if (ZSTD_isError(got) || got != size) {
    return Status::Corruption(std::string("archive entry does not decompress: ") + ZSTD_getErrorName(got));
  }
  return bytes;
}

std::string ContentDigest(std::string_view bytes) { return Hex(XXH3_128bits(bytes.data(), bytes.size())); }

DigestStream::DigestStream() : state_(XXH3_createState()) { XXH3_128bits_reset(static_cast<XXH3_state_t*>(state_)); }
DigestStream::~DigestStream() { XXH3_freeState(static_cast<XXH3_state_t*>(state_)); }
void DigestStream::Update(std::string_view bytes) {
  XXH3_128bits_update(static_cast<XXH3_state_t*>(state_), bytes.data(), bytes.size());
}
std::string DigestStream::Finish() { return Hex(XXH3_128bits_digest(static_cast<XXH3_state_t*>(state_))); }

}  // namespace wharf::store
