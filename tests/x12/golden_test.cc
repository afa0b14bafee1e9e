// Golden files: for every fixture and every StAEDI sample, X12 and EDIFACT, the exact
// `wharf validate` lines.
//
// Each input X.edi has a sibling expectation: tests/{x12,edifact}/fixtures/X.expected for the
// hand-written fixtures, tests/{x12,edifact}/golden/staedi/<path>.expected for the StAEDI corpus
// (see the header comment of each expectation file for why the findings are right). Validation is envelopes and the
// grammars under grammars/, as `wharf validate` does by default.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "cli/file_check.h"
#include "support/test_files.h"

namespace wharf {
namespace {

namespace fs = std::filesystem;

struct GoldenCase {
  std::string name;      // as printed in findings
  fs::path input;
  fs::path expectation;
};

void PrintTo(const GoldenCase& c, std::ostream* os) { *os << c.name; }

// Hand-written fixtures: X.edi beside X.expected.
void AddFixtures(const fs::path& folder, std::vector<GoldenCase>& cases) {
  if (!fs::exists(folder)) return;
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (entry.path().extension() != ".edi") continue;
    fs::path expectation = entry.path();
    expectation.replace_extension(".expected");
    cases.push_back({entry.path().filename().string(), entry.path(), expectation});
  }
}

// A copied corpus: corpus/<path>.edi with golden/<path>.expected.
void AddCorpus(const fs::path& corpus, const fs::path& golden, std::vector<GoldenCase>& cases) {
  for (const auto& entry : fs::recursive_directory_iterator(corpus)) {
    if (entry.path().extension() != ".edi") continue;
    const fs::path relative = fs::relative(entry.path(), corpus);
    fs::path expectation = golden / relative;
    expectation.replace_extension(".expected");
    cases.push_back({relative.generic_string(), entry.path(), expectation});
  }
}

std::vector<GoldenCase> Cases() {
  std::vector<GoldenCase> cases;
  AddFixtures(testing::SourcePath("tests/x12/fixtures"), cases);
  AddFixtures(testing::SourcePath("tests/edifact/fixtures"), cases);
  AddCorpus(testing::SourcePath("tests/corpus/staedi/x12"), testing::SourcePath("tests/x12/golden/staedi"), cases);
  AddCorpus(testing::SourcePath("tests/corpus/staedi/edifact"), testing::SourcePath("tests/edifact/golden/staedi"),
            cases);
  std::sort(cases.begin(), cases.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return cases;
}

// Expectation files hold the validate output; lines starting with '#' explain it.
std::string ExpectedLines(const fs::path& path) {
  std::istringstream in(testing::ReadBytes(path));
  std::string line, lines;
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] == '#') continue;
    lines += line + "\n";
  }
  return lines;
}

class GoldenTest : public ::testing::TestWithParam<GoldenCase> {};

// The grammars under grammars/, loaded once for every case.
const grammar::GrammarRegistry& Grammars() {
  static const grammar::GrammarRegistry registry = grammar::LoadGrammars(testing::SourcePath("grammars"));
  return registry;
}

// The validate lines for one file (envelopes and grammars), with the file named as in the
// expectation.
std::string ValidateLines(const GoldenCase& c, ScanKernel kernel) {
  cli::CheckOptions options;
  options.reader.scan_kernel = kernel;
  options.grammars.registry = &Grammars();
  std::ostringstream lines;
  Result<cli::FileTally> tally = cli::CheckFile(c.input.string(), options, lines);
  EXPECT_TRUE(tally.ok()) << tally.status().ToString();
  std::string text = lines.str();
  // CheckFile names the file as it was given; the expectations name it relative to its folder.
  for (size_t at = text.find(c.input.string()); at != std::string::npos; at = text.find(c.input.string(), at)) {
    text.replace(at, c.input.string().size(), c.name);
  }
  return text;
}

TEST_P(GoldenTest, ValidateOutputMatches) {
  ASSERT_TRUE(Grammars().errors().empty()) << Grammars().errors().front();
  const GoldenCase& c = GetParam();
  ASSERT_TRUE(fs::exists(c.expectation)) << "missing expectation " << c.expectation;
  EXPECT_EQ(ValidateLines(c, BestScanKernel()), ExpectedLines(c.expectation)) << "for " << c.input;
}

TEST_P(GoldenTest, EveryScanKernelAgrees) {
  const GoldenCase& c = GetParam();
  const std::string reference = ValidateLines(c, ScanKernel::kScalar);
  for (ScanKernel kernel : SupportedScanKernels()) {
    EXPECT_EQ(ValidateLines(c, kernel), reference) << ScanKernelName(kernel);
  }
}

std::string CaseName(const ::testing::TestParamInfo<GoldenCase>& info) {
  std::string name;
  for (char c : info.param.name) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Files, GoldenTest, ::testing::ValuesIn(Cases()), CaseName);

}  // namespace
}  // namespace wharf
