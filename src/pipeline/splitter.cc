// Streaming cuts at interchange headers.
#include "pipeline/splitter.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <utility>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/bytes.h"
#include "detect/format_runs.h"
#include "edifact/syntax.h"
#include "tokenize/binary_segment.h"
#include "x12/isa_header.h"

namespace wharf::pipeline {
namespace {

// A header found closer than this to the end of what has been read waits for more bytes.
constexpr size_t kHeaderGuard = kHeaderLookahead;
// Reads past the target come in steps this size, so that what is left after a cut (and moved to
// the front of the buffer) is small, not a whole piece.
constexpr size_t kReadStep = 64 << 10;

class FileSource : public ByteSource {
 public:
  FileSource(int fd, std::string name, bool owned = true) : fd_(fd), name_(std::move(name)), owned_(owned) {}
  ~FileSource() override {
    if (owned_) ::close(fd_);
  }
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
  bool owned_;  // standard input is not ours to close
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

// Whether the byte at `at` is data because an odd run of release characters stands before it.
bool Released(std::string_view bytes, size_t at, std::optional<char> release) {
  if (!release) return false;
  size_t run = 0;
  while (at > run && bytes[at - run - 1] == *release) ++run;
  return run % 2 == 1;
}

// Whether `at` starts a segment: the bytes before it, past any line break or blank that is not
// the terminator itself, end with a terminator that is not released.
bool StartsSegment(std::string_view bytes, size_t at, char terminator, std::optional<char> release) {
  while (at > 0 && IsBlank(bytes[at - 1]) && bytes[at - 1] != terminator) --at;
  return at > 0 && bytes[at - 1] == terminator && !Released(bytes, at - 1, release);
}

// The first segment `tag` (then the element separator) in [from, end), or end.
size_t FindSegment(std::string_view bytes, size_t from, size_t end, std::string_view tag, char element,
                   char terminator, std::optional<char> release) {
  // The pair search stops at `end`: a tag that never comes ("IEA" inside a large interchange)
  // would otherwise be looked for through the rest of what has been read.
  const std::string_view before_end = bytes.substr(0, end < bytes.size() ? end + 1 : bytes.size());
  for (size_t at = FindPair(before_end, from, tag[0], tag[1]); at < end;
       at = FindPair(before_end, at + 1, tag[0], tag[1])) {
    if (at + tag.size() < bytes.size() && bytes.substr(at, tag.size()) == tag && bytes[at + tag.size()] == element &&
        StartsSegment(bytes, at, terminator, release)) {
      return at;
    }
  }
  return end;
}

// The first of the segments `tags` (each two or three letters, then the element separator) in
// [from, end), or end, with its index in `which`: one pass over the bytes for all three (name a
// tag twice to look for fewer).
size_t FindAnySegment(std::string_view bytes, size_t from, size_t end, const std::array<std::string_view, 3>& tags,
                      char element, char terminator, std::optional<char> release, size_t& which) {
  const std::string_view before_end = bytes.substr(0, end < bytes.size() ? end + 1 : bytes.size());
  const char firsts[3] = {tags[0][0], tags[1][0], tags[2][0]}, seconds[3] = {tags[0][1], tags[1][1], tags[2][1]};
  const std::string_view first_bytes(firsts, 3), second_bytes(seconds, 3);
  for (size_t at = FindAnyPair(before_end, from, first_bytes, second_bytes); at < end;
       at = FindAnyPair(before_end, at + 1, first_bytes, second_bytes)) {
    for (which = 0; which < tags.size(); ++which) {
      const std::string_view tag = tags[which];
      if (at + tag.size() < bytes.size() && bytes.substr(at, tag.size()) == tag && bytes[at + tag.size()] == element) {
        if (!StartsSegment(bytes, at, terminator, release)) break;
        return at;
      }
    }
  }
  return end;
}

// Where the segment starting at `at` ends (its terminator), or npos.
size_t SegmentEnd(std::string_view bytes, size_t at, char terminator, std::optional<char> release) {
  for (size_t end = bytes.find(terminator, at); end != std::string_view::npos; end = bytes.find(terminator, end + 1)) {
    if (!Released(bytes, end, release)) return end;
  }
  return std::string_view::npos;
}

// The first line feed in [start, end) that stands inside a segment rather than after a
// terminator (with blanks between; the segments start at `from`), or npos. The tokenizer stops at
// such a line feed, and the reader then reads the interchange from a copy without line breaks: it
// was wrapped at a line length. Every byte of a large interchange is looked at once, so the usual
// line feed, right after the terminator, is passed over 16 bytes at a time. One right after a
// released EDIFACT terminator ("?'" then a line break) is passed over too, as the tokenizer
// passes it: such a line feed alone is data in the value, reported as a control character, not
// wrapping. No delimiter may be a line break: the readers read such line breaks as data
// (CutInside does not call this then).
size_t FindLineBreakInSegment(std::string_view bytes, size_t from, size_t start, size_t end, char terminator) {
  const auto inside = [&](size_t line_feed) {
    size_t before = line_feed;
    while (before > from && IsBlank(bytes[before - 1]) && bytes[before - 1] != terminator) --before;
    return before > from && bytes[before - 1] != terminator;
  };
  size_t at = std::max<size_t>(start, 1);
#if defined(__SSE2__)
  const __m128i line_feed = _mm_set1_epi8('\n'), after = _mm_set1_epi8(terminator);
  for (; at + 16 <= end; at += 16) {
    const __m128i here = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes.data() + at));
    const __m128i before = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes.data() + at - 1));
    uint32_t candidates = static_cast<uint32_t>(
        _mm_movemask_epi8(_mm_andnot_si128(_mm_cmpeq_epi8(before, after), _mm_cmpeq_epi8(here, line_feed))));
    for (; candidates != 0; candidates &= candidates - 1) {
      const size_t candidate = at + static_cast<size_t>(__builtin_ctz(candidates));
      if (inside(candidate)) return candidate;
    }
  }
