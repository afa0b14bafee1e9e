// The command line: exit codes, help, finding lines, and outputs written whole or not at all.
#include "cli/cli.h"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <sstream>

#include "support/json_check.h"
#include "support/test_files.h"

namespace wharf::cli {
namespace {

namespace fs = std::filesystem;

struct CliRun {
  int status;
  std::string out;
  std::string err;
};

CliRun RunWharf(std::vector<std::string> args) {
  std::ostringstream out, err;
  const int status = RunCli(args, out, err);
  return {status, out.str(), err.str()};
}

std::string Fixture(const std::string& name) { return testing::SourcePath("tests/x12/fixtures/" + name).string(); }

TEST(Cli, HelpOnEveryCommand) {
  for (const std::string command : {"validate", "translate", "ack", "grammars"}) {
    const CliRun run = RunWharf({command, "--help"});
    EXPECT_EQ(run.status, kExitOk) << command;
    EXPECT_NE(run.out.find("usage: wharf " + command), std::string::npos) << command;
  }
  EXPECT_EQ(RunWharf({"--help"}).status, kExitOk);
  EXPECT_EQ(RunWharf({}).status, kExitUsage);
  EXPECT_EQ(RunWharf({"frobnicate"}).status, kExitUsage);
}

TEST(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(RunWharf({"validate"}).status, kExitUsage);
  EXPECT_EQ(RunWharf({"validate", "--bogus", Fixture("valid_850.edi")}).status, kExitUsage);
  EXPECT_EQ(RunWharf({"translate", Fixture("valid_850.edi")}).status, kExitUsage);  // no --to
  const CliRun xml = RunWharf({"translate", Fixture("valid_850.edi"), "--to", "xml"});
  EXPECT_EQ(xml.status, kExitUsage);
  EXPECT_NE(xml.err.find("unsupported output format 'xml'"), std::string::npos);
}

TEST(Cli, UnreadableInputExitsTwoAndNamesTheFile) {
  const CliRun run = RunWharf({"validate", "/nonexistent/orders.edi"});
  EXPECT_EQ(run.status, kExitUsage);
  EXPECT_NE(run.err.find("/nonexistent/orders.edi: cannot open"), std::string::npos);
  testing::ScratchDir dir;
  EXPECT_EQ(RunWharf({"validate", dir.path().string()}).status, kExitUsage);
}

TEST(Cli, ValidateExitCodesAndFindingLines) {
  EXPECT_EQ(RunWharf({"validate", Fixture("valid_850.edi")}).status, kExitOk);
  const CliRun bad = RunWharf({"validate", Fixture("se_count_and_control_mismatch.edi")});
  EXPECT_EQ(bad.status, kExitFindings);
  EXPECT_EQ(bad.out.substr(0, bad.out.find('\n')),
            Fixture("se_count_and_control_mismatch.edi") +
                ":000000101:7: AK5-4 SE01 says 4 segments, transaction set 0001 has 5 (line 7, column 4, set 0001 segment 5)");
  // Warnings alone do not fail validation, and --no-warnings hides them.
  const CliRun warned = RunWharf({"validate", Fixture("isa11_u_in_00501.edi")});
  EXPECT_EQ(warned.status, kExitOk);
  EXPECT_NE(warned.out.find("TA1-016 warning:"), std::string::npos);
  EXPECT_EQ(RunWharf({"validate", "--no-warnings", Fixture("isa11_u_in_00501.edi")}).out, "");
}

TEST(Cli, ValidateSummaryGoesToStandardError) {
  const CliRun run = RunWharf({"validate", "--summary", Fixture("valid_two_interchanges_crlf.edi")});
  EXPECT_EQ(run.out, "");
  EXPECT_NE(run.err.find("2 interchanges (2 valid), 2 transaction sets, 18 segments, 0 errors, 0 warnings"), std::string::npos);
}

TEST(Cli, TranslateToStandardOutput) {
  const CliRun run = RunWharf({"translate", Fixture("valid_two_interchanges_crlf.edi"), "--to", "json"});
  EXPECT_EQ(run.status, kExitOk);
  std::istringstream lines(run.out);
  std::string line;
  int documents = 0;
  while (std::getline(lines, line)) {
    EXPECT_EQ(testing::ParseJson(line)["standard"].text, "X12");
    ++documents;
  }
  EXPECT_EQ(documents, 2);
}

TEST(Cli, TranslateWritesTheOutputFileAtomically) {
  testing::ScratchDir dir;
  const fs::path out = dir / "orders.jsonl";
  const CliRun run = RunWharf({"translate", Fixture("valid_850.edi"), "--to=json", "-o", out.string()});
  ASSERT_EQ(run.status, kExitOk) << run.err;
  EXPECT_EQ(testing::ParseJson(testing::ReadBytes(out))["control_number"].text, "000000101");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 1);
  // An output has the permissions of any new file (0666 less the umask), not a temp file's 0600.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  EXPECT_EQ(static_cast<mode_t>(fs::status(out).permissions()), 0666 & ~mask);
}

TEST(Cli, TranslateWritesNothingWhenAnyInterchangeIsInvalid) {
  testing::ScratchDir dir;
  const fs::path out = dir / "orders.jsonl";
  testing::WriteBytes(out, "previous run\n");
  const CliRun run = RunWharf({"translate", Fixture("valid_850.edi"), Fixture("missing_se.edi"), "--to", "json", "-o", out.string()});
  EXPECT_EQ(run.status, kExitFindings);
  EXPECT_NE(run.err.find("AK5-2"), std::string::npos);
  EXPECT_NE(run.err.find("nothing written"), std::string::npos);
  EXPECT_EQ(testing::ReadBytes(out), "previous run\n");  // untouched
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 1);  // no temp file left
}

