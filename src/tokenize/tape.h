// The tape: one unit of EDI (an interchange) as segments over an index of delimiter positions.
//
// Layout (see tokenize/TAPE.md): `positions` holds the offset of delimiter bytes, in input
// order, as stage 1 found them. Each segment records where its bytes start and end and which run
// of `positions` holds its inner delimiters (element, component, repetition), so its values are
// the bytes between consecutive delimiters: value 0 is the tag, value i starts after the i-th
// inner delimiter, whose byte says whether it opens an element, a repetition or a component.
// Terminators, line breaks between segments and delimiters inside binary data stay in
// `positions` outside every segment's run. No byte is copied and nothing is allocated per value.
// Release characters are left in place: a segment flagged kSegmentEscaped has them, and
// AppendUnescaped resolves a value when it is read. A Tape is filled by the tokenizer and then
// only read; reading is thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/pod_buffer.h"
#include "tokenize/delimiters.h"

namespace wharf {

enum class ValueLead : uint8_t { kElement = 0, kRepetition = 1, kComponent = 2 };

// Facts the tokenizer learnt about a segment that only a validator can judge.
enum SegmentFlag : uint8_t {
  kSegmentUnterminated = 1 << 0,          // input ended before the segment terminator
  kSegmentBinary = 1 << 1,                // X12 BIN/BDS: the last value is raw binary data
  kSegmentBinaryLengthInvalid = 1 << 2,   // the length element is not a number
  kSegmentBinaryLengthMismatch = 1 << 3,  // the terminator is not where the length says
  kSegmentEscaped = 1 << 4,               // values hold release characters
};

struct TapeSegment {
  uint32_t offset;          // first byte of the tag, from the unit's start
  uint32_t length;          // bytes up to the terminator (excluded)
  uint32_t first_position;  // index in Tape::positions of the delimiter that ends the tag
  uint32_t delimiter_count : 24;  // inner delimiters; the segment has delimiter_count + 1 values
  uint32_t flags : 8;
};

class Tape;

// One element of a segment: one or more repetitions of one or more components. Values are
// numbered within the segment (0 is the tag).
class ElementView {
 public:
  ElementView() = default;
  ElementView(const Tape* tape, uint32_t segment, uint32_t begin, uint32_t end)
      : tape_(tape), segment_(segment), begin_(begin), end_(end) {}

  bool present() const { return begin_ < end_; }  // false past the last element of the segment
  bool empty() const;                              // absent, or present with no data at all
  // The first component of the first repetition, raw (release characters not resolved).
  std::string_view text() const;
  // Every byte of the element, inner delimiters included.
  std::string_view raw() const;
  size_t repetition_count() const;
  size_t component_count() const;  // of the first repetition
  // Component `position` (1-based) of the first repetition; empty when absent.
  std::string_view component(size_t position) const;
  uint32_t first_value() const { return begin_; }
  uint32_t end_value() const { return end_; }

 private:
  const Tape* tape_ = nullptr;
  uint32_t segment_ = 0;
  uint32_t begin_ = 0;
  uint32_t end_ = 0;
};

class SegmentView {
 public:
  SegmentView(const Tape* tape, uint32_t index) : tape_(tape), index_(index) {}

  uint32_t index() const { return index_; }
  const TapeSegment& entry() const;
  std::string_view tag() const { return value(0); }
  std::string_view raw() const;  // the whole segment without its terminator
  uint32_t offset() const { return entry().offset; }
  uint8_t flags() const { return entry().flags; }
  size_t value_count() const { return entry().delimiter_count + 1u; }
  // Value `i` (0 is the tag) and the delimiter that opened it.
  std::string_view value(size_t i) const;
  ValueLead lead(size_t i) const;
  // Number of elements after the tag (ISA has 16).
  size_t element_count() const;
  // Element `position`, 1-based as in "ISA13"; not present() beyond the last one.
  ElementView element(size_t position) const;

 private:
  const Tape* tape_;
  uint32_t index_;
};

class Tape {
 public:
  // Starts a new tape over `unit` with its delimiters; offsets count from unit.data().
  void Reset(std::string_view unit, const Delimiters& delimiters);
  void Clear() { Reset({}, {}); }

  std::string_view bytes() const { return bytes_; }
  const Delimiters& delimiters() const { return delimiters_; }
  // Narrows the unit to its first `length` bytes once its end is known.
  void SetLength(size_t length) { bytes_ = bytes_.substr(0, length); }
  size_t segment_count() const { return segments_.size(); }
  SegmentView segment(size_t index) const { return {this, static_cast<uint32_t>(index)}; }
  const PodBuffer<TapeSegment>& segments() const { return segments_; }
  const PodBuffer<uint32_t>& positions() const { return positions_; }
  // Which ValueLead the delimiter at `offset` opens.
  ValueLead LeadAt(uint32_t offset) const {
    return static_cast<ValueLead>(lead_of_byte_[static_cast<unsigned char>(bytes_[offset])]);
  }

  // Building (tokenizer and header parsers only).
  PodBuffer<uint32_t>& mutable_positions() { return positions_; }
  PodBuffer<TapeSegment>& mutable_segments() { return segments_; }
  void AddSegment(uint32_t offset, uint32_t length, uint32_t first_position, uint32_t delimiter_count,
                  uint8_t flags) {
    segments_.push_back({offset, length, first_position, delimiter_count, flags});
  }

 private:
  std::string_view bytes_;
  Delimiters delimiters_;
  uint8_t lead_of_byte_[256] = {};
  PodBuffer<uint32_t> positions_;
  PodBuffer<TapeSegment> segments_;
};

// The accessors every validator calls per segment and per value, inline. Offsets come from the
// tokenizer and always lie inside the unit, so no bounds are checked again here.
inline const TapeSegment& SegmentView::entry() const { return tape_->segments()[index_]; }

inline std::string_view SegmentView::raw() const {
  const TapeSegment& s = entry();
  return {tape_->bytes().data() + s.offset, s.length};
}

inline std::string_view SegmentView::value(size_t i) const {
  const TapeSegment& s = entry();
  const uint32_t* delimiters = tape_->positions().data() + s.first_position;
  const uint32_t begin = i == 0 ? s.offset : delimiters[i - 1] + 1;
  const uint32_t end = i < s.delimiter_count ? delimiters[i] : s.offset + s.length;
  return {tape_->bytes().data() + begin, end - begin};
}

inline ValueLead SegmentView::lead(size_t i) const {
  if (i == 0) return ValueLead::kElement;
  return tape_->LeadAt(tape_->positions()[entry().first_position + i - 1]);
}

// Appends `raw` to `out` with each release character removed (the byte after it is kept as data).
void AppendUnescaped(std::string_view raw, char release, std::string& out);

}  // namespace wharf