#endif
  for (; at < end; ++at) {
    if (bytes[at] == '\n' && inside(at)) return at;
  }
  return std::string_view::npos;
}

// The X12 binary data (BIN, BDS) of the segments in [from, end): [start, end) of each, in order.
// Each segment is read past its data by its length, as the tokenizer reads it, so that nothing in
// the data is taken for a segment; one pass over the bytes for both tags.
std::vector<std::pair<size_t, size_t>> BinaryDataIn(std::string_view bytes, size_t from, size_t end, char element,
                                                    char terminator) {
  static constexpr std::array<std::string_view, 3> kBinaryTags = {"BIN", "BDS", "BDS"};
  std::vector<std::pair<size_t, size_t>> data;
  size_t which = 0;
  const auto next = [&](size_t at) {
    return FindAnySegment(bytes, at, end, kBinaryTags, element, terminator, std::nullopt, which);
  };
  for (size_t at = next(from); at < end; at = next(at)) {
    const BinarySegment segment = ReadBinarySegment(bytes, at, element);
    ++at;
    if (segment.length_element == 0) continue;  // an unreadable length: an ordinary segment
    const size_t data_end = BinaryDataEnd(bytes, segment, terminator, {});
    data.emplace_back(segment.data_start, data_end);
    at = std::max(at, data_end);
  }
  return data;
}

// Whether the interchange whose segments start at `from` has a line feed inside a segment in
// [start, end): wrapped at a line length. In X12 binary data a line feed is data, which the
// tokenizer reads past by the segment's length, as the search does.
bool IsWrapped(std::string_view bytes, size_t from, size_t start, size_t end, Format format, char element,
               char terminator) {
  size_t at = FindLineBreakInSegment(bytes, from, start, end, terminator);
  if (at == std::string_view::npos || format != Format::kX12) return at != std::string_view::npos;
  const std::vector<std::pair<size_t, size_t>> binary = BinaryDataIn(bytes, from, end, element, terminator);
  for (;;) {
    const auto holder = std::find_if(binary.begin(), binary.end(),
                                     [&](const std::pair<size_t, size_t>& data) { return at >= data.first && at < data.second; });
    if (holder == binary.end()) return true;
    at = FindLineBreakInSegment(bytes, from, holder->second, end, terminator);
    if (at == std::string_view::npos) return false;
  }
}

}  // namespace