TEST(Cli, SkipInvalidWritesTheValidInterchanges) {
  testing::ScratchDir dir;
  const fs::path out = dir / "orders.jsonl";
  const CliRun run = RunWharf({"translate", Fixture("valid_850.edi"), Fixture("missing_se.edi"), "--to", "json",
                          "--skip-invalid", "--summary", "-o", out.string()});
  EXPECT_EQ(run.status, kExitFindings);
  const std::string written = testing::ReadBytes(out);
  EXPECT_EQ(std::count(written.begin(), written.end(), '\n'), 1);
  EXPECT_NE(run.err.find("1 JSON document written to " + out.string() + ", 1 invalid interchange skipped"),
            std::string::npos);
}

TEST(Cli, TranslateIntoAMissingDirectoryIsAnIoError) {
  const CliRun run = RunWharf({"translate", Fixture("valid_850.edi"), "--to", "json", "-o", "/nonexistent/dir/out.jsonl"});
  EXPECT_EQ(run.status, kExitUsage);
  EXPECT_NE(run.err.find("/nonexistent/dir/out.jsonl"), std::string::npos);
}

TEST(Cli, AckUsageErrors) {
  EXPECT_EQ(RunWharf({"ack", Fixture("valid_850.edi")}).status, kExitUsage);  // no --type
  const CliRun bad = RunWharf({"ack", Fixture("valid_850.edi"), "--type", "998"});
  EXPECT_EQ(bad.status, kExitUsage);
  EXPECT_NE(bad.err.find("unknown --type '998' (997, 999, TA1 or CONTRL)"), std::string::npos);
  EXPECT_EQ(RunWharf({"ack", Fixture("valid_850.edi"), "--type", "997", "--date", "2026-11-29"}).status, kExitUsage);
  EXPECT_EQ(RunWharf({"ack", Fixture("valid_850.edi"), "--type", "997", "--control-number", "1234567890"}).status,
            kExitUsage);
}

