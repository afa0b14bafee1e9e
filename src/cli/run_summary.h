// One-line summaries of what a command did, for people watching a terminal.
#pragma once

#include <chrono>
#include <string>

#include "cli/file_check.h"

namespace wharf::cli {

// "orders.edi: 3 interchanges (3 valid), 12 transaction sets, 240 segments, 0 errors, 1 warning; 1.2 MB in
// 3.1 ms (387 MB/s)"; for CSV "prices.csv: 1001 records, 0 errors, 0 warnings; ..."
std::string SummarizeFile(const FileTally& file, std::chrono::steady_clock::duration elapsed);

// "1.2 MB", "640 B"
std::string FormatBytes(uint64_t bytes);
// "387 MB/s"
std::string FormatRate(uint64_t bytes, std::chrono::steady_clock::duration elapsed);

}  // namespace wharf::cli
