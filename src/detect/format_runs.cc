// Finding where X12 and EDIFACT interchanges start.
#include "detect/format_runs.h"

#include <algorithm>

#include "core/bytes.h"
#include "edifact/syntax.h"
#include "x12/isa_header.h"

namespace wharf {
namespace {

bool IsAlphanumeric(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

// A header can only start a file, follow whitespace or follow a segment terminator; a letter or
// digit before it means the three letters are data.
bool AtSegmentStart(std::string_view file, size_t at) { return at == 0 || !IsAlphanumeric(file[at - 1]); }

bool IsX12Header(std::string_view file, size_t at) {
  return AtSegmentStart(file, at) && x12::LooksLikeIsa(file.substr(at)) && x12::ParseIsaHeader(file.substr(at)).ok;
}

// UNA followed by UNB, or UNB followed by a separator and four letters (the syntax identifier).
bool IsEdifactHeader(std::string_view file, size_t at) {
  if (!AtSegmentStart(file, at) || !edifact::LooksLikeEdifact(file.substr(at))) return false;
  size_t unb = at;
  if (file[at + 2] == 'A') {
    unb = std::min(at + edifact::kUnaLength, file.size());
    while (unb < file.size() && IsBlank(file[unb])) ++unb;
    return file.substr(unb, 3) == "UNB";
  }
  // A UNB right after a UNA belongs to the UNA's interchange, which starts at the UNA.
  size_t before = at;
  while (before > 0 && IsBlank(file[before - 1])) --before;
  if (before >= edifact::kUnaLength && file.substr(before - edifact::kUnaLength, 3) == "UNA") return false;
  // The whole shape of S001, "UNB+UNOC:3+" with any separators, so that "UNB" in X12 data
  // ("N1*ST*UNB FREDERICTON CAMPUS") never starts an EDIFACT run.
  // (or "UNB+UNOC+" when the version is missing, which the reader reports).
  const std::string_view head = file.substr(unb, 11);
  if (head.size() < 9) return false;
  const char element = head[3], component = head[8];
  const bool letters = std::all_of(head.begin() + 4, head.begin() + 8, [](char c) { return c >= 'A' && c <= 'Z'; });
  if (!letters) return false;
  if (component == element) return true;
  return head.size() == 11 && !IsAlphanumeric(component) && head[9] >= '1' && head[9] <= '9' && head[10] == element;
}

// The first header of the standards asked for at or after `from`, with its standard.
size_t FindHeader(std::string_view file, size_t from, bool x12, bool edifact, Format* format) {
  while (from < file.size()) {
    const size_t at = FindHeaderTag(file, from, x12, edifact);
    if (at >= file.size()) return file.size();
    const Format found = file[at] == 'I' ? Format::kX12 : Format::kEdifact;
    if (found == Format::kX12 ? IsX12Header(file, at) : IsEdifactHeader(file, at)) {
      if (format != nullptr) *format = found;
      return at;
    }
    from = at + 1;
  }
  return file.size();
}

}  // namespace

size_t FindInterchangeHeader(std::string_view file, size_t from, Format format) {
  return FindHeader(file, from, format == Format::kX12, format == Format::kEdifact, nullptr);
}

size_t FindAnyInterchangeHeader(std::string_view file, size_t from, Format* format) {
  return FindHeader(file, from, true, true, format);
}

std::vector<HeaderAt> FindHeaders(std::string_view file, size_t from, size_t to) {
  std::vector<HeaderAt> headers;
  // Tags are looked for only where a header may start; each is recognised from all of `file`, as
  // a search of the whole would (a UNA's UNB may stand any number of blanks later).
  const std::string_view tags = to < file.size() ? file.substr(0, std::min(file.size(), to + 2)) : file;
  for (size_t at = FindHeaderTag(tags, from, true, true); at < tags.size();) {
    const Format format = file[at] == 'I' ? Format::kX12 : Format::kEdifact;
    if (format == Format::kX12 ? IsX12Header(file, at) : IsEdifactHeader(file, at)) {
      headers.push_back({at, format});
      at += 3;  // as FindAnyInterchangeHeader's finds follow one another
    } else {
      ++at;
    }
    at = FindHeaderTag(tags, at, true, true);
  }
  return headers;
}

FormatSplit SplitByFormat(std::string_view file) { return SplitByFormat(file, FindHeaders(file)); }

FormatSplit SplitByFormat(std::string_view file, std::span<const HeaderAt> headers) {
  FormatSplit split;
  size_t begin = 0;
  if (file.substr(0, 3) == "\xEF\xBB\xBF") {
    Finding& f = split.findings.emplace_back();
    f.severity = Severity::kWarning;
    f.code = "BOM";
    f.message = "UTF-8 byte order mark ignored";
    begin = 3;
  }
  if (std::all_of(file.begin() + static_cast<std::ptrdiff_t>(begin), file.end(), IsBlank)) {
    Finding& f = split.findings.emplace_back();
    f.code = "EMPTY";
    f.message = file.empty() ? "the file is empty" : "the file holds only whitespace";
    return split;
  }
  // The first header at or after `from` (file.size() when none), and its standard.
  size_t next = 0;  // index in `headers` of the first one not yet passed
  const auto first_from = [&](size_t from, Format* format) {
    while (next < headers.size() && headers[next].at < from) ++next;
    if (next == headers.size()) return file.size();
    *format = headers[next].format;
    return headers[next].at;
  };
  Format format = Format::kX12;  // of the run being read (X12 when there is no header at all)
  size_t header = first_from(begin, &format);  // the run's own first header
  // A file that opens with UNA is EDIFACT even when its UNA is broken and no UNB follows: the
  // EDIFACT reader says what is wrong with it (elsewhere "UNA" may be data, so UNB must follow).
  const size_t first_byte = static_cast<size_t>(
      std::find_if_not(file.begin() + static_cast<std::ptrdiff_t>(begin), file.end(), IsBlank) - file.begin());
  if (file.substr(first_byte, 3) == "UNA") {
    header = first_byte;
    format = Format::kEdifact;
  }
  // A run ends at the first header of the other standard.
  size_t start = begin;
  while (start < file.size()) {
    const Format other = format == Format::kX12 ? Format::kEdifact : Format::kX12;
    size_t end = file.size();
    Format found = format;
    for (size_t at = header < file.size() ? first_from(header + 3, &found) : file.size(); at < file.size();
         at = first_from(at + 3, &found)) {
      if (found == other) {
        end = at;
        break;
      }
    }
    split.runs.push_back({format, start, end});
    start = header = end;
    format = other;
  }
  return split;
}

}  // namespace wharf