// An interchange's bytes from `base` (in the piece) without their CR and LF, as the readers
// unwrap a wrapped one, and the way back and forth between positions in the copy and in the
// bytes (from `base`). It grows as the piece's search goes on: only the bytes read since are added.
class InputSplitter::LineBreakFreeCopy {
 public:
  explicit LineBreakFreeCopy(size_t base) : base_(base) {}
  size_t base() const { return base_; }
  // Adds the bytes of `view` (the piece) from where the copy ends up to `to`.
  void ExtendTo(std::string_view view, size_t to) {
    size_t at = base_ + copied_;
    while (at < to) {
      // Runs between line breaks are copied whole.
      const size_t line_break = std::min(FindLineBreak(view, at), to);
      copy_.append(view.substr(at, line_break - at));
      if (line_break == to) break;
      removed_.push_back(line_break - base_);
      kept_before_removed_.push_back(copy_.size());
      at = line_break + 1;
    }
    copied_ = std::max(copied_, to - base_);
  }
  std::string_view view() const { return copy_; }
  // Where the first byte at or after `original` (from base) that was kept is in the copy.
  size_t ToCopy(size_t original) const {
    return original - static_cast<size_t>(std::lower_bound(removed_.begin(), removed_.end(), original) - removed_.begin());
  }
  // Where the copy's byte `at` is in the bytes (from base).
  size_t ToOriginal(size_t at) const {
    return at + static_cast<size_t>(std::upper_bound(kept_before_removed_.begin(), kept_before_removed_.end(), at) -
                                    kept_before_removed_.begin());
  }

 private:
  size_t base_;
  size_t copied_ = 0;  // bytes from base_ looked at
  std::string copy_;
  std::vector<size_t> removed_;              // positions from base_, in order
  std::vector<size_t> kept_before_removed_;  // for each: how many bytes were kept before it
};

InputSplitter::~InputSplitter() = default;

const InputSplitter::LineBreakFreeCopy& InputSplitter::CopyWithoutLineBreaks(std::string_view view, size_t base,
                                                                              size_t end) {
  if (!copy_ || copy_->base() != base) copy_ = std::make_unique<LineBreakFreeCopy>(base);
  // A tag that reaches past `end` ("S\r\nT*" across it) is read whole, as in the bytes themselves.
  constexpr size_t kTagReach = 64;
  copy_->ExtendTo(view, std::min(view.size(), end + kTagReach));
  return *copy_;
}

PieceMeasure MeasurePiece(const Piece& piece) {
  const std::string_view bytes = piece.bytes.view();
  piece.bytes.Prefault(0, bytes.size());
  PieceMeasure measure;
  measure.headers = FindHeaders(bytes, piece.headers_from, piece.headers_to);
  for (const HeaderAt& header : measure.headers) {
    ++(header.format == Format::kX12 ? measure.x12_headers : measure.edifact_headers);
  }
  measure.line_feeds = CountByte(bytes, '\n');
  measure.last_line_length = measure.line_feeds == 0 ? bytes.size() : bytes.size() - 1 - bytes.rfind('\n');
  return measure;
}

void PieceNumbering::Number(Piece& piece, const PieceMeasure& measure) {
  piece.line = line_;
  piece.column = column_;
  // A continued interchange's header was counted with the piece it starts in.
  const bool continued_x12 = piece.continued_header.starts_with("ISA");
  const bool continued_edifact = !piece.continued_header.empty() && !continued_x12;
  piece.x12_before = x12_seen_ - (continued_x12 ? 1 : 0);
  piece.edifact_before = edifact_seen_ - (continued_edifact ? 1 : 0);
  x12_seen_ += measure.x12_headers;
  edifact_seen_ += measure.edifact_headers;
  line_ += measure.line_feeds;
  column_ = measure.line_feeds == 0 ? column_ + measure.last_line_length : measure.last_line_length + 1;
}

Result<std::unique_ptr<ByteSource>> OpenFileSource(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::IoError(path.string() + ": cannot open: " + std::strerror(errno));
  return std::unique_ptr<ByteSource>(new FileSource(fd, path.string()));
}

Result<std::unique_ptr<ByteSource>> OpenInputSource(const std::filesystem::path& path) {
  if (path == "-") return std::unique_ptr<ByteSource>(new FileSource(STDIN_FILENO, "<stdin>", /*owned=*/false));
  return OpenFileSource(path);
}

std::unique_ptr<ByteSource> MemorySource(std::string bytes) { return std::make_unique<StringSource>(std::move(bytes)); }

InputSplitter::InputSplitter(std::unique_ptr<ByteSource> source, size_t target_bytes)
    : source_(std::move(source)), target_(std::max<size_t>(target_bytes, 1)) {}

