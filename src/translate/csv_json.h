// Translation of CSV records to JSON Lines: one JSON object per record, keyed by the header's
// field names (or one array of values per record when the dialect has no header).
//
// A record with more fields than the header names its extra fields by their 1-based position
// ("7"), as Miller does; a record with fewer writes only the fields it has. Values are strings,
// written as read (doubled quotes made single), so nothing is lost to number guessing.
#pragma once

#include <string>
#include <vector>

#include "core/output_buffer.h"
#include "flat/csv_reader.h"

namespace wharf {

class CsvJsonWriter {
 public:
  explicit CsvJsonWriter(bool header) : header_(header) {}

  // Appends one line per record of `batch`. With a header, the input's first record is taken as
  // the field names and written nowhere. Batches must come in input order.
  void Append(const flat::CsvBatch& batch, OutputBuffer& out);

 private:
  void TakeHeader(const flat::CsvBatch& batch);
  const std::string& KeyFor(size_t field);  // `"name":`, rendered once

  bool header_;
  bool header_taken_ = false;
  std::vector<std::string> keys_;
  std::string scratch_;
};

}  // namespace wharf
