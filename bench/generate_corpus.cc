// wharf-generate-corpus: writes a generated X12 (or, with --edifact, UN/EDIFACT D96A) corpus for
// end-to-end runs and peer comparisons; --single-interchange writes one interchange (X12 ship
// notices, EDIFACT orders) of that size, as a large batch sent at once; --csv writes an order-line
// CSV export instead.
//   wharf-generate-corpus --bytes 104857600 [--seed N] [--single-profile] [--single-interchange] [--edifact | --csv] [--first-control N] OUT
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "core/atomic_file.h"
#include "csv_corpus.h"
#include "edifact_corpus.h"
#include "x12_corpus.h"

constexpr const char* kUsage =
    "usage: wharf-generate-corpus --bytes N [--seed N] [--single-profile] [--single-interchange] [--edifact | --csv] "
    "[--first-control N] OUT\n";

int main(int argc, char** argv) {
  wharf::bench::X12CorpusOptions options;
  const char* out = nullptr;
  bool edifact = false, csv = false;
  uint64_t first_control = 0;  // 0: each generator's own default
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--bytes") == 0 && i + 1 < argc) {
      options.target_bytes = std::strtoull(argv[++i], nullptr, 10);
    } else if (std::strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
      options.seed = static_cast<uint32_t>(std::strtoul(argv[++i], nullptr, 10));
    } else if (std::strcmp(argv[i], "--first-control") == 0 && i + 1 < argc) {
      first_control = std::strtoull(argv[++i], nullptr, 10);
    } else if (std::strcmp(argv[i], "--csv") == 0) {
      csv = true;
    } else if (std::strcmp(argv[i], "--edifact") == 0) {
      edifact = true;
    } else if (std::strcmp(argv[i], "--single-interchange") == 0) {
      options.single_interchange = true;
    } else if (std::strcmp(argv[i], "--single-profile") == 0) {
      options.single_profile = true;
    } else if (argv[i][0] != '-' && out == nullptr) {
      out = argv[i];
    } else {
      std::fputs(kUsage, stderr);
      return 2;
    }
  }
  if (out == nullptr) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  std::string corpus;
  if (csv) {
    corpus = wharf::bench::GenerateCsvCorpus({options.target_bytes, options.seed}).text;
  } else if (edifact) {
    wharf::bench::EdifactCorpusOptions edifact_options;
    edifact_options.target_bytes = options.target_bytes;
    edifact_options.seed = options.seed;
    edifact_options.single_profile = options.single_profile;
    edifact_options.single_interchange = options.single_interchange;
    if (first_control != 0) edifact_options.first_control = first_control;
    corpus = wharf::bench::GenerateEdifactCorpus(edifact_options);
  } else {
    if (first_control != 0) options.first_control = first_control;
    corpus = wharf::bench::GenerateX12Corpus(options);
  }
  const wharf::Status written = wharf::WriteFileAtomically(out, corpus);
  if (!written.ok()) {
    std::fprintf(stderr, "wharf-generate-corpus: %s\n", written.message().c_str());
    return 2;
  }
  return 0;
}
