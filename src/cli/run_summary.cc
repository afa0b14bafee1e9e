// Summary formatting.
#include "cli/run_summary.h"

#include <cstdio>

namespace wharf::cli {
namespace {

std::string Plural(size_t n, const char* noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

}  // namespace

std::string FormatBytes(uint64_t bytes) {
  char text[32];
  if (bytes < 1000) {
    std::snprintf(text, sizeof text, "%llu B", static_cast<unsigned long long>(bytes));
  } else if (bytes < 1000 * 1000) {
    std::snprintf(text, sizeof text, "%.1f kB", static_cast<double>(bytes) / 1e3);
  } else if (bytes < 1000ull * 1000 * 1000) {
    std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / 1e6);
  } else {
    std::snprintf(text, sizeof text, "%.2f GB", static_cast<double>(bytes) / 1e9);
  }
  return text;
}

std::string FormatRate(uint64_t bytes, std::chrono::steady_clock::duration elapsed) {
  const double seconds = std::chrono::duration<double>(elapsed).count();
  char text[32];
  std::snprintf(text, sizeof text, "%.0f MB/s", seconds > 0 ? static_cast<double>(bytes) / 1e6 / seconds : 0.0);
  return text;
}

std::string SummarizeFile(const FileTally& file, std::chrono::steady_clock::duration elapsed) {
  char ms[32];
  std::snprintf(ms, sizeof ms, "%.2f ms", std::chrono::duration<double, std::milli>(elapsed).count());
  // A rate over a few kilobytes measures the clock, not wharf: it is shown from 1 MB on.
  const std::string rate = file.bytes >= 1000 * 1000 ? " (" + FormatRate(file.bytes, elapsed) + ")" : "";
  if (file.csv) {
    return file.name + ": " + Plural(file.records, "record") + ", " + Plural(file.errors, "error") + ", " +
           Plural(file.warnings, "warning") + "; " + FormatBytes(file.bytes) + " in " + ms + rate;
  }
  // X12 counts transaction sets, EDIFACT messages; a file of both says both.
  std::string documents = Plural(file.transaction_sets, "transaction set");
  if (file.messages != 0) {
    documents = file.transaction_sets != 0 ? documents + ", " + Plural(file.messages, "message")
                                           : Plural(file.messages, "message");
  }
  return file.name + ": " + Plural(file.interchanges, "interchange") + " (" + std::to_string(file.valid_interchanges) +
         " valid), " + documents + ", " + Plural(file.segments, "segment") + ", " + Plural(file.errors, "error") + ", " +
         Plural(file.warnings, "warning") + "; " + FormatBytes(file.bytes) + " in " + ms + rate;
}

}  // namespace wharf::cli
