// Reading the tape: segment and element views over the delimiter index.
#include "tokenize/tape.h"

#include <cstring>

namespace wharf {

void Tape::Reset(std::string_view unit, const Delimiters& delimiters) {
  bytes_ = unit;
  delimiters_ = delimiters;
  std::memset(lead_of_byte_, 0, sizeof lead_of_byte_);
  if (delimiters.repetition) lead_of_byte_[static_cast<unsigned char>(*delimiters.repetition)] = 1;
  lead_of_byte_[static_cast<unsigned char>(delimiters.component)] = 2;
  lead_of_byte_[static_cast<unsigned char>(delimiters.element)] = 0;
  positions_.clear();
  segments_.clear();
}

size_t SegmentView::element_count() const {
  const TapeSegment& s = entry();
  const uint32_t* delimiters = tape_->positions().data() + s.first_position;
  size_t count = 0;
  for (uint32_t i = 0; i < s.delimiter_count; ++i) count += tape_->LeadAt(delimiters[i]) == ValueLead::kElement;
  return count;
}

ElementView SegmentView::element(size_t position) const {
  const size_t values = value_count();
  size_t seen = 0;
  for (size_t i = 1; i < values; ++i) {
    if (lead(i) != ValueLead::kElement) continue;
    if (++seen == position) {
      size_t last = i + 1;
      while (last < values && lead(last) != ValueLead::kElement) ++last;
      return {tape_, index_, static_cast<uint32_t>(i), static_cast<uint32_t>(last)};
    }
  }
  return {};
}

bool ElementView::empty() const { return raw().empty(); }

std::string_view ElementView::text() const {
  return present() ? tape_->segment(segment_).value(begin_) : std::string_view();
}

std::string_view ElementView::raw() const {
  if (!present()) return {};
  const SegmentView segment = tape_->segment(segment_);
  const std::string_view first = segment.value(begin_);
  const std::string_view last = segment.value(end_ - 1);
  return {first.data(), static_cast<size_t>(last.data() + last.size() - first.data())};
}

size_t ElementView::repetition_count() const {
  if (!present()) return 0;
  const SegmentView segment = tape_->segment(segment_);
  size_t count = 1;
  for (uint32_t i = begin_ + 1; i < end_; ++i) count += segment.lead(i) == ValueLead::kRepetition;
  return count;
}

size_t ElementView::component_count() const {
  if (!present()) return 0;
  const SegmentView segment = tape_->segment(segment_);
  size_t count = 1;
  for (uint32_t i = begin_ + 1; i < end_ && segment.lead(i) == ValueLead::kComponent; ++i) ++count;
  return count;
}

std::string_view ElementView::component(size_t position) const {
  if (!present() || position == 0) return {};
  const SegmentView segment = tape_->segment(segment_);
  const uint32_t i = begin_ + static_cast<uint32_t>(position - 1);
  if (i >= end_) return {};
  for (uint32_t k = begin_ + 1; k <= i; ++k) {
    if (segment.lead(k) != ValueLead::kComponent) return {};
  }
  return segment.value(i);
}

void AppendUnescaped(std::string_view raw, char release, std::string& out) {
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == release && i + 1 < raw.size()) ++i;
    out.push_back(raw[i]);
  }
}

}  // namespace wharf
