// Streaming cuts at interchange headers.
#include "pipeline/splitter.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/bytes.h"
#include "detect/format_runs.h"
#include "x12/isa_header.h"

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

// Whether `at` starts a segment: the bytes before it, past any line break or blank that is not
// the terminator itself, end with the terminator.
bool StartsSegment(std::string_view bytes, size_t at, char terminator) {
  while (at > 0 && IsBlank(bytes[at - 1]) && bytes[at - 1] != terminator) --at;
  return at > 0 && bytes[at - 1] == terminator;
}

// The first segment `tag` (two letters, then the element separator) in [from, end), or end.
size_t FindSegment(std::string_view bytes, size_t from, size_t end, char first, char second, char element,
                   char terminator) {
  for (size_t at = FindPair(bytes, from, first, second); at < end; at = FindPair(bytes, at + 1, first, second)) {
    if (at + 2 < bytes.size() && bytes[at + 2] == element && StartsSegment(bytes, at, terminator)) {
      return at;
    }
  }
  return end;
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
  piece.edifact_before = edifact_seen_;
  piece.ordinal = pieces_++;
  // A continued interchange's header was counted with the piece it starts in.
  piece.x12_before = x12_seen_ - (continuation_ ? 1 : 0);
  if (continuation_) {
    piece.continued_header = std::move(continuation_->header);
    piece.continued_segments = continuation_->segments;
    piece.interchange_offset = continuation_->interchange_offset;
    piece.continued_part = continuation_->part;
    continuation_.reset();
  }
  const uint32_t part = piece.continued_part;
  piece.continues = std::exchange(cut_inside_, false);
  if (piece.continues) {
    // The piece's last interchange continues: its next part is the second, or one after this.
    const bool same_interchange = part != 0 && open_->offset == piece.interchange_offset;
    continuation_ = Continuation{open_->isa + open_->gs, open_->gs.empty() ? 1u : 2u, open_->offset,
                                 same_interchange ? part + 1 : 2};
  } else {
    open_.reset();
  }
  inside_tried_ = false;
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
    size_t earliest = target_;  // where the piece may end
    if (pieces_ == 0) {
      // The first piece holds the first interchange's header, with whatever comes before it, so
      // that bytes before the first header are reported as they are in the whole input.
      if (first_header_ == kNotFound) {
        const size_t first = std::min(FindInterchangeHeader(view, first_searched_, Format::kX12),
                                      FindInterchangeHeader(view, first_searched_, Format::kEdifact));
        if (first < view.size()) first_header_ = first;
        first_searched_ = view.size() - std::min(view.size(), kHeaderGuard);
      }
      if (first_header_ != kNotFound) earliest = std::max(earliest, first_header_ + 3);
    }
    const size_t from = std::max(earliest, searched_to_);
    const size_t cut = std::min(FindInterchangeHeader(view, from, Format::kX12),
                                FindInterchangeHeader(view, from, Format::kEdifact));
    const size_t trusted_end = eof_ ? view.size() : view.size() - std::min(view.size(), kHeaderGuard);
    const size_t limit = target_ > SIZE_MAX / 2 ? SIZE_MAX : 2 * target_;
    if (cut < trusted_end && cut <= limit) return std::optional(Cut(cut));
    if (!inside_tried_ && (cut < trusted_end || trusted_end >= limit)) {
      // No header within twice the target: the interchange there is too large for one piece.
      inside_tried_ = true;
      if (std::optional<size_t> inside = CutInside(view, earliest, std::min(cut, trusted_end))) {
        cut_inside_ = true;
        return std::optional(Cut(*inside));
      }
    }
    if (cut < trusted_end) return std::optional(Cut(cut));
    if (eof_) {
      done_ = true;
      return std::optional(Cut(buffer_.size()));
    }
    searched_to_ = std::max(from, trusted_end);
    if (Status filled = Fill(buffer_.size() + kReadStep); !filled.ok()) return filled;
  }
}

std::optional<size_t> InputSplitter::CutInside(std::string_view view, size_t earliest, size_t end) {
  // The interchange holding byte `earliest` starts at the last header before it, or, with none in
  // this piece, is the one the previous cut went inside.
  size_t last_x12 = kNotFound, last_edifact = kNotFound;
  for (size_t at = FindInterchangeHeader(view, 0, Format::kX12); at <= earliest && at < view.size();
       at = FindInterchangeHeader(view, at + 3, Format::kX12)) {
    last_x12 = at;
  }
  for (size_t at = FindInterchangeHeader(view, 0, Format::kEdifact); at <= earliest && at < view.size();
       at = FindInterchangeHeader(view, at + 3, Format::kEdifact)) {
    last_edifact = at;
  }
  if (last_edifact != kNotFound && (last_x12 == kNotFound || last_edifact > last_x12)) return std::nullopt;
  OpenInterchange open;
  size_t segments_from = 0;  // where this piece's part of the interchange starts
  if (last_x12 != kNotFound) {
    const x12::IsaParse parse = x12::ParseIsaHeader(view.substr(last_x12));
    // A wrapped interchange is read from an unwrapped copy, and a multi-byte terminator is rare
    // enough not to be worth the care: neither is cut.
    if (!parse.ok || parse.header.has_line_break || parse.header.delimiters.segment_suffix_length != 0) {
      return std::nullopt;
    }
    open.isa = std::string(view.substr(last_x12, parse.header.length));
    open.element = parse.header.delimiters.element;
    open.terminator = parse.header.delimiters.segment;
    open.offset = offset_ + last_x12;
    segments_from = last_x12 + parse.header.length;
  } else if (open_) {
    open = *open_;
  } else {
    return std::nullopt;
  }
  const size_t set = FindSegment(view, std::max(earliest, segments_from), end, 'S', 'T', open.element, open.terminator);
  if (set >= end) return std::nullopt;
  // The group open at the cut: the last GS before it, or the one open when this piece began.
  size_t group = kNotFound;
  for (size_t at = FindSegment(view, segments_from, set, 'G', 'S', open.element, open.terminator); at < set;
       at = FindSegment(view, at + 1, set, 'G', 'S', open.element, open.terminator)) {
    group = at;
  }
  if (group != kNotFound) {
    const size_t terminator = view.find(open.terminator, group);
    open.gs = std::string(view.substr(group, terminator - group + 1));
  } else if (last_x12 != kNotFound) {
    open.gs.clear();
  }
  open_ = std::move(open);
  return set;
}

}  // namespace wharf::pipeline
