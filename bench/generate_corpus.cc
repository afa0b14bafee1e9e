// wharf-generate-corpus: writes a generated X12 corpus for end-to-end runs and peer comparisons.
//   wharf-generate-corpus --bytes 104857600 [--seed N] [--single-profile] OUT
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "core/atomic_file.h"
#include "x12_corpus.h"

int main(int argc, char** argv) {
  wharf::bench::X12CorpusOptions options;
  const char* out = nullptr;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--bytes") == 0 && i + 1 < argc) {
      options.target_bytes = std::strtoull(argv[++i], nullptr, 10);
    } else if (std::strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
      options.seed = static_cast<uint32_t>(std::strtoul(argv[++i], nullptr, 10));
    } else if (std::strcmp(argv[i], "--single-profile") == 0) {
      options.single_profile = true;
    } else if (argv[i][0] != '-' && out == nullptr) {
      out = argv[i];
    } else {
      std::fprintf(stderr, "usage: wharf-generate-corpus --bytes N [--seed N] [--single-profile] OUT\n");
      return 2;
    }
  }
  if (out == nullptr) {
    std::fprintf(stderr, "usage: wharf-generate-corpus --bytes N [--seed N] [--single-profile] OUT\n");
    return 2;
  }
  const wharf::Status written = wharf::WriteFileAtomically(out, wharf::bench::GenerateX12Corpus(options));
  if (!written.ok()) {
    std::fprintf(stderr, "wharf-generate-corpus: %s\n", written.message().c_str());
    return 2;
  }
  return 0;
}
