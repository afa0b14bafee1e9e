// Bad EDIFACT never crashes: thousands of truncated, mutated and spliced variants of the EDIFACT
// fixtures and corpus (and splices with X12 files) go through format detection, the reader, the
// envelope and grammar validators, the CONTRL builder and the JSON writer, under ASan and UBSan
// in the test build. Valid interchanges must give parseable JSON.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "core/padded_buffer.h"
#include "detect/format_runs.h"
#include "edifact/contrl_builder.h"
#include "edifact/grammar_check.h"
#include "grammar/loader.h"
#include "support/json_check.h"
#include "support/mutations.h"
#include "support/test_files.h"
#include "translate/edifact_json.h"

namespace wharf {
namespace {

std::vector<std::string> Seeds(const std::vector<const char*>& folders) {
  std::vector<std::string> seeds;
  for (const char* folder : folders) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(testing::SourcePath(folder))) {
      if (entry.path().extension() == ".edi") seeds.push_back(testing::ReadBytes(entry.path()));
    }
  }
  return seeds;
}

const grammar::GrammarRegistry& Grammars() {
  static const grammar::GrammarRegistry registry = grammar::LoadGrammars(testing::SourcePath("grammars"));
  return registry;
}

// Every EDIFACT run of `bytes`, read, validated, acknowledged and translated.
void ReadAll(const std::string& bytes, ScanKernel kernel) {
  const PaddedBuffer buffer = PaddedBuffer::Copy(bytes);
  const std::string_view file = buffer.view();
  x12::GrammarCheckOptions grammars;
  grammars.registry = &Grammars();
  x12::SequentialControlNumbers counter;
  edifact::ContrlOptions contrl;
  contrl.control_numbers = &counter;
  contrl.date = "20261129";
  contrl.time = "1200";
  for (const FormatRun& run : SplitByFormat(file).runs) {
    ASSERT_LE(run.begin, run.end);
    ASSERT_LE(run.end, file.size());
    if (run.format != Format::kEdifact) continue;
    edifact::ReaderOptions options;
    options.scan_kernel = kernel;
    options.begin = run.begin;
    edifact::InterchangeReader reader(file.substr(0, run.end), options);
    edifact::Interchange interchange;
    size_t interchanges = 0;
    while (reader.Next(interchange)) {
      ASSERT_LT(++interchanges, bytes.size() + 2) << "the reader must always move forward";
      edifact::CheckGrammars(interchange, grammars);
      edifact::BuildContrl(interchange, contrl);
      OutputBuffer json;
      AppendInterchangeJson(interchange, "fuzz", json);  // invalid ones too: must not crash
      if (interchange.valid()) {
        ASSERT_NO_THROW(testing::ParseJson(json.view()));
      }
    }
    reader.TakeFileFindings();
  }
}

TEST(EdifactRobustness, MutatedTruncatedAndSplicedFilesNeverCrash) {
  const std::vector<std::string> seeds = Seeds({"tests/edifact/fixtures", "tests/corpus/staedi/edifact"});
  const std::vector<std::string> x12 = Seeds({"tests/x12/fixtures"});
  ASSERT_GT(seeds.size(), 40u);
  std::mt19937 random(11);
  const std::string interesting = "'+:?*.\n\r UNAUNBUNHUNTUNZUNGUNE0123456789\x1c\x1d\x1f ISA~";
  for (int round = 0; round < 12000; ++round) {
    std::string bytes = seeds[random() % seeds.size()];
    if (round % (testing::kMutationKinds + 1) == testing::kMutationKinds) {  // splice with an X12 file
      const std::string& other = x12[random() % x12.size()];
      bytes = random() % 2 == 0 ? bytes + other.substr(random() % (other.size() + 1)) : other + bytes;
    } else {
      bytes = testing::Mutate(std::move(bytes), round % (testing::kMutationKinds + 1), seeds, interesting, random);
    }
    ASSERT_NO_FATAL_FAILURE(ReadAll(bytes, SupportedScanKernels()[round % SupportedScanKernels().size()]))
        << "round " << round;
  }
}

}  // namespace
}  // namespace wharf
