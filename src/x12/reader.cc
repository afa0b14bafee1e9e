// Interchange discovery, unwrapping of line-wrapped files, and tokenizing in place.
#include "x12/reader.h"

#include "core/bytes.h"
#include "x12/data_types.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

namespace wharf::x12 {
namespace {

// Offsets on a tape are 32-bit.
constexpr size_t kLargestInterchange = std::numeric_limits<uint32_t>::max() - kInputPadding;

bool IsAlphanumeric(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}


Finding FileFinding(Severity severity, std::string code, uint64_t offset, std::string message) {
  Finding f;
  f.severity = severity;
  f.level = AckLevel::kNone;
  f.code = std::move(code);
  f.file_offset = offset;
  f.message = std::move(message);
  return f;
}

// Puts the ISA, already split by ParseIsaHeader, on the tape as segment 0: tokenizing it would
// split ISA16 (the component separator itself) and ISA11 (the repetition separator).
void AddIsaSegment(const IsaHeader& header, Tape& tape) {
  PodBuffer<uint32_t>& positions = tape.mutable_positions();
  for (size_t field = 1; field <= kIsaFieldCount; ++field) {
    positions.push_back(static_cast<uint32_t>(header.field_offsets[field] - 1));  // the separator before it
  }
  const size_t content = header.length - 1 - header.delimiters.segment_suffix_length;
  tape.AddSegment(0, static_cast<uint32_t>(content), 0, kIsaFieldCount, 0);
}

TokenizerOptions X12TokenizerOptions(bool stop_at_line_break) {
  TokenizerOptions options;
  options.binary_segments = true;
  options.trailer_tag = "IEA";
  options.header_tags = {"ISA", ""};
  options.stop_at_line_break = stop_at_line_break;
  return options;
}

struct UnwrappedCopy {
  PaddedBuffer bytes;
  std::vector<uint32_t> removed;  // copy offsets where a line-break byte was dropped
  size_t consumed = 0;            // bytes of the original the copy covers
};

// Copies one interchange without its CR and LF bytes, up to and including the IEA segment (or up
// to the next ISA, or the end of the input).
UnwrappedCopy Unwrap(std::string_view from_isa, char element, char terminator) {
  UnwrappedCopy copy;
  std::string out;
  out.reserve(std::min<size_t>(from_isa.size(), 1 << 20));
  size_t segment_out = 0;  // where the current segment starts in `out`
  size_t segment_in = 0;   // ... and in the input
  size_t i = 0;
  for (; i < from_isa.size() && out.size() < kLargestInterchange; ++i) {
    if (out.size() >= segment_out + 4) {
      // Past a segment's tag only a line break or the terminator matters: the bytes before the
      // next one are copied at once (a byte at a time, this was a quarter of a wrapped run).
      const size_t next = std::min(FindAnyOf(from_isa, i, '\r', '\n', terminator, terminator),
                                   i + (kLargestInterchange - out.size()));
      out.append(from_isa.substr(i, next - i));
      i = next;
      if (i == from_isa.size() || out.size() >= kLargestInterchange) break;
    }
    const char c = from_isa[i];
    if (IsLineBreak(c)) {
      copy.removed.push_back(static_cast<uint32_t>(out.size()));
      continue;
    }
    if (out.size() == segment_out) {
      if (IsBlank(c)) {  // indentation between segments stays as it is
        out.push_back(c);
        ++segment_out;
        continue;
      }
      segment_in = i;
    }
    if (segment_out > 0 && out.size() == segment_out + 3 && out.compare(segment_out, 3, "ISA") == 0 &&
        !IsAlphanumeric(c)) {
      // The next interchange starts here.
      out.resize(segment_out);
      while (!copy.removed.empty() && copy.removed.back() > out.size()) copy.removed.pop_back();
      copy.consumed = segment_in;
      copy.bytes = PaddedBuffer::Copy(out);
      return copy;
    }
    out.push_back(c);
    if (c == terminator) {
      const std::string_view segment = std::string_view(out).substr(segment_out);
      segment_out = out.size();
      if (segment.size() > 4 && segment.compare(0, 3, "IEA") == 0 && segment[3] == element) {
        ++i;
        break;
      }
    }
  }
  copy.consumed = i;
  copy.bytes = PaddedBuffer::Copy(out);
  return copy;
}

}  // namespace

Finding WrappedFinding(uint64_t offset, size_t line_breaks, std::string_view control_number) {
  Finding f = FileFinding(Severity::kWarning, "WRAPPED", offset,
                          "line breaks inside segments: the interchange was read with its " + std::to_string(line_breaks) +
                              " CR/LF bytes removed (a file wrapped at a fixed line length)");
  f.interchange_control = std::string(TrimRight(control_number));
  f.segment_ordinal = 1;
  return f;
}

std::string Interchange::Label() const {
  std::string_view control = TrimRight(envelope.control_number);
  if (!control.empty() && control.size() <= 9 && IsDigits(control)) return std::string(control);
  return "#" + std::to_string(ordinal);
}

InterchangeReader::InterchangeReader(std::string_view file, ReaderOptions options)
    : file_(file), options_(options), tokenizer_(options.scan_kernel), position_(options.begin),
      interchanges_(options.ordinals_before), started_(options.begin > 0) {}

size_t InterchangeReader::FindNextHeader(size_t from) const {
  for (size_t at = FindHeaderTag(file_, from, true, false); at < file_.size();
       at = FindHeaderTag(file_, at + 1, true, false)) {
    if (LooksLikeIsa(file_.substr(at))) return at;
  }
  return file_.size();
}

void InterchangeReader::ReportStray(size_t from, size_t to) {
  const std::string_view stray = file_.substr(from, to - from);
  if (std::all_of(stray.begin(), stray.end(), [](char c) { return IsFiller(c) || IsBlank(c); })) {
    file_findings_.push_back(FileFinding(Severity::kWarning, "FILLER", from,
                                         std::to_string(stray.size()) + " bytes of NUL/EOF filler ignored"));
    return;
  }
  const bool before_any = interchanges_ == 0 && to == file_.size();
  file_findings_.push_back(FileFinding(
      Severity::kError, "NOT-X12", from,
      (before_any ? std::string("no X12 interchange found: the data does not start with an ISA header")
                  : std::to_string(stray.size()) + " bytes outside any interchange") +
          " (starts with '" + PreviewBytes(stray) + "')"));
}

bool InterchangeReader::Next(Interchange& out) {
  if (!started_) {
    started_ = true;
    if (file_.substr(0, 3) == "\xEF\xBB\xBF") {
      file_findings_.push_back(FileFinding(Severity::kWarning, "BOM", 0, "UTF-8 byte order mark ignored"));
      position_ = 3;
    }
    if (std::all_of(file_.begin() + static_cast<std::ptrdiff_t>(position_), file_.end(), IsBlank)) {
      file_findings_.push_back(FileFinding(Severity::kError, "EMPTY", 0,
                                           file_.empty() ? "the file is empty" : "the file holds only whitespace"));
      position_ = file_.size();
      return false;
    }
  }
  for (;;) {
    while (position_ < file_.size() && IsBlank(file_[position_])) ++position_;
    if (position_ >= file_.size()) return false;
    const std::string_view rest = file_.substr(position_);
    if (!LooksLikeIsa(rest)) {
      const size_t next = FindNextHeader(position_ + 1);
      ReportStray(position_, next);
      position_ = next;
      continue;
    }
    const IsaParse parse = ParseIsaHeader(rest);
    if (parse.ok && parse.header.has_line_break && options_.unwrap_line_breaks) {
      return ReadUnwrapped(position_, out);
    }
    if (!parse.ok) {
      Finding f = FileFinding(Severity::kError, parse.ta1_code, position_, "cannot read the ISA header: " + parse.problem);
      f.level = AckLevel::kTa1;
      f.segment_ordinal = 1;
      f.segment_tag = "ISA";
      file_findings_.push_back(std::move(f));
      const size_t next = FindNextHeader(position_ + 3);
      position_ = next;
      continue;
    }
    return ReadAt(position_, parse.header, out);
  }
}

EnvelopeOptions InterchangeReader::PartOf(size_t start, size_t end) const {
  EnvelopeOptions part;
  if (start == options_.begin) part.copied_segments = options_.copied_segments;
  part.open_end = options_.continues && end >= file_.size();
  return part;
}

bool InterchangeReader::ReadAt(size_t start, const IsaHeader& header, Interchange& out) {
  out.findings.clear();
  out.unwrapped = PaddedBuffer();
  out.ordinal = ++interchanges_;
  out.file_offset = start;
  out.header = header;
  const std::string_view unit = file_.substr(start, kLargestInterchange);
  out.tape.Reset(unit, header.delimiters);
  AddIsaSegment(header, out.tape);
  const TokenizerResult result =
      tokenizer_.Run(out.tape, header.length, X12TokenizerOptions(options_.unwrap_line_breaks));
  if (result.stop == TokenizerStop::kLineBreakInSegment) {
    --interchanges_;
    return ReadUnwrapped(start, out);
  }
  out.file_length = result.end;
  out.offsets = OffsetMap(start);
  out.envelope = ValidateEnvelope(out.tape, out.offsets, out.findings, PartOf(start, start + result.end));
  if (result.stop == TokenizerStop::kEndOfInput && unit.size() < file_.size() - start) {
    Finding& f = out.findings.emplace_back(FileFinding(Severity::kError, "TOO-LARGE", start,
                                                       "interchange is larger than 4 GiB, which wharf cannot read"));
    f.interchange_control = std::string(out.envelope.control_number);
    position_ = file_.size();
    return true;
  }
  position_ = start + result.end;
  return true;
}

bool InterchangeReader::ReadUnwrapped(size_t start, Interchange& out) {
  const std::string_view rest = file_.substr(start);
  // The element separator is byte 4 even in a wrapped header; the terminator needs an unwrapped look.
  PaddedBuffer head;
  size_t head_length = 0;
  const IsaParse head_parse = ParseWrappedIsaHeader(rest, head, head_length);
  if (!head_parse.ok) {
    Finding f = FileFinding(Severity::kError, head_parse.ta1_code, start,
                            "cannot read the ISA header (line breaks removed): " + head_parse.problem);
    f.level = AckLevel::kTa1;
    file_findings_.push_back(std::move(f));
    position_ = FindNextHeader(start + 3);
    return Next(out);
  }
  UnwrappedCopy copy = Unwrap(rest, head_parse.header.delimiters.element, head_parse.header.delimiters.segment);
  out.findings.clear();
  out.ordinal = ++interchanges_;
  out.file_offset = start;
  out.file_length = copy.consumed;
  out.unwrapped = std::move(copy.bytes);
  const std::string_view unit = out.unwrapped.view();
  out.header = ParseIsaHeader(unit).header;
  out.tape.Reset(unit, out.header.delimiters);
  AddIsaSegment(out.header, out.tape);
  tokenizer_.Run(out.tape, out.header.length, X12TokenizerOptions(false));
  const size_t line_breaks = copy.removed.size();
  out.offsets = OffsetMap(start, std::move(copy.removed));
  out.envelope = ValidateEnvelope(out.tape, out.offsets, out.findings, PartOf(start, start + copy.consumed));
  out.findings.push_back(WrappedFinding(start, line_breaks, out.envelope.control_number));
  position_ = start + copy.consumed;
  return true;
}

}  // namespace wharf::x12