TEST(Cli, AckWritesOneAcknowledgmentPerInterchange) {
  testing::ScratchDir dir;
  const fs::path out = dir / "acks.x12";
  const CliRun run = RunWharf({"ack", Fixture("valid_two_interchanges_crlf.edi"), "--type", "997", "--date", "20261129",
                               "--time", "0930", "--control-number", "500", "-o", out.string()});
  ASSERT_EQ(run.status, kExitOk) << run.err;
  const std::string acks = testing::ReadBytes(out);
  EXPECT_EQ(std::count(acks.begin(), acks.end(), '\n'), 20);
  EXPECT_NE(acks.find("*000000500*0*P*:~\nGS*FA*RECEIVER*SENDER*20261129*0930*500*X*005010~\nST*997*0500~"),
            std::string::npos);
  EXPECT_NE(acks.find("*000000501*0*P*:~\nGS*FA*RECEIVER*SENDER*20261129*0930*501*X*005010~\nST*997*0501~"),
            std::string::npos);
}

TEST(Cli, ValidateWritesAcknowledgmentsOnRequest) {
  testing::ScratchDir dir;
  const fs::path out = dir / "acks.x12";
  EXPECT_EQ(RunWharf({"validate", Fixture("missing_se.edi"), "--ack", "999"}).status, kExitUsage);  // no --ack-output
  const CliRun run = RunWharf({"validate", Fixture("missing_se.edi"), "--ack", "999", "--ack-output", out.string(),
                               "--date", "20261129", "--time", "0930"});
  EXPECT_EQ(run.status, kExitFindings);  // the data has errors; the acknowledgment says so
  const std::string acks = testing::ReadBytes(out);
  EXPECT_NE(acks.find("IK5*R*2~"), std::string::npos) << acks;
}

TEST(Cli, GrammarsCheckReportsEveryProblem) {
  const CliRun good = RunWharf({"grammars", "check", testing::SourcePath("grammars").string()});
  EXPECT_EQ(good.status, kExitOk) << good.out;
  EXPECT_NE(good.out.find("x12/004010: "), std::string::npos);
  testing::ScratchDir dir;
  fs::create_directories(dir / "x12" / "004010");
  testing::WriteBytes(dir / "x12" / "004010" / "bad.grammar", "element 1 AN 1/2 \"x\"\nsegment A \"\"\n  01 9 M\nend\n");
  const CliRun bad = RunWharf({"grammars", "check", dir.path().string()});
  EXPECT_EQ(bad.status, kExitFindings);
  EXPECT_EQ(bad.out, (dir / "x12" / "004010" / "bad.grammar").string() + ":3: unknown element or composite 9\n");
  // Commands that validate refuse to run on broken grammars, and say why.
  const CliRun validate = RunWharf({"validate", "--grammars", dir.path().string(), Fixture("valid_850.edi")});
  EXPECT_EQ(validate.status, kExitUsage);
  EXPECT_NE(validate.err.find("do not load"), std::string::npos);
}

}  // namespace
}  // namespace wharf::cli

