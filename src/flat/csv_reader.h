// Reading CSV (RFC 4180 and its common dialects) into batches of records, without copying fields.
//
// Contract: CsvReader walks a padded input (see PaddedBuffer) front to back and hands out whole
// records a batch at a time (about `batch_bytes` of input each), so memory holds the input and
// one batch's field index whatever the number of records. A field is a span of the input; only a
// quoted field holding doubled quotes ("") is rewritten, and only when its value is read.
// Records end at a line feed (CR LF or LF) outside quotes; a quoted field may hold delimiters and
// line breaks. Empty lines are skipped, a UTF-8 byte-order mark at the start is dropped, and the
// last record may lack its line break.
//
// Bad input never stops the reader: every problem is a Finding with its byte offset, record
// number (1-based, the header is record 1; in the finding's segment_ordinal) and field (its
// element): WHARF-CSV-QUOTE for an undoubled quote inside a quoted field or text after a closing
// quote (errors) and a quote inside an unquoted field (a warning), WHARF-CSV-UNCLOSED-QUOTE for a quote never closed,
// WHARF-CSV-FIELD-COUNT for a record whose field count differs from the first record's,
// WHARF-CSV-TOO-LARGE for a record of 4 GiB or more.
// A quote that cannot open a field (one inside an unquoted field: 5" PIPE) is read as data, with
// a warning, as lenient readers do, rather than opening a quoted field that swallows the file.
//
// Stage 1 classifies 64 bytes at a time (SSE2 compares on x86-64, a portable loop elsewhere) into
// bit masks of quotes, delimiters and line feeds; a prefix XOR of the quote mask marks the bytes
// inside quotes, and the delimiters and line feeds outside them are the field ends (the Arrow CSV
// chunker's and simdjson's trick).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "diagnostics/finding.h"

namespace wharf::flat {

struct CsvDialect {
  char delimiter = ',';  // between fields: ',' ';' '\t' '|' ...
  char quote = '"';      // encloses a field; doubled inside one it stands for itself
  bool header = true;    // the first record names the fields
  // Fails when the dialect cannot be read unambiguously (delimiter and quote the same, a line
  // break as either).
  Status Validate() const;
};

struct CsvField {
  enum class Kind : uint8_t { kPlain, kQuoted, kQuotedWithDoubledQuotes };
  uint32_t begin = 0;   // offset in the batch of the value (inside the quotes for a quoted field)
  uint32_t length = 0;  // bytes of the value as written (doubled quotes still doubled)
  Kind kind = Kind::kPlain;
};

// Whole records of the input: fields in order, and where each record's fields end.
struct CsvBatch {
  std::string_view bytes;       // the batch's input, a view into the padded input
  uint64_t file_offset = 0;     // where `bytes` starts in the input
  uint64_t first_record = 0;    // record number of the batch's first record (1-based)
  char quote = '"';             // the dialect's, for Value()
  std::vector<CsvField> fields;
  std::vector<uint32_t> record_ends;  // index into `fields` one past each record's last field

  size_t records() const { return record_ends.size(); }
  uint32_t RecordBegin(size_t record) const { return record == 0 ? 0 : record_ends[record - 1]; }
  // The field's value with doubled quotes made single (written into `scratch` when needed).
  std::string_view Value(const CsvField& field, std::string& scratch) const;
};

// One bit per byte of a 64-byte block for each byte class stage 1 looks for.
struct BlockMasks {
  uint64_t quotes = 0, delimiters = 0, line_feeds = 0;
};

class CsvReader {
 public:
  static constexpr size_t kDefaultBatchBytes = 1 << 20;

  // `input` must lie in a padded buffer and stay alive while the reader is used; the dialect
  // must be valid. Batches end at the first record end past `batch_bytes`, so field offsets fit
  // 32 bits; a single record of 4 GiB ends the reading with WHARF-CSV-TOO-LARGE.
  CsvReader(std::string_view input, CsvDialect dialect, size_t batch_bytes = kDefaultBatchBytes);

  // Reads the next records into `batch` (cleared first). False once the input is exhausted.
  bool Next(CsvBatch& batch);
  // The findings of the batches read so far, in input order; the list is emptied.
  Findings TakeFindings();

  uint64_t records_read() const { return records_read_; }

 private:
  void EndField(CsvBatch& batch, uint64_t begin, uint64_t end, uint64_t last_quote);
  void EndRecord(CsvBatch& batch);
  // The bytes inside quotes of a block (an opening quote in, its closing quote out); quotes that
  // cannot open a field are taken out of `masks.quotes` and noted in stray_quotes_.
  uint64_t QuotedBytes(BlockMasks& masks, bool inside_quotes, uint64_t may_open, uint64_t block);
  void AddFinding(uint64_t offset, uint64_t record, uint32_t field, std::string_view code, std::string message,
                  Severity severity = Severity::kError);

  std::string_view input_;
  CsvDialect dialect_;
  size_t batch_bytes_;
  uint64_t position_ = 0;  // where the next batch starts
  uint64_t records_read_ = 0;
  uint32_t fields_in_record_ = 0;
  uint64_t record_begin_ = 0;     // where the record being read starts
  uint32_t expected_fields_ = 0;  // the first record's count, once known
  Findings findings_;
  std::vector<uint64_t> stray_quotes_;  // quotes read as data in this batch, in input order
  size_t next_stray_quote_ = 0;         // the first not yet reported
};

}  // namespace wharf::flat
