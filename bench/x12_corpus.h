// A generator of large, realistic X12 corpora for benchmarks: 850 purchase orders, 810 invoices
// and 856 ship notices, in interchanges from several trading-partner profiles (delimiters, line
// endings), all envelope-valid. Deterministic for a given seed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace wharf::bench {

struct X12Profile {
  char element = '*';
  char component = ':';
  char repetition = '^';  // 'U' writes a 00401 header without one
  char segment = '~';
  const char* line_ending = "\n";  // written after each terminator
};

struct X12CorpusOptions {
  size_t target_bytes = 8u << 20;
  uint32_t seed = 20261129;
  // When set, every interchange uses this profile; otherwise they rotate through several
  // partners' profiles (including control-character delimiters and CR/LF).
  bool single_profile = false;
  // Interchange n comes from partner PARTNER<n % 7> with ISA13 first_control + n / 7, so each
  // partner's control numbers run without gaps; later files of a batch start higher.
  uint64_t first_control = 1;
  // One interchange of one group of ship notices (856) up to target_bytes, as a large batch
  // sent at once: the pipeline then cuts inside the interchange.
  bool single_interchange = false;
  X12Profile profile;
};

std::string GenerateX12Corpus(const X12CorpusOptions& options);

}  // namespace wharf::bench
