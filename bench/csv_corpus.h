// A generator of large, realistic CSV files for benchmarks: an order-line export as a retailer's
// system writes it (RFC 4180, CR LF, a header, 14 columns), with quoted fields holding commas,
// doubled quotes and line breaks. Deterministic for a given seed; every record has every field.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace wharf::bench {

struct CsvCorpusOptions {
  size_t target_bytes = 8u << 20;
  uint32_t seed = 20261129;
};

struct CsvCorpus {
  std::string text;
  uint64_t records = 0;  // data records, the header not counted
};

CsvCorpus GenerateCsvCorpus(const CsvCorpusOptions& options);

}  // namespace wharf::bench