InputSplitter::InputSplitter(std::shared_ptr<const PaddedBuffer> input, size_t target_bytes)
    : target_(std::max<size_t>(target_bytes, 1)), input_(std::move(input)) {}

std::string_view InputSplitter::Pending() const {
  return input_ ? input_->view().substr(consumed_, window_) : std::string_view(buffer_.data(), buffer_.size());
}

Status InputSplitter::Fill(size_t at_least) {
  if (input_) {
    // The bytes are all there; the window grows as reads would, so searches stay as short.
    const size_t remaining = input_->size() - consumed_;
    // Nothing is faulted in here: the splitter reads only near its cuts (a whole piece only to
    // cut inside an interchange larger than two), and MeasurePiece faults each piece in.
    if (window_ < at_least) window_ = std::min(remaining, window_ + std::max(at_least - window_, target_));
    eof_ = window_ == remaining;
    return Status::Ok();
  }
  while (!eof_ && buffer_.size() < at_least) {
    const size_t old_size = buffer_.size();
    const size_t want = std::max(at_least - old_size, target_);
    char* room = buffer_.AppendPointer(want);
    Result<size_t> got = source_->Read(room, want);
    if (!got.ok()) return got.status();
    buffer_.Commit(room + *got);
    if (*got == 0) eof_ = true;
  }
  return Status::Ok();
}

Piece InputSplitter::Cut(size_t length) {
  const std::string_view bytes = Pending().substr(0, length);
  Piece piece;
  piece.bytes = input_ ? PaddedBuffer::Borrow(bytes.data(), length, input_) : PaddedBuffer::Copy(bytes);
  piece.offset = offset_;
  piece.ordinal = pieces_++;
  // The first piece's searches begin wherever its first header is found: it is searched whole.
  // A last piece within the target was not searched at all.
  if (piece.ordinal != 0) {
    piece.headers_from = header_free_;
    if (header_search_from_ != kNotFound) piece.headers_to = header_search_from_;
  }
  if (continuation_) {
    piece.continued_header = std::move(continuation_->header);
    piece.continued_segments = continuation_->segments;
    piece.interchange_offset = continuation_->interchange_offset;
    piece.continued_part = continuation_->part;
    piece.continued_first_document = std::move(continuation_->first_document);
    continuation_.reset();
  }
  const uint32_t part = piece.continued_part;
  piece.continues = std::exchange(cut_inside_, false);
  if (piece.continues) {
    // The piece's last interchange continues: its next part is the second, or one after this.
    const bool same_interchange = part != 0 && open_->offset == piece.interchange_offset;
    piece.continues_first_document = open_->first_document;
    continuation_ = Continuation{open_->header + open_->group, open_->group.empty() ? 1u : 2u, open_->offset,
                                 same_interchange ? part + 1 : 2, open_->first_document};
  } else {
    open_.reset();
  }
  inside_impossible_ = false;
  inside_searched_to_ = 0;
  offset_ += length;
  if (input_) {
    consumed_ += length;
    window_ -= length;
  } else {
    // What follows the piece moves to the front: at most the read-ahead, not the piece.
    std::memmove(buffer_.data(), buffer_.data() + length, buffer_.size() - length);
    buffer_.Commit(buffer_.data() + buffer_.size() - length);
  }
  searched_to_ = 0;
  header_free_ = 0;
  header_search_from_ = kNotFound;
  copy_.reset();
  piece.last = eof_ && Pending().empty();
  return piece;
}

