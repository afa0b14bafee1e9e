// Streaming cuts at interchange headers.
#include "pipeline/splitter.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "detect/format_runs.h"

namespace wharf::pipeline {
namespace {

// A header is recognised from its first bytes (the ISA segment is 106); one found closer than
// this to the end of what has been read waits for more bytes.
constexpr size_t kHeaderGuard = 512;
// Reads past the target come in steps this size, so that what is left after a cut (and moved to
// the front of the buffer) is small, not a whole piece.
constexpr size_t kReadStep = 64 << 10;

class FileSource : public ByteSource {
 public:
  FileSource(int fd, std::string name) : fd_(fd), name_(std::move(name)) {}
  ~FileSource() override { ::close(fd_); }
  Result<size_t> Read(char* out, size_t max) override {
    for (;;) {
      const ssize_t got = ::read(fd_, out, max);
      if (got >= 0) return static_cast<size_t>(got);
      if (errno != EINTR) return Status::IoError(name_ + ": cannot read: " + std::strerror(errno));
    }
  }

 private:
  int fd_;
  std::string name_;
};

class StringSource : public ByteSource {
 public:
  explicit StringSource(std::string bytes) : bytes_(std::move(bytes)) {}
  Result<size_t> Read(char* out, size_t max) override {
    const size_t n = std::min(max, bytes_.size() - at_);
    std::memcpy(out, bytes_.data() + at_, n);
    at_ += n;
    return n;
  }

 private:
  std::string bytes_;
  size_t at_ = 0;
};

uint32_t CountHeaders(std::string_view bytes, Format format) {
  uint32_t count = 0;
  for (size_t at = FindInterchangeHeader(bytes, 0, format); at < bytes.size();
       at = FindInterchangeHeader(bytes, at + 3, format)) {
    ++count;
  }
  return count;
}

}  // namespace

Result<std::unique_ptr<ByteSource>> OpenFileSource(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::IoError(path.string() + ": cannot open: " + std::strerror(errno));
  return std::unique_ptr<ByteSource>(new FileSource(fd, path.string()));
}

std::unique_ptr<ByteSource> MemorySource(std::string bytes) { return std::make_unique<StringSource>(std::move(bytes)); }

InputSplitter::InputSplitter(std::unique_ptr<ByteSource> source, size_t target_bytes)
    : source_(std::move(source)), target_(std::max<size_t>(target_bytes, 1)) {}

Status InputSplitter::Fill(size_t at_least) {
  while (!eof_ && buffer_.size() < at_least) {
    const size_t old_size = buffer_.size();
    const size_t want = std::max(at_least - old_size, target_);
    buffer_.resize(old_size + want);
    Result<size_t> got = source_->Read(buffer_.data() + old_size, want);
    if (!got.ok()) {
      buffer_.resize(old_size);
      return got.status();
    }
    buffer_.resize(old_size + *got);
    if (*got == 0) eof_ = true;
  }
  return Status::Ok();
}

Piece InputSplitter::Cut(size_t length) {
  const std::string_view bytes(buffer_.data(), length);
  Piece piece;
  piece.bytes = PaddedBuffer::Copy(bytes);
  piece.offset = offset_;
  piece.line = line_;
  piece.column = column_;
  piece.x12_before = x12_seen_;
  piece.edifact_before = edifact_seen_;
  piece.ordinal = pieces_++;
  x12_seen_ += CountHeaders(bytes, Format::kX12);
  edifact_seen_ += CountHeaders(bytes, Format::kEdifact);
  const size_t newlines = static_cast<size_t>(std::count(bytes.begin(), bytes.end(), '\n'));
  line_ += newlines;
  column_ = newlines == 0 ? column_ + length : length - bytes.rfind('\n');
  offset_ += length;
  buffer_.erase(0, length);
  searched_to_ = 0;
  piece.last = eof_ && buffer_.empty();
  return piece;
}

Result<std::optional<Piece>> InputSplitter::Next() {
  if (done_) return std::optional<Piece>();
  for (;;) {
    if (Status filled = Fill(target_ + kHeaderGuard); !filled.ok()) return filled;
    if (eof_ && buffer_.size() <= target_) {
      done_ = true;
      if (buffer_.empty() && pieces_ != 0) return std::optional<Piece>();
      return std::optional(Cut(buffer_.size()));
    }
    // The first header at or after target_: the piece ends there.
    const std::string_view view(buffer_);
    size_t from = std::max(target_, searched_to_);
    if (pieces_ == 0) {
      // The first piece holds the first interchange whole, with whatever comes before it, so
      // that bytes before the first header are reported as they are in the whole input.
      if (first_header_ == kNotFound) {
        const size_t first = std::min(FindInterchangeHeader(view, first_searched_, Format::kX12),
                                      FindInterchangeHeader(view, first_searched_, Format::kEdifact));
        if (first < view.size()) first_header_ = first;
        first_searched_ = view.size() - std::min(view.size(), kHeaderGuard);
      }
      if (first_header_ != kNotFound) from = std::max(from, first_header_ + 3);
    }
    const size_t cut = std::min(FindInterchangeHeader(view, from, Format::kX12),
                                FindInterchangeHeader(view, from, Format::kEdifact));
    const size_t trusted_end = eof_ ? view.size() : view.size() - std::min(view.size(), kHeaderGuard);
    if (cut < trusted_end) {
      Piece piece = Cut(cut);
      return std::optional(std::move(piece));
    }
    if (eof_) {
      done_ = true;
      return std::optional(Cut(buffer_.size()));
    }
    searched_to_ = std::max(from, trusted_end);
    if (Status filled = Fill(buffer_.size() + kReadStep); !filled.ok()) return filled;
  }
}

}  // namespace wharf::pipeline
