// Stage 2: segments from the special delimiters (terminators, release characters, line feeds).
//
// Stage 1 already wrote every delimiter position onto the tape; this file only decides where
// segments start and end. Its work is per segment: the element, component and repetition
// delimiters inside a segment are never looked at one by one. Rare cases take slower paths that
// rewrite the segment's run of positions: release characters (the released bytes are data) and
// X12 binary segments (delimiters inside the binary data are not delimiters).
#include "tokenize/tokenizer.h"

#include <algorithm>
#include <cstring>

#include "tokenize/binary_segment.h"

namespace wharf {
namespace {

// Stage 1 runs over chunks of this size: small enough that little is scanned past the trailer of
// a short interchange (scanning stops only at a chunk's end), large enough that the per-chunk
// set-up does not show.
constexpr size_t kChunk = 4096;

enum Role : uint8_t { kInner = 0, kTerminator, kRelease, kLineFeed };

bool IsAlphanumeric(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

// The segment under construction and the rules for opening and closing one.
class SegmentBuilder {
 public:
  SegmentBuilder(Tape& tape, const TokenizerOptions& options) : tape_(tape), options_(options) {
    const Delimiters& d = tape.delimiters();
    for (char blank : {'\r', '\n', ' ', '\t'}) blank_[static_cast<unsigned char>(blank)] = true;
    // A blank that is also an inner delimiter is a delimiter (CR/LF never are).
    for (char c : {' ', '\t'}) {
      if (d.element == c || d.component == c || d.repetition == c) blank_[static_cast<unsigned char>(c)] = false;
    }
    for (std::string_view tag : options.header_tags) {
      if (!tag.empty()) header_first_bytes_[static_cast<unsigned char>(tag[0])] = true;
    }
  }

  size_t start() const { return start_; }
  size_t skip_until() const { return skip_until_; }
  bool binary() const { return fixed_count_ >= 0; }

  bool IsBlank(char c) const { return blank_[static_cast<unsigned char>(c)]; }
  // Skips the whitespace partners put between segments (CR/LF, indentation).
  size_t SkipBlanks(size_t p) const {
    const std::string_view bytes = tape_.bytes();
    while (p < bytes.size() && IsBlank(bytes[p])) ++p;
    return p;
  }
  bool StartsHeader(size_t at) const {
    if (!header_first_bytes_[static_cast<unsigned char>(tape_.bytes()[at])]) return false;  // the usual case
    const std::string_view rest = tape_.bytes().substr(at);
    for (std::string_view tag : options_.header_tags) {
      if (!tag.empty() && rest.size() > tag.size() && rest.substr(0, tag.size()) == tag &&
          !IsAlphanumeric(rest[tag.size()])) {
        return true;
      }
    }
    return false;
  }

  // Opens a segment at byte `at`, whose first inner delimiter will be positions[first].
  // Returns where stage 1 must resume when it cannot simply go on (binary data), else 0.
  size_t Open(size_t at, uint32_t first) {
    start_ = at;
    skip_until_ = 0;
    first_ = first;
    flags_ = 0;
    escaped_ = compact_ = false;
    fixed_count_ = -1;
    return options_.binary_segments && tape_.bytes()[at] == 'B' ? OpenBinary() : 0;
  }

  // A special delimiter before the segment start (a line feed, or the terminator of a blank line
  // when the terminator is a line feed) was whitespace between segments.
  void SkipBetween(uint32_t index) { first_ = index + 1; }
  void MarkEscaped() { escaped_ = compact_ = true; }
  // A terminator byte inside the segment that turned out to be data (a released terminator, the
  // lead byte of another multi-byte character) must leave the segment's run.
  void MarkFalseTerminator() { compact_ = true; }

  // True when the terminator at `at` is released (an odd run of release characters before it).
  bool IsReleased(size_t at) const {
    const std::optional<char> release = tape_.delimiters().release;
    if (!release) return false;
    size_t run = 0;
    while (at > start_ + run && tape_.bytes()[at - 1 - run] == *release) ++run;
    return run % 2 == 1;
  }

  // Closes the segment at the terminator positions[index] (or at the end of input).
  void Close(size_t content_end, uint32_t end_index) {
    uint32_t count = fixed_count_ >= 0 ? static_cast<uint32_t>(fixed_count_) : end_index - first_;
    if (compact_) count = Compact(count);
    if (escaped_) flags_ |= kSegmentEscaped;
    tape_.AddSegment(static_cast<uint32_t>(start_), static_cast<uint32_t>(content_end - start_), first_, count, flags_);
  }
  // Closes a segment the input ends inside of.
  void CloseAtEnd() {
    const std::string_view bytes = tape_.bytes();
    size_t content_end = bytes.size();
    if (!binary()) {
      while (content_end > start_ && IsBlank(bytes[content_end - 1])) --content_end;
    }
    flags_ |= kSegmentUnterminated;
    const PodBuffer<uint32_t>& positions = tape_.positions();
    const uint32_t end_index = static_cast<uint32_t>(
        std::lower_bound(positions.begin() + first_, positions.end(), static_cast<uint32_t>(content_end)) -
        positions.begin());
    Close(content_end, end_index);
  }

  // Whether the segment just closed is the trailer (IEA, UNZ).
  bool IsTrailer() const {
    const std::string_view trailer = options_.trailer_tag;
    const TapeSegment& closed = tape_.segments().back();
    const std::string_view bytes = tape_.bytes();
    if (trailer.empty() || bytes[closed.offset] != trailer[0]) return false;  // the usual case
    const size_t tag_end = closed.delimiter_count > 0 ? tape_.positions()[closed.first_position]
                                                      : closed.offset + closed.length;
    return bytes.substr(closed.offset, tag_end - closed.offset) == trailer;
  }

 private:
  // An X12 BIN or BDS segment: its inner delimiters are the ones before the data, which is
  // skipped whole. Its positions are written here and stage 1 resumes after the data.
  size_t OpenBinary() {
    const std::string_view bytes = tape_.bytes();
    const Delimiters& d = tape_.delimiters();
    const BinarySegment binary = ReadBinarySegment(bytes, start_, d.element);
    if (binary.length_invalid) flags_ |= kSegmentBinaryLengthInvalid;  // read as an ordinary segment
    if (binary.length_element == 0) return 0;
    PodBuffer<uint32_t>& positions = tape_.mutable_positions();
    positions.Commit(positions.data() + first_);
    for (int e = 0; e <= binary.length_element; ++e) positions.push_back(binary.separators[e]);
    fixed_count_ = binary.length_element + 1;
    flags_ |= kSegmentBinary;
    bool length_matches = false;
    skip_until_ = BinaryDataEnd(bytes, binary, d.segment, d.segment_suffix_view(), &length_matches);
    // A wrong length: the data runs to the next terminator, and the validator says so.
    if (!length_matches) flags_ |= kSegmentBinaryLengthMismatch;
    return std::max<size_t>(skip_until_, 1);
  }

  // Drops from the segment's run what is not an inner delimiter: release characters, the bytes
  // they release, and terminator bytes that were data.
  uint32_t Compact(uint32_t count) {
    const Delimiters& d = tape_.delimiters();
    uint32_t* run = tape_.mutable_positions().data() + first_;
    const std::string_view bytes = tape_.bytes();
    uint32_t kept = 0;
    for (uint32_t i = 0; i < count; ++i) {
      const char c = bytes[run[i]];
      if (d.release && c == *d.release) {
        if (i + 1 < count && run[i + 1] == run[i] + 1) ++i;  // the released byte is data
        continue;
      }
      if (c == d.segment) continue;
      run[kept++] = run[i];
    }
    return kept;
  }

  Tape& tape_;
  const TokenizerOptions& options_;
  bool blank_[256] = {};
  bool header_first_bytes_[256] = {};
  size_t start_ = 0;
  uint32_t first_ = 0;
  uint8_t flags_ = 0;
  bool escaped_ = false;
  bool compact_ = false;
  int fixed_count_ = -1;  // a binary segment's inner delimiters, or -1
  size_t skip_until_ = 0;
};

// A tape that has grown large is most likely a large interchange: instead of doubling (copying
// it again and faulting in fresh pages each time), room is made for the rest of the input at the
// density seen so far, with a quarter to spare. Memory reserved and never written costs address
// space, not pages.
void ReserveForLargeUnit(Tape& tape, size_t bytes_done, size_t bytes_left) {
  constexpr size_t kLargeTape = size_t{1} << 15;  // positions: about 128 KB of input
  PodBuffer<uint32_t>& positions = tape.mutable_positions();
  if (positions.size() < kLargeTape || positions.capacity() >= positions.size() + kChunk + 64) return;
  const double left_per_done = static_cast<double>(bytes_left) / static_cast<double>(std::max<size_t>(bytes_done, 1));
  const auto expected = [&](size_t so_far) { return so_far + static_cast<size_t>(1.25 * left_per_done * so_far); };
  positions.reserve(std::max(expected(positions.size()) + kChunk + 64, positions.capacity() * 2));
  PodBuffer<TapeSegment>& segments = tape.mutable_segments();
  segments.reserve(std::max(expected(segments.size()) + 1, segments.capacity()));
}

}  // namespace

TokenizerResult Tokenizer::Run(Tape& tape, size_t from, const TokenizerOptions& options) {
  const Delimiters& d = tape.delimiters();
  const std::string_view bytes = tape.bytes();
  const char* const data = bytes.data();
  const size_t size = bytes.size();

  // Inner delimiters first, specials last: a byte with two roles is read as the special one.
  DelimiterSet set;
  uint8_t roles[256] = {};
  const bool watch_line_feed = options.stop_at_line_break && d.segment != '\n' && d.element != '\n' &&
                               d.component != '\n' && d.repetition != '\n';
  auto add = [&](char byte, Role role) {
    set.Add(byte, role != kInner);
    roles[static_cast<unsigned char>(byte)] = role;
  };
  add(d.element, kInner);
  add(d.component, kInner);
  if (d.repetition) add(*d.repetition, kInner);
  if (watch_line_feed) add('\n', kLineFeed);
  if (d.release) add(*d.release, kRelease);
  add(d.segment, kTerminator);
  if (d.segment != '\n' && d.segment_suffix_length == 0) set.SkipLineBreakAfter(d.segment);

  SegmentBuilder segment(tape, options);
  PodBuffer<uint32_t>& positions = tape.mutable_positions();
  const size_t first = segment.SkipBlanks(from);
  if (first < size && !options.opens_with_header && segment.StartsHeader(first)) {
    return {TokenizerStop::kNextHeader, first};
  }
  size_t resume = segment.Open(first, static_cast<uint32_t>(positions.size()));

  size_t chunk_begin = resume != 0 ? resume : first;
  bool input_done = false;  // only whitespace is left after a line feed inside the last segment
  while (chunk_begin < size && !input_done) {
    const size_t chunk_end = std::min(size, chunk_begin + kChunk);
    const size_t length = chunk_end - chunk_begin;
    ReserveForLargeUnit(tape, chunk_begin - from, size - chunk_begin);
    const uint32_t index_base = static_cast<uint32_t>(positions.size());
    const ScanCounts found = ScanDelimiters(kernel_, set, data + chunk_begin, length, static_cast<uint32_t>(chunk_begin),
                                            positions.AppendPointer(length + 64), index_base,
                                            specials_.AppendPointer(length + 64));
    positions.Commit(positions.data() + index_base + found.positions);
    resume = 0;
    for (size_t s = 0; s < found.specials && resume == 0; ++s) {
      const uint32_t index = specials_.data()[s];
      const size_t at = positions[index];
      if (at < segment.skip_until()) continue;  // binary data
      if (at < segment.start()) {
        segment.SkipBetween(index);
        continue;
      }
      const uint8_t role = roles[static_cast<unsigned char>(data[at])];
      if (role == kTerminator) {
        if (d.segment_suffix_length != 0 && bytes.substr(at + 1, d.segment_suffix_length) != d.segment_suffix_view()) {
          segment.MarkFalseTerminator();  // the lead byte of some other multi-byte character: data
          continue;
        }
        if (segment.IsReleased(at)) {
          segment.MarkFalseTerminator();
          continue;
        }
        size_t content_end = at;
        if (d.segment == '\n' && content_end > segment.start() && data[content_end - 1] == '\r') --content_end;
        segment.Close(content_end, index);
        const size_t after = at + 1 + d.segment_suffix_length;
        if (segment.IsTrailer()) {
          positions.Commit(positions.data() + index + 1);
          tape.SetLength(after);
          return {TokenizerStop::kTrailer, after};
        }
        const size_t next = segment.SkipBlanks(after);
        if (next < size && segment.StartsHeader(next)) {
          positions.Commit(positions.data() + index + 1);
          return {TokenizerStop::kNextHeader, next};
        }
        resume = segment.Open(next, index + 1);
      } else if (role == kRelease) {
        segment.MarkEscaped();
      } else {  // a line feed inside a segment
        if (segment.SkipBlanks(at) != size) return {TokenizerStop::kLineBreakInSegment, at};
        input_done = true;  // a file whose last terminator is missing, not a wrapped line
        break;
      }
    }
    // A binary segment rewrote the positions after its start: scanning resumes after its data.
    chunk_begin = resume != 0 ? resume : chunk_end;
  }

  if (segment.start() < size) segment.CloseAtEnd();
  tape.SetLength(size);
  return {TokenizerStop::kEndOfInput, size};
}

}  // namespace wharf
