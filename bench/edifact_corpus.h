// A generator of large, realistic UN/EDIFACT corpora for benchmarks: D96A ORDERS and INVOIC in
// interchanges from several partner profiles (UNA with the default or unusual service
// characters, no UNA, decimal comma, syntax 4 with a repetition separator, UNG groups, CR/LF),
// with release characters in free text. Every message passes the D96A grammars. Deterministic for
// a given seed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace wharf::bench {

struct EdifactCorpusOptions {
  size_t target_bytes = 8u << 20;
  uint32_t seed = 20261129;
  bool single_profile = false;  // every interchange with UNA ":+.? '" and a line feed
  uint64_t first_control = 1001;  // UNB 0020 of the first interchange; the rest count up
  // One interchange of ORDERS up to target_bytes, as a large batch sent at once: the pipeline
  // then cuts inside the interchange.
  bool single_interchange = false;
};

std::string GenerateEdifactCorpus(const EdifactCorpusOptions& options);

}  // namespace wharf::bench
