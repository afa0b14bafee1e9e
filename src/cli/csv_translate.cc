// CSV input for 'wharf translate': the dialect options and the batch loop.
#include "cli/csv_translate.h"

#include <ostream>

#include "core/bytes.h"
#include "diagnostics/finding_format.h"
#include "translate/csv_json.h"

namespace wharf::cli {

std::vector<OptionSpec> CsvOptionSpecs() {
  return {{"--from", "", true}, {"--csv-delimiter", "", true}, {"--csv-quote", "", true}, {"--csv-no-header", "", false}};
}

const char* const kCsvOptionsHelp =
    "  --from FORMAT       input format: edi (X12 and EDIFACT, told apart by content; the default) or csv\n"
    "  --csv-delimiter C   CSV field delimiter: one character, or 'tab' (default ',')\n"
    "  --csv-quote C       CSV quote character (default '\"')\n"
    "  --csv-no-header     the first CSV record is data: each record becomes a JSON array, not an object\n";

namespace {

Result<char> OneCharacter(const Arguments& parsed, const char* option, char fallback) {
  const std::optional<std::string> value = parsed.value(option);
  if (!value) return fallback;
  if (*value == "tab") return '\t';
  if (value->size() != 1) {
    return Status::InvalidArgument(std::string(option) + " takes one character (or 'tab'), not '" + *value + "'");
  }
  return (*value)[0];
}

}  // namespace

Result<flat::CsvDialect> CsvDialectFrom(const Arguments& parsed) {
  flat::CsvDialect dialect;
  Result<char> delimiter = OneCharacter(parsed, "--csv-delimiter", dialect.delimiter);
  if (!delimiter.ok()) return delimiter.status();
  Result<char> quote = OneCharacter(parsed, "--csv-quote", dialect.quote);
  if (!quote.ok()) return quote.status();
  dialect.delimiter = *delimiter;
  dialect.quote = *quote;
  dialect.header = !parsed.has("--csv-no-header");
  if (Status valid = dialect.Validate(); !valid.ok()) return valid;
  return dialect;
}

Result<FileTally> TranslateCsvFile(const std::string& path, const flat::CsvDialect& dialect, bool include_warnings,
                                   std::ostream& findings_out, OutputBuffer& json,
                                   const std::function<void()>& flush) {
  // Mapped batch by batch: pages are faulted in ahead of the reader and dropped behind it.
  Result<PaddedBuffer> bytes = ReadInputFile(path, /*populate=*/false);
  if (!bytes.ok()) return bytes.status();
  FileTally tally;
  tally.csv = true;
  tally.name = path == "-" ? "<stdin>" : path;
  tally.bytes = bytes->size();
  flat::CsvReader reader(bytes->view(), dialect);
  CsvJsonWriter writer(dialect.header);
  flat::CsvBatch batch;
  // Lines are counted batch by batch, so that a finding's line never needs the whole file.
  uint64_t counted_to = 0, line = 1, column = 1;
  auto count_lines_to = [&](uint64_t offset) {
    AdvanceLineAndColumn(bytes->view().substr(counted_to, offset - counted_to), line, column);
    counted_to = offset;
  };
  auto print_findings = [&](std::string_view bytes_read, uint64_t offset) {
    LineIndex lines(bytes_read, offset, line, column);
    for (const Finding& finding : reader.TakeFindings()) {
      ++(finding.is_error() ? tally.errors : tally.warnings);
      if (include_warnings || finding.is_error()) findings_out << FormatFinding(tally.name, "-", finding, lines) << '\n';
    }
  };
  constexpr size_t kFlushBytes = 1 << 20;
  uint64_t next = 0;  // where the next batch starts
  for (;;) {
    bytes->Prefault(next, next + 2 * flat::CsvReader::kDefaultBatchBytes);
    if (!reader.Next(batch)) break;
    count_lines_to(batch.file_offset);
    print_findings(batch.bytes, batch.file_offset);
    writer.Append(batch, json);
    if (json.size() >= kFlushBytes) flush();
    const uint64_t end = batch.file_offset + batch.bytes.size();
    count_lines_to(end);  // while the batch's pages are still in
    bytes->DropPages(next, end);
    next = end;
  }
  count_lines_to(next);
  print_findings(bytes->view().substr(next), next);
  tally.records = reader.records_read();
  return tally;
}

}  // namespace wharf::cli
