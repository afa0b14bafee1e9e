// A whole input file read, split into interchanges, tokenized and envelope-validated.
#pragma once

#include <string>
#include <vector>

#include "core/padded_buffer.h"
#include "core/status.h"
#include "x12/reader.h"

namespace wharf::cli {

struct CheckedFile {
  std::string name;  // as the user gave it; standard input is "<stdin>"
  PaddedBuffer bytes;
  std::vector<x12::Interchange> interchanges;
  Findings file_findings;

  size_t error_count() const;
  size_t warning_count() const;
  size_t transaction_set_count() const;
};

Result<CheckedFile> CheckFile(const std::string& path, const x12::ReaderOptions& options);

// Every finding of the file, in file order, formatted one per line.
std::vector<std::string> FormatFindings(const CheckedFile& file, bool include_warnings);

}  // namespace wharf::cli
