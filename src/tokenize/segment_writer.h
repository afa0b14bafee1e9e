// Writing segments with an interchange's delimiters: the inverse of the tokenizer, for the
// acknowledgments (TA1, 997, 999, CONTRL) wharf sends back with the sender's own separators.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include "tokenize/delimiters.h"

namespace wharf {

// Writes segments with the inbound delimiters; values are written as given (escape first).
class SegmentWriter {
 public:
  SegmentWriter(const Delimiters& delimiters, bool line_breaks) : d_(delimiters), line_breaks_(line_breaks) {}

  SegmentWriter& Begin(std::string_view tag) {
    current_ = std::string(tag);
    return *this;
  }
  SegmentWriter& Element(std::string_view value) {
    current_ += d_.element;
    current_ += value;
    return *this;
  }
  SegmentWriter& Composite(std::initializer_list<std::string_view> components) {
    current_ += d_.element;
    bool first = true;
    for (std::string_view component : components) {
      if (!first) current_ += d_.component;
      current_ += component;
      first = false;
    }
    while (TrailingSeparator(d_.component)) current_.pop_back();  // no trailing empty components
    return *this;
  }
  void End() {
    while (TrailingSeparator(d_.element)) current_.pop_back();  // no trailing empty elements
    text_ += current_;
    text_ += d_.segment;
    text_ += d_.segment_suffix_view();
    if (line_breaks_ && d_.segment != '\n') text_ += '\n';
    ++segments_;
  }
  size_t segments() const { return segments_; }
  void ResetCount() { segments_ = 0; }
  std::string& text() { return text_; }
  // A value that holds a delimiter cannot be copied into the acknowledgment.
  bool Writable(std::string_view value) const {
    for (char c : value) {
      if (c == d_.element || c == d_.component || c == d_.segment || (d_.repetition && c == *d_.repetition)) return false;
    }
    return true;
  }

 private:
  // Whether the segment so far ends with `separator` as a separator, not as released data ("?+").
  bool TrailingSeparator(char separator) const {
    if (current_.empty() || current_.back() != separator) return false;
    if (!d_.release) return true;
    size_t releases = 0;
    for (size_t i = current_.size() - 1; i-- > 0 && current_[i] == *d_.release;) ++releases;
    return releases % 2 == 0;
  }

  const Delimiters& d_;
  bool line_breaks_;
  std::string current_;
  std::string text_;
  size_t segments_ = 0;
};

}  // namespace wharf
