// Bad input never crashes: thousands of truncated, mutated and spliced variants of real files go
// through the reader, the envelope validator and the JSON writer (under ASan and UBSan in the
// test build), and every interchange they yield has findings or valid JSON.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "core/padded_buffer.h"
#include "support/json_check.h"
#include "support/mutations.h"
#include "support/test_files.h"
#include "translate/x12_json.h"
#include "x12/reader.h"

namespace wharf {
namespace {

std::vector<std::string> Seeds() {
  std::vector<std::string> seeds;
  for (const char* folder : {"tests/x12/fixtures", "tests/corpus/staedi/x12"}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(testing::SourcePath(folder))) {
      if (entry.path().extension() == ".edi") seeds.push_back(testing::ReadBytes(entry.path()));
    }
  }
  return seeds;
}

// Reads every interchange of `bytes`; valid ones must translate to parseable JSON.
void ReadAll(const std::string& bytes, ScanKernel kernel) {
  const PaddedBuffer buffer = PaddedBuffer::Copy(bytes);
  x12::ReaderOptions options;
  options.scan_kernel = kernel;
  x12::InterchangeReader reader(buffer.view(), options);
  x12::Interchange interchange;
  size_t interchanges = 0;
  while (reader.Next(interchange)) {
    ASSERT_LT(++interchanges, bytes.size() + 2) << "the reader must always move forward";
    OutputBuffer json;
    AppendInterchangeJson(interchange, "fuzz", json);  // invalid ones too: must not crash
    if (interchange.valid()) {
      ASSERT_NO_THROW(testing::ParseJson(json.view()));
    }
  }
  reader.TakeFileFindings();
}

TEST(Robustness, MutatedTruncatedAndSplicedFilesNeverCrash) {
  const std::vector<std::string> seeds = Seeds();
  ASSERT_GT(seeds.size(), 40u);
  std::mt19937 random(7);
  const std::string interesting = "~*:^>\n\r ISAIEAGSGESTSEBIN0123456789\x1c\x1d\xE2\x80\xA6";
  for (int round = 0; round < 20000; ++round) {
    const std::string bytes =
        testing::Mutate(seeds[random() % seeds.size()], round % testing::kMutationKinds, seeds, interesting, random);
    ASSERT_NO_FATAL_FAILURE(ReadAll(bytes, SupportedScanKernels()[round % SupportedScanKernels().size()]))
        << "round " << round;
  }
}

}  // namespace
}  // namespace wharf