Result<std::optional<Piece>> InputSplitter::Next() {
  if (done_) return std::optional<Piece>();
  for (;;) {
    if (Status filled = Fill(target_ + kHeaderGuard); !filled.ok()) return filled;
    const std::string_view view = Pending();
    if (eof_ && view.size() <= target_) {
      done_ = true;
      if (view.empty() && pieces_ != 0) return std::optional<Piece>();
      return std::optional(Cut(view.size()));
    }
    // The first header at or after the target: the piece ends there.
    size_t earliest = target_;  // where the piece may end
    if (pieces_ == 0) {
      // The first piece holds the first interchange's header, with whatever comes before it, so
      // that bytes before the first header are reported as they are in the whole input.
      if (first_header_ == kNotFound) {
        const size_t first = FindAnyInterchangeHeader(view, first_searched_);
        if (first < view.size()) first_header_ = first;
        first_searched_ = view.size() - std::min(view.size(), kHeaderGuard);
      }
      if (first_header_ != kNotFound) earliest = std::max(earliest, first_header_ + 3);
    }
    const size_t from = std::max(earliest, searched_to_);
    // Each round's search goes on where the last one stopped (searched_to_), so the bytes from
    // the first round's start to the cut are known to hold no header.
    if (header_search_from_ == kNotFound) header_search_from_ = from;
    const size_t cut = FindAnyInterchangeHeader(view, from);
    const size_t trusted_end = eof_ ? view.size() : view.size() - std::min(view.size(), kHeaderGuard);
    // Bytes before the first header (which the first piece holds) do not make an interchange
    // too large: the limit is twice the target past where the piece's interchanges begin.
    const size_t begins = pieces_ == 0 && first_header_ != kNotFound ? first_header_ : 0;
    const size_t limit = target_ > SIZE_MAX / 4 ? SIZE_MAX : begins + 2 * target_;
    if (cut < trusted_end && cut <= limit) return std::optional(Cut(cut));
    const size_t inside_end = std::min(cut, trusted_end);
    const bool too_large = cut < trusted_end || trusted_end >= limit;
    // The end of an interchange already cut inside, when the input ends within twice the target:
    // with more than one and a half targets left, it is cut once more (at its first set past the
    // target), or the last piece could be twice the others, read on one thread while the others
    // wait. Only the continued interchange: one that begins in this piece is not too large.
    // (At the input's end more than a target is left, or the piece was cut above.)
    const bool long_tail = !too_large && eof_ && continuation_ && trusted_end - target_ > target_ / 2;
    // Until the first interchange begins, there is none to cut.
    const bool begun = pieces_ != 0 || first_header_ != kNotFound;
    if (!inside_impossible_ && begun && (too_large || long_tail) && inside_end > inside_searched_to_) {
      // No header within twice the target: the interchange there is too large for one piece.
      // (A set larger than the target may hold the next cut back: searched again as bytes come.)
      if (std::optional<size_t> inside = CutInside(view, earliest, inside_end, /*continued_only=*/long_tail)) {
        cut_inside_ = true;
        // No header between the cut and inside_end: every search since `earliest` said so, and
        // the cut is after it. Neither the next piece's search for its end nor its CutInside
        // need look there again (on one large interchange, that was every byte searched twice).
        Piece piece = Cut(*inside);
        header_free_ = inside_end - *inside;
        searched_to_ = header_free_;
        return std::optional(std::move(piece));
      }
      inside_searched_to_ = inside_end;
    }
    if (cut < trusted_end) return std::optional(Cut(cut));
    if (eof_) {
      done_ = true;
      return std::optional(Cut(view.size()));
    }
    searched_to_ = std::max(from, trusted_end);
    if (Status filled = Fill(view.size() + kReadStep); !filled.ok()) return filled;
  }
}

std::optional<InputSplitter::OpenInterchange> InputSplitter::ReadHeader(std::string_view view, size_t at,
                                                                         Format format) const {
  OpenInterchange open;
  open.format = format;
  open.offset = offset_ + at;
  if (format == Format::kX12) {
    x12::IsaParse parse = x12::ParseIsaHeader(view.substr(at));
    size_t length = parse.header.length;
    PaddedBuffer unwrapped;
    if (parse.ok && parse.header.has_line_break) {
      // Wrapped at a line length: read, and copied for the next pieces, without line breaks, as
      // the reader reads it (with line breaks as data, it reads no such ISA).
      if (!unwrap_line_breaks_) return std::nullopt;
      parse = x12::ParseWrappedIsaHeader(view.substr(at), unwrapped, length);
      open.wrapped = true;
    }
    // A multi-byte terminator is rare enough not to be worth the care: it is not cut.
    if (!parse.ok || parse.header.delimiters.segment_suffix_length != 0) return std::nullopt;
    open.header = open.wrapped ? std::string(unwrapped.view().substr(0, parse.header.length))
                               : std::string(view.substr(at, length));
    open.element = parse.header.delimiters.element;
    open.terminator = parse.header.delimiters.segment;
    open.component = parse.header.delimiters.component;
    open.segments_from = at + length;
    return open;
  }
  // EDIFACT: the UNA (when there is one) and the UNB segment.
  edifact::ServiceString service;
  size_t unb = at;
  if (view.substr(at, 3) == "UNA") {
    const edifact::ServiceStringParse parse = edifact::ParseServiceString(view.substr(at));
    if (!parse.ok) return std::nullopt;
    service = parse.service;
    open.header = std::string(view.substr(at, edifact::kUnaLength));
    unb = at + edifact::kUnaLength;
    while (unb < view.size() && IsBlank(view[unb])) ++unb;
    if (view.substr(unb, 3) != "UNB") return std::nullopt;
  } else {
    service = edifact::DefaultServiceString(view.substr(at));
  }
  open.element = service.delimiters.element;
  open.terminator = service.delimiters.segment;
  open.component = service.delimiters.component;
  open.release = service.delimiters.release;
  const size_t unb_end = SegmentEnd(view, unb, open.terminator, open.release);
  if (unb_end == std::string_view::npos) return std::nullopt;
  open.header += view.substr(unb, unb_end + 1 - unb);
  open.segments_from = unb_end + 1;
  return open;
}

