// CSV to JSON Lines: keys rendered once from the header, values written straight from the input.
#include "translate/csv_json.h"

#include <cstring>

#include "json/json_text.h"

namespace wharf {

void CsvJsonWriter::TakeHeader(const flat::CsvBatch& batch) {
  header_taken_ = true;
  for (uint32_t i = 0; i < batch.record_ends[0]; ++i) {
    OutputBuffer key;
    AppendJsonString(key, batch.Value(batch.fields[i], scratch_));
    key.push_back(':');
    keys_.emplace_back(key.view());
  }
}

const std::string& CsvJsonWriter::KeyFor(size_t field) {
  while (keys_.size() <= field) {
    keys_.push_back("\"" + std::to_string(keys_.size() + 1) + "\":");
  }
  return keys_[field];
}

void CsvJsonWriter::Append(const flat::CsvBatch& batch, OutputBuffer& out) {
  size_t record = 0;
  if (header_ && !header_taken_ && batch.records() > 0) {
    TakeHeader(batch);
    record = 1;
  }
  const char* bytes = batch.bytes.data();
  for (; record < batch.records(); ++record) {
    const uint32_t first = batch.RecordBegin(record), end = batch.record_ends[record];
    out.push_back(header_ ? '{' : '[');
    for (uint32_t i = first; i < end; ++i) {
      const flat::CsvField& field = batch.fields[i];
      if (i != first) out.push_back(',');
      if (header_) out.append(KeyFor(i - first));
      if (field.kind == flat::CsvField::Kind::kQuotedWithDoubledQuotes) {
        AppendJsonString(out, batch.Value(field, scratch_));
        continue;
      }
      // The value lies in the padded input, so the 16-byte copies of the fast writer are safe.
      char* o = out.Reserve(6 * size_t{field.length} + 18);
      out.Commit(WriteJsonStringFromPadded(o, bytes + field.begin, field.length));
    }
    out.push_back(header_ ? '}' : ']');
    out.push_back('\n');
  }
}

}  // namespace wharf