namespace wharf::cli {
namespace {

std::string EdifactFixture(const std::string& name) {
  return testing::SourcePath("tests/edifact/fixtures/" + name).string();
}

// A file that mixes X12 and EDIFACT: one run of validate, ack and translate handles both, each
// interchange by its own standard's rules.
TEST(Cli, MixedFileIsHandledInterchangeByInterchange) {
  const std::string mixed = EdifactFixture("mixed_x12_and_edifact.edi");
  const CliRun validate = RunWharf({"validate", "--summary", mixed});
  EXPECT_EQ(validate.status, kExitFindings);
  EXPECT_NE(validate.out.find(": AK"), std::string::npos) << validate.out;   // an X12 finding
  EXPECT_NE(validate.out.find(": UCM-29"), std::string::npos) << validate.out;  // an EDIFACT one
  EXPECT_NE(validate.err.find("2 interchanges (0 valid), 1 transaction set, 1 message"), std::string::npos)
      << validate.err;

  const CliRun ack = RunWharf({"ack", mixed, "--type", "CONTRL", "--date", "20261129", "--time", "1200"});
  EXPECT_EQ(ack.status, kExitOk);
  EXPECT_NE(ack.out.find("ST*997*"), std::string::npos) << ack.out;  // X12 gets a 997
  EXPECT_NE(ack.out.find("UNH+2+CONTRL:D:3:UN'"), std::string::npos) << ack.out;  // EDIFACT a CONTRL
}

// An interchange that names nobody cannot be answered: the warning says which, where.
TEST(Cli, NoContrlForAnInterchangeWithoutRecipientIsSaid) {
  const CliRun run = RunWharf({"ack", EdifactFixture("unb_missing_mandatory.edi"), "--type", "CONTRL"});
  EXPECT_EQ(run.status, kExitOk);
  EXPECT_EQ(run.out, "");
  EXPECT_NE(run.err.find("unb_missing_mandatory.edi: interchange IC0001 (byte 0) names no sender or no recipient"),
            std::string::npos)
      << run.err;
}

TEST(Cli, EdifactTranslatesToJsonAndValidInputExitsZero) {
  const CliRun run = RunWharf({"translate", EdifactFixture("valid_with_una.edi"), "--to", "json"});
  EXPECT_EQ(run.status, kExitOk) << run.err;
  const testing::JsonValue document = testing::ParseJson(run.out.substr(0, run.out.find('\n')));
  EXPECT_EQ(document["standard"].text, "EDIFACT");
  EXPECT_EQ(document["messages"][0]["type"].text, "ORDERS");
}

TEST(Cli, TranslatesCsvToJsonLines) {
  testing::ScratchDir dir;
  testing::WriteBytes(dir / "prices.csv", "sku;price;note\r\nA-1;1,50;\"12\"\" pipe; steel\"\r\nB-2;3,00;\r\n");
  const std::string out = (dir / "prices.jsonl").string();
  const CliRun run = RunWharf({"translate", "--from", "csv", "--csv-delimiter", ";", "--to", "json", "--summary",
                               "-o", out, (dir / "prices.csv").string()});
  EXPECT_EQ(run.status, kExitOk) << run.err;
  EXPECT_EQ(testing::ReadBytes(out),
            "{\"sku\":\"A-1\",\"price\":\"1,50\",\"note\":\"12\\\" pipe; steel\"}\n"
            "{\"sku\":\"B-2\",\"price\":\"3,00\",\"note\":\"\"}\n");
  EXPECT_NE(run.err.find("prices.csv: 3 records, 0 errors, 0 warnings"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("2 JSON documents written"), std::string::npos) << run.err;
}

TEST(Cli, CsvErrorsAreNamedAndNothingIsWritten) {
  testing::ScratchDir dir;
  testing::WriteBytes(dir / "bad.csv", "a,b\n1,2\n3\n");
  const std::string out = (dir / "bad.jsonl").string();
  const CliRun run = RunWharf({"translate", "--from", "csv", "--to", "json", "-o", out, (dir / "bad.csv").string()});
  EXPECT_EQ(run.status, kExitFindings);
  EXPECT_NE(run.err.find("bad.csv:-:3: WHARF-CSV-FIELD-COUNT record 3 has 1 field, the first record 2 (line 3, column 1)"),
            std::string::npos)
      << run.err;
  EXPECT_FALSE(fs::exists(out));
  EXPECT_EQ(RunWharf({"translate", "--from", "csv", "--csv-delimiter", ";;", "--to", "json", "x.csv"}).status,
            kExitUsage);
  EXPECT_EQ(RunWharf({"translate", "--from", "xml", "--to", "json", "x.csv"}).status, kExitUsage);
}

}  // namespace
}  // namespace wharf::cli
