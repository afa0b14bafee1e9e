// EDIFACT interchange discovery and tokenizing in place.
#include "edifact/reader.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "core/bytes.h"
#include "core/padded_buffer.h"

namespace wharf::edifact {
namespace {

constexpr size_t kLargestInterchange = std::numeric_limits<uint32_t>::max() - kInputPadding;



Finding FileFinding(Severity severity, AckLevel level, std::string code, uint64_t offset, std::string message) {
  Finding f;
  f.severity = severity;
  f.standard = Standard::kEdifact;
  f.level = level;
  f.code = std::move(code);
  f.file_offset = offset;
  f.message = std::move(message);
  return f;
}

// A line break inside a segment means the file was wrapped at a fixed line length (seen from
// mainframe and VAN mailboxes): the interchange is read again from a copy without its CR/LF.
bool IsAlphanumeric(char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

TokenizerOptions EdifactTokenizerOptions(bool stop_at_line_break) {
  TokenizerOptions options;
  options.trailer_tag = "UNZ";
  options.header_tags = {"UNA", "UNB"};
  options.stop_at_line_break = stop_at_line_break;
  options.opens_with_header = true;
  return options;
}

// UNB S001 0002, read before tokenizing (it decides whether there is a repetition separator):
// "UNB+UNOC:4+..." with the element and component separators in force.
int PeekSyntaxVersion(std::string_view unb, const Delimiters& d) {
  if (unb.size() < 5 || unb[3] != d.element) return 0;
  const size_t component = unb.substr(4, 16).find(d.component);
  if (component == std::string_view::npos) return 0;
  const char version = unb[4 + component + 1];
  return version >= '1' && version <= '9' ? version - '0' : 0;
}

struct UnwrappedCopy {
  PaddedBuffer bytes;
  std::vector<uint32_t> removed;  // copy offsets where a line-break byte was dropped
  size_t consumed = 0;            // bytes of the original the copy covers
};

// Copies one interchange from its UNB without CR and LF bytes, up to and including the UNZ
// segment, or up to the next UNA/UNB, or the end of the input. Line breaks that are service
// characters themselves stay.
UnwrappedCopy Unwrap(std::string_view from_unb, const Delimiters& d) {
  auto is_delimiter = [&](char c) {
    return c == d.segment || c == d.element || c == d.component || (d.release && c == *d.release);
  };
  UnwrappedCopy copy;
  std::string out;
  out.reserve(std::min<size_t>(from_unb.size(), 1 << 20));
  size_t segment_out = 0;  // where the current segment starts in `out`
  size_t segment_in = 0;   // ... and in the input
  bool released = false;
  size_t i = 0;
  const char release = d.release.value_or(d.segment);
  for (; i < from_unb.size() && out.size() < kLargestInterchange; ++i) {
    if (out.size() >= segment_out + 4 && !released) {
      // Past a segment's tag only a line break, the terminator or the release character
      // matters: the bytes before the next one are copied at once.
      const size_t next = std::min(FindAnyOf(from_unb, i, '\r', '\n', d.segment, release),
                                   i + (kLargestInterchange - out.size()));
      out.append(from_unb.substr(i, next - i));
      i = next;
      if (i == from_unb.size() || out.size() >= kLargestInterchange) break;
    }
    const char c = from_unb[i];
    if (IsLineBreak(c) && !is_delimiter(c)) {
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
    // The next interchange may use other service characters: UNA followed by anything, or UNB
    // by any separator, starts it.
    if (segment_out > 0 && out.size() == segment_out + 3 &&
        ((out.compare(segment_out, 3, "UNB") == 0 && !IsAlphanumeric(c)) || out.compare(segment_out, 3, "UNA") == 0)) {
      out.resize(segment_out);  // the next interchange starts here
      while (!copy.removed.empty() && copy.removed.back() > out.size()) copy.removed.pop_back();
      copy.consumed = segment_in;
      copy.bytes = PaddedBuffer::Copy(out);
      return copy;
    }
    out.push_back(c);
    if (released) {
      released = false;
    } else if (d.release && c == *d.release) {
      released = true;
    } else if (c == d.segment) {
      const std::string_view segment = std::string_view(out).substr(segment_out);
      segment_out = out.size();
      if (segment.size() > 4 && segment.compare(0, 3, "UNZ") == 0 && segment[3] == d.element) {
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

std::string Interchange::Label() const {
  std::string reference(envelope.control_reference);
  if (service.delimiters.release && reference.find(*service.delimiters.release) != std::string::npos) {
    reference.clear();
    AppendUnescaped(envelope.control_reference, *service.delimiters.release, reference);
  }
  if (!reference.empty() && reference.size() <= 14) return reference;
  return "#" + std::to_string(ordinal);
}

InterchangeReader::InterchangeReader(std::string_view file, ReaderOptions options)
    : file_(file), options_(options), tokenizer_(options.scan_kernel), position_(options.begin),
      interchanges_(options.ordinals_before) {
  if (position_ == 0 && file_.substr(0, 3) == "\xEF\xBB\xBF") {
    file_findings_.push_back(
        FileFinding(Severity::kWarning, AckLevel::kNone, "BOM", 0, "UTF-8 byte order mark ignored"));
    position_ = 3;
  }
}

size_t InterchangeReader::FindNextHeader(size_t from) const {
  for (size_t at = FindHeaderTag(file_, from, false, true); at < file_.size();
       at = FindHeaderTag(file_, at + 1, false, true)) {
    if (LooksLikeEdifact(file_.substr(at))) return at;
  }
  return file_.size();
}

void InterchangeReader::ReportStray(size_t from, size_t to) {
  const std::string_view stray = file_.substr(from, to - from);
  if (std::all_of(stray.begin(), stray.end(), [](char c) { return IsFiller(c) || IsBlank(c); })) {
    file_findings_.push_back(FileFinding(Severity::kWarning, AckLevel::kNone, "FILLER", from,
                                         std::to_string(stray.size()) + " bytes of NUL/EOF filler ignored"));
    return;
  }
  file_findings_.push_back(FileFinding(Severity::kError, AckLevel::kNone, "NOT-EDIFACT", from,
                                       std::to_string(stray.size()) + " bytes outside any interchange (starts with '" +
                                           PreviewBytes(stray) + "')"));
}

bool InterchangeReader::Next(Interchange& out) {
  for (;;) {
    while (position_ < file_.size() && IsBlank(file_[position_])) ++position_;
    if (position_ >= file_.size()) return false;
    const std::string_view rest = file_.substr(position_);
    if (!LooksLikeEdifact(rest)) {
      const size_t next = FindNextHeader(position_ + 1);
      ReportStray(position_, next);
      position_ = next;
      continue;
    }
    const size_t start = position_;
    ServiceString service;
    size_t unb = start;
    if (rest[2] == 'A') {
      const ServiceStringParse parse = ParseServiceString(rest);
      unb = start + std::min(kUnaLength, rest.size());
      while (unb < file_.size() && IsBlank(file_[unb])) ++unb;
      const bool unb_follows = file_.substr(unb, 3) == "UNB";
      if (!parse.ok || !unb_follows) {
        const std::string why = !parse.ok ? parse.problem : "UNA is not followed by UNB";
        Finding f = FileFinding(Severity::kError, AckLevel::kTa1, "22", start,
                                "cannot read the service string advice: " + why +
                                    (unb_follows ? "; the interchange is read with the default separators" : ""));
        f.segment_tag = "UNA";
        f.segment_ordinal = 1;
        if (unb_follows) {
          una_finding_ = std::move(f);  // the interchange's own: its CONTRL rejects it
        } else {
          file_findings_.push_back(std::move(f));
        }
        if (!unb_follows) {
          position_ = FindNextHeader(start + 3);
          continue;
        }
        service = DefaultServiceString(file_.substr(unb));
      } else {
        service = parse.service;
      }
    } else {
      service = DefaultServiceString(rest);
    }
    // Before syntax 4 UNA's fifth character is reserved: nothing repeats.
    if (PeekSyntaxVersion(file_.substr(unb), service.delimiters) < 4) service.delimiters.repetition.reset();
    return ReadAt(start, unb, service, out);
  }
}

EnvelopeOptions InterchangeReader::PartOf(size_t start, size_t end) const {
  EnvelopeOptions part;
  if (start == options_.begin) part.copied_segments = options_.copied_segments;
  part.open_end = options_.continues && end >= file_.size();
  return part;
}

bool InterchangeReader::ReadAt(size_t start, size_t unb, const ServiceString& service, Interchange& out) {
  out.findings.clear();
  out.unwrapped = PaddedBuffer();
  out.ordinal = ++interchanges_;
  out.file_offset = start;
  out.service = service;
  out.una = service.from_una ? file_.substr(start, kUnaLength) : std::string_view();
  const std::string_view unit = file_.substr(unb, kLargestInterchange);
  out.tape.Reset(unit, service.delimiters);
  const bool line_breaks_are_data = service.delimiters.segment == '\n' || service.delimiters.segment == '\r';
  const TokenizerResult result =
      tokenizer_.Run(out.tape, 0, EdifactTokenizerOptions(options_.unwrap_line_breaks && !line_breaks_are_data));
  if (result.stop == TokenizerStop::kLineBreakInSegment) {
    --interchanges_;
    return ReadUnwrapped(start, unb, service, out);
  }
  out.file_length = unb - start + result.end;
  out.offsets = OffsetMap(unb);
  if (out.tape.segment_count() == 0) {  // cannot happen: UNB itself is a segment
    position_ = unb + result.end;
    return Next(out);
  }
  out.envelope = ValidateEnvelope(out.tape, out.offsets, out.findings, PartOf(start, unb + result.end));
  if (result.stop == TokenizerStop::kEndOfInput && unit.size() < file_.size() - unb) {
    out.findings.push_back(FileFinding(Severity::kError, AckLevel::kNone, "TOO-LARGE", start,
                                       "interchange is larger than 4 GiB, which wharf cannot read"));
    position_ = file_.size();
    return true;
  }
  position_ = unb + result.end;
  AdoptUnaFinding(out);
  return true;
}

void InterchangeReader::AdoptUnaFinding(Interchange& out) {
  if (!una_finding_) return;
  una_finding_->interchange_control = std::string(out.envelope.control_reference);
  out.findings.insert(out.findings.begin(), std::move(*una_finding_));
  una_finding_.reset();
}

}  // namespace wharf::edifact

namespace wharf::edifact {

Finding WrappedFinding(uint64_t offset, size_t line_breaks, std::string_view control_reference) {
  Finding f = FileFinding(Severity::kWarning, AckLevel::kNone, "WRAPPED", offset,
                          "line breaks inside segments: the interchange was read with its " + std::to_string(line_breaks) +
                              " CR/LF bytes removed (a file wrapped at a fixed line length)");
  f.interchange_control = std::string(control_reference);
  f.segment_ordinal = 1;
  return f;
}

bool InterchangeReader::ReadUnwrapped(size_t start, size_t unb, const ServiceString& service, Interchange& out) {
  UnwrappedCopy copy = Unwrap(file_.substr(unb), service.delimiters);
  out.findings.clear();
  out.ordinal = ++interchanges_;
  out.file_offset = start;
  out.file_length = unb - start + copy.consumed;
  out.service = service;
  out.una = service.from_una ? file_.substr(start, kUnaLength) : std::string_view();
  out.unwrapped = std::move(copy.bytes);
  out.tape.Reset(out.unwrapped.view(), service.delimiters);
  tokenizer_.Run(out.tape, 0, EdifactTokenizerOptions(false));
  const size_t line_breaks = copy.removed.size();
  out.offsets = OffsetMap(unb, std::move(copy.removed));
  out.envelope = ValidateEnvelope(out.tape, out.offsets, out.findings, PartOf(start, unb + copy.consumed));
  out.findings.push_back(WrappedFinding(start, line_breaks, out.envelope.control_reference));
  position_ = unb + copy.consumed;
  AdoptUnaFinding(out);
  return true;
}

}  // namespace wharf::edifact