std::optional<size_t> InputSplitter::CutInside(std::string_view view, size_t earliest, size_t end,
                                               bool continued_only) {
  // The interchange holding byte `earliest` starts at the last header before it, or, with none in
  // this piece, is the one the previous cut went inside. The previous cut's search for the next
  // header already went through the first header_free_ bytes, and only headers that start by
  // `earliest` are looked for.
  size_t last_x12 = kNotFound, last_edifact = kNotFound;
  for (const HeaderAt& header : FindHeaders(view, std::min(header_free_, earliest), earliest + 1)) {
    (header.format == Format::kX12 ? last_x12 : last_edifact) = header.at;
  }
  if (continued_only && (last_x12 != kNotFound || last_edifact != kNotFound)) return std::nullopt;
  std::optional<OpenInterchange> open;
  if (last_x12 != kNotFound && (last_edifact == kNotFound || last_x12 > last_edifact)) {
    open = ReadHeader(view, last_x12, Format::kX12);
  } else if (last_edifact != kNotFound) {
    open = ReadHeader(view, last_edifact, Format::kEdifact);
  } else if (open_) {
    open = open_;
    open->segments_from = 0;
  }
  if (!open) {
    inside_impossible_ = true;  // EDIFACT and X12 read alike from here on: nothing to retry
    return std::nullopt;
  }
  const size_t segments_from = open->segments_from;
  const size_t from = std::max({earliest, segments_from, inside_searched_to_});
  const bool begins_here = segments_from != 0;
  const bool line_breaks_are_data = !unwrap_line_breaks_ || IsLineBreak(open->element) ||
                                    IsLineBreak(open->component) || IsLineBreak(open->terminator) ||
                                    (open->release && IsLineBreak(*open->release));
  if (!open->wrapped && !line_breaks_are_data) {
    // What an earlier search of this interchange looked at need not be looked at again.
    const size_t checked = checked_interchange_ == open->offset && checked_to_ > offset_ ? checked_to_ - offset_ : 0;
    open->wrapped = IsWrapped(view, segments_from, std::max(segments_from, checked), end, open->format, open->element,
                              open->terminator);
    checked_interchange_ = open->offset;
    checked_to_ = open->wrapped ? 0 : offset_ + end;
    if (open->wrapped) {
      // The header segments are copied for the next pieces without line breaks too (a wrapped
      // ISA was read so already; a UNA stays as it is).
      const size_t una = open->header.starts_with("UNA") ? edifact::kUnaLength : 0;
      open->header.erase(std::remove_if(open->header.begin() + static_cast<std::ptrdiff_t>(una), open->header.end(),
                                        IsLineBreak),
                         open->header.end());
    }
  }
  std::optional<size_t> set;
  if (open->wrapped) {
    // A line break may split a tag ("G\nS*"): the segments are looked for in a copy without
    // line breaks, which is what the reader reads, and the cut is mapped back: before the set's
    // first byte, the line breaks before it staying with this piece. The copy starts with the
    // header's terminator, by which the first segment after it is known to start a segment.
    if (segments_from >= end) return std::nullopt;
    const size_t base = begins_here ? segments_from - 1 : 0;
    const LineBreakFreeCopy& copy = CopyWithoutLineBreaks(view, base, end);
    set = FindCut(copy.view(), *open, copy.ToCopy(segments_from - base), begins_here, copy.ToCopy(from - base),
                  copy.ToCopy(end - base));
    if (set) set = base + copy.ToOriginal(*set);
  } else {
    set = FindCut(view, *open, segments_from, begins_here, from, end);
  }
  if (set) open_ = std::move(open);
  return set;
}

