// Translating one CSV file to JSON Lines batch by batch: findings are printed in file order, and
// memory holds the file, one batch's field index and the JSON not yet flushed.
#pragma once

#include <functional>
#include <iosfwd>
#include <string>

#include "cli/arguments.h"
#include "cli/file_check.h"
#include "core/output_buffer.h"
#include "flat/csv_reader.h"

namespace wharf::cli {

// The options that choose and describe CSV input, their help lines, and their reading: a usage
// error (a delimiter that is not one character, ...) is a failed Result.
std::vector<OptionSpec> CsvOptionSpecs();
extern const char* const kCsvOptionsHelp;
Result<flat::CsvDialect> CsvDialectFrom(const Arguments& parsed);

// Reads `path` ("-" is standard input) as CSV, prints its findings to `findings_out`, appends its
// records to `json` (one line each) and calls `flush` whenever `json` holds a megabyte or more.
// Fails only when the file cannot be read.
Result<FileTally> TranslateCsvFile(const std::string& path, const flat::CsvDialect& dialect, bool include_warnings,
                                   std::ostream& findings_out, OutputBuffer& json,
                                   const std::function<void()>& flush);

}  // namespace wharf::cli
