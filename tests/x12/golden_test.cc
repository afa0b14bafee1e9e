// Golden files: for every fixture and every StAEDI sample, the exact `wharf validate` lines.
//
// Each input X.edi has a sibling expectation: tests/x12/fixtures/X.expected for the hand-written
// fixtures, tests/x12/golden/staedi/<path>.expected for the StAEDI corpus (see the header comment
// of each expectation file for why the findings are right).
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "cli/checked_file.h"
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

std::vector<GoldenCase> Cases() {
  std::vector<GoldenCase> cases;
  const fs::path fixtures = testing::SourcePath("tests/x12/fixtures");
  for (const auto& entry : fs::directory_iterator(fixtures)) {
    if (entry.path().extension() != ".edi") continue;
    fs::path expectation = entry.path();
    expectation.replace_extension(".expected");
    cases.push_back({entry.path().filename().string(), entry.path(), expectation});
  }
  const fs::path corpus = testing::SourcePath("tests/corpus/staedi/x12");
  const fs::path golden = testing::SourcePath("tests/x12/golden/staedi");
  for (const auto& entry : fs::recursive_directory_iterator(corpus)) {
    if (entry.path().extension() != ".edi") continue;
    const fs::path relative = fs::relative(entry.path(), corpus);
    fs::path expectation = golden / relative;
    expectation.replace_extension(".expected");
    cases.push_back({relative.generic_string(), entry.path(), expectation});
  }
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

TEST_P(GoldenTest, ValidateOutputMatches) {
  const GoldenCase& c = GetParam();
  ASSERT_TRUE(fs::exists(c.expectation)) << "missing expectation " << c.expectation;
  Result<cli::CheckedFile> file = cli::CheckFile(c.input.string(), x12::ReaderOptions{});
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  file->name = c.name;
  std::string actual;
  for (const std::string& line : cli::FormatFindings(*file, true)) actual += line + "\n";
  EXPECT_EQ(actual, ExpectedLines(c.expectation)) << "for " << c.input;
}

TEST_P(GoldenTest, EveryScanKernelAgrees) {
  const GoldenCase& c = GetParam();
  std::string reference;
  for (ScanKernel kernel : SupportedScanKernels()) {
    x12::ReaderOptions options;
    options.scan_kernel = kernel;
    Result<cli::CheckedFile> file = cli::CheckFile(c.input.string(), options);
    ASSERT_TRUE(file.ok());
    std::string actual;
    for (const std::string& line : cli::FormatFindings(*file, true)) actual += line + "\n";
    if (kernel == ScanKernel::kScalar) reference = actual;
    EXPECT_EQ(actual, reference) << ScanKernelName(kernel);
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