std::optional<size_t> InputSplitter::FindCut(std::string_view view, OpenInterchange& open, size_t segments_from,
                                             bool begins_here, size_t from, size_t end) {
  const bool x12 = open.format == Format::kX12;
  const std::string_view set_tag = x12 ? "ST" : "UNH";
  // X12 binary data (BIN, BDS) may hold any bytes, a terminator then "ST*", "GS*" or "IEA*" too:
  // nothing found inside it is a segment, and no cut lands in it.
  std::vector<std::pair<size_t, size_t>> binary_data;  // [start, end) of each, in order
  const auto in_binary_data = [&](size_t at) {
    return std::any_of(binary_data.begin(), binary_data.end(),
                       [at](const std::pair<size_t, size_t>& data) { return at >= data.first && at < data.second; });
  };
  const auto find = [&](std::string_view tag, size_t start, size_t before) {
    size_t at = FindSegment(view, start, before, tag, open.element, open.terminator, open.release);
    while (at < before && in_binary_data(at)) {
      at = FindSegment(view, at + 1, before, tag, open.element, open.terminator, open.release);
    }
    return at;
  };
  size_t set = find(set_tag, from, end);
  // The binary segments from where this piece's segments begin (a set boundary, or the header's
  // end) up to the cut, each read past its data: a cut inside one moves after it. Only the bytes
  // before the cut are searched, as far as the cut moves.
  for (size_t scanned = segments_from; x12 && set < end;) {
    const std::vector<std::pair<size_t, size_t>> more =
        BinaryDataIn(view, scanned, set, open.element, open.terminator);
    binary_data.insert(binary_data.end(), more.begin(), more.end());
    if (binary_data.empty() || binary_data.back().second <= set) break;
    scanned = binary_data.back().second;
    set = find(set_tag, scanned, end);
  }
  if (set >= end) return std::nullopt;
  if (begins_here) {
    // The interchange begins in this piece: its first set names the route of every part.
    const size_t first = find(set_tag, segments_from, set + 1);
    // ST01, or UNH S009 0065 after the message reference.
    const size_t type = x12 ? first + 3 : view.find(open.element, first + 4) + 1;
    const size_t type_end = view.find_first_of(std::string{open.element, open.terminator, open.component}, type);
    open.first_document = std::string(view.substr(type, std::min(type_end, view.size()) - type));
  }
  // The envelope segments before the cut, in one pass: past the interchange's trailer the bytes
  // belong to no interchange (they are not a part); the group open at the cut is the last group
  // header before it, or the one open when this piece began (none for EDIFACT messages outside
  // groups), unless a group trailer follows it: the next set is then outside any group, as it is.
  enum Envelope : size_t { kTrailer, kGroupHeader, kGroupTrailer };
  const std::array<std::string_view, 3> envelope_tags =
      x12 ? std::array<std::string_view, 3>{"IEA", "GS", "GE"} : std::array<std::string_view, 3>{"UNZ", "UNG", "UNE"};
  size_t group = kNotFound;
  bool group_closed = false;
  size_t which = 0;
  const auto find_envelope = [&](size_t start) {
    size_t at = FindAnySegment(view, start, set, envelope_tags, open.element, open.terminator, open.release, which);
    while (at < set && in_binary_data(at)) {
      at = FindAnySegment(view, at + 1, set, envelope_tags, open.element, open.terminator, open.release, which);
    }
    return at;
  };
  for (size_t at = find_envelope(segments_from); at < set; at = find_envelope(at + 1)) {
    if (which == kTrailer) {
      inside_impossible_ = true;
      return std::nullopt;
    }
    if (which == kGroupHeader) group = at;
    group_closed = which == kGroupTrailer;
  }
  if (group != kNotFound) {
    open.group = std::string(view.substr(group, SegmentEnd(view, group, open.terminator, open.release) + 1 - group));
  } else if (begins_here) {
    open.group.clear();
  }
  if (group_closed) open.group.clear();
  return set;
}

}  // namespace wharf::pipeline
