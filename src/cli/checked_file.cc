// Reading and checking one input file.
#include "cli/checked_file.h"

#include <algorithm>

#include "cli/finding_format.h"

namespace wharf::cli {

size_t CheckedFile::error_count() const {
  size_t n = static_cast<size_t>(std::count_if(file_findings.begin(), file_findings.end(),
                                               [](const Finding& f) { return f.is_error(); }));
  for (const auto& interchange : interchanges) {
    n += static_cast<size_t>(std::count_if(interchange.findings.begin(), interchange.findings.end(),
                                           [](const Finding& f) { return f.is_error(); }));
  }
  return n;
}

size_t CheckedFile::warning_count() const {
  size_t n = file_findings.size();
  for (const auto& interchange : interchanges) n += interchange.findings.size();
  return n - error_count();
}

size_t CheckedFile::transaction_set_count() const {
  size_t n = 0;
  for (const auto& interchange : interchanges) {
    for (const auto& group : interchange.envelope.groups) n += group.sets.size();
  }
  return n;
}

Result<CheckedFile> CheckFile(const std::string& path, const x12::ReaderOptions& options) {
  Result<PaddedBuffer> bytes = ReadInputFile(path);
  if (!bytes.ok()) return bytes.status();
  CheckedFile file;
  file.name = path == "-" ? "<stdin>" : path;
  file.bytes = std::move(bytes).value();
  x12::InterchangeReader reader(file.bytes.view(), options);
  for (;;) {
    x12::Interchange interchange;
    if (!reader.Next(interchange)) break;
    file.interchanges.push_back(std::move(interchange));
  }
  file.file_findings = reader.file_findings();
  return file;
}

std::vector<std::string> FormatFindings(const CheckedFile& file, bool include_warnings) {
  struct Entry {
    const Finding* finding;
    std::string label;
  };
  std::vector<Entry> entries;
  for (const Finding& f : file.file_findings) entries.push_back({&f, "-"});
  for (const auto& interchange : file.interchanges) {
    const std::string label = interchange.Label();
    for (const Finding& f : interchange.findings) entries.push_back({&f, label});
  }
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return a.finding->file_offset < b.finding->file_offset;
  });
  LineIndex lines(file.bytes.view());
  std::vector<std::string> text;
  for (const Entry& e : entries) {
    if (!include_warnings && !e.finding->is_error()) continue;
    text.push_back(FormatFinding(file.name, e.label, *e.finding, lines));
  }
  return text;
}

}  // namespace wharf::cli
