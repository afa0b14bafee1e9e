// The command line: exit codes, help, finding lines, and outputs written whole or not at all.
#include "cli/cli.h"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
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
  // Commands that validate read a version's grammars when a file first needs them: a broken
  // folder the file does not need (004010; the file is 005010) stops nothing...
  const CliRun unneeded = RunWharf({"validate", "--grammars", dir.path().string(), Fixture("valid_850.edi")});
  EXPECT_EQ(unneeded.status, kExitOk) << unneeded.err;
  EXPECT_NE(unneeded.out.find("no grammar for X12 version 005010"), std::string::npos) << unneeded.out;
  // ...and one it needs stops the command, which says why.
  fs::rename(dir / "x12" / "004010", dir / "x12" / "005010");
  const CliRun validate = RunWharf({"validate", "--grammars", dir.path().string(), Fixture("valid_850.edi")});
  EXPECT_EQ(validate.status, kExitUsage);
  EXPECT_NE(validate.err.find("do not load"), std::string::npos) << validate.err;
  EXPECT_NE(validate.err.find("bad.grammar:3: unknown element or composite 9"), std::string::npos) << validate.err;
  const CliRun translate =
      RunWharf({"translate", "--to", "json", "--grammars", dir.path().string(), Fixture("valid_850.edi")});
  EXPECT_EQ(translate.status, kExitUsage);
  EXPECT_EQ(translate.out, "");
  // The file that needed the folder fails, once; the next file (004010, no folder) does not.
  const std::string acme = testing::SourcePath("examples/x12/acme-850-004010.edi").string();
  const CliRun two = RunWharf({"validate", "--summary", "--grammars", dir.path().string(), Fixture("valid_850.edi"), acme});
  EXPECT_EQ(two.status, kExitUsage);
  EXPECT_EQ(two.err.find("do not load"), two.err.rfind("do not load")) << two.err;
  EXPECT_NE(two.err.find(acme + ": 1 interchange"), std::string::npos) << two.err;
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

// Reading a file in pieces, with every interchange cut into parts before each transaction set or
// message (1-byte pieces), finds, says and acknowledges exactly what reading it whole does; the
// translation has the same sets in the same order, and no part of an invalid interchange.
TEST(Cli, PiecesOfAnySizeGiveTheSameFindingsAcknowledgmentsAndSets) {
  testing::ScratchDir dir;
  std::string big;
  for (const char* name : {"x12/acme-850-004010.edi", "edifact/lindqvist-orders-d96a.edi", "x12/wharf-810-005010.edi",
                           "x12/broken/acme-850-standard-errors.edi", "x12/wharfdc-856-005010.edi",
                           "edifact/broken/lindqvist-orders-errors.edi", "x12/broken/acme-850-broken.edi"}) {
    big += testing::ReadBytes(testing::SourcePath(std::string("examples/") + name));
  }
  // Errors only the whole interchange shows: GE01 and IEA01 counts, a set control number used twice.
  std::string counts = testing::ReadBytes(testing::SourcePath("examples/x12/acme-850-004010.edi"));
  counts.replace(counts.find("GE*2*4711"), 9, "GE*3*4711");
  counts.replace(counts.find("IEA*1*"), 6, "IEA*2*");
  counts.replace(counts.find("ST*850*0002"), 11, "ST*850*0001");
  counts.replace(counts.find("SE*6*0002"), 9, "SE*6*0001");
  big += counts;
  const std::string input = (dir / "big.edi").string();
  testing::WriteBytes(input, big);

  auto run = [&](const std::vector<std::string>& pieces, const std::string& name) {
    // A fixed date and time: the two runs may fall in different minutes.
    std::vector<std::string> args = {"validate",     input, "--ack",  "999", "--ack-output", (dir / (name + ".999")).string(),
                                     "--date", "20261129", "--time", "1200"};
    args.insert(args.end(), pieces.begin(), pieces.end());
    const CliRun validate = RunWharf(args);
    args = {"translate", input, "--to", "json", "--skip-invalid", "-o", (dir / (name + ".jsonl")).string()};
    args.insert(args.end(), pieces.begin(), pieces.end());
    const CliRun translate = RunWharf(args);
    EXPECT_EQ(translate.status, kExitFindings) << translate.err;
    return std::pair(validate, translate);
  };
  // Whole: one piece whatever the default piece size.
  const auto [whole, whole_translation] = run({"--threads", "1", "--piece-size", "1073741824"}, "whole");
  const auto [parts, parts_translation] = run({"--piece-size", "1", "--threads", "2"}, "parts");
  // One thread runs the pipeline's stages in line, without oneTBB (pipeline/piece_pipeline.h).
  const auto [in_line, in_line_translation] = run({"--piece-size", "1", "--threads", "1"}, "in-line");
  EXPECT_EQ(whole.status, kExitFindings);
  EXPECT_EQ(parts.status, whole.status);
  EXPECT_NE(whole.out.find("GE01"), std::string::npos) << whole.out;  // the cross-part counts are there
  EXPECT_EQ(parts.out, whole.out);
  EXPECT_EQ(testing::ReadBytes(dir / "parts.999"), testing::ReadBytes(dir / "whole.999"));
  EXPECT_EQ(parts_translation.err, whole_translation.err);
  EXPECT_EQ(in_line.out, whole.out);
  EXPECT_EQ(testing::ReadBytes(dir / "in-line.999"), testing::ReadBytes(dir / "whole.999"));
  EXPECT_EQ(testing::ReadBytes(dir / "in-line.jsonl"), testing::ReadBytes(dir / "parts.jsonl"));

  // The sets, in order: every ST or UNH array of the JSON.
  auto sets = [&](const std::string& name) {
    const std::string json = testing::ReadBytes(dir / name);
    std::string found;
    for (size_t at = json.find("[\"ST\","); at != std::string::npos; at = json.find("[\"ST\",", at + 1)) {
      found += json.substr(at, json.find(']', at) - at) + "\n";
    }
    for (size_t at = json.find("[\"UNH\","); at != std::string::npos; at = json.find("[\"UNH\",", at + 1)) {
      found += json.substr(at, json.find(']', at) - at) + "\n";
    }
    return found;
  };
  EXPECT_FALSE(sets("whole.jsonl").empty());
  EXPECT_EQ(sets("parts.jsonl"), sets("whole.jsonl"));
}

// A file large enough to be mapped, read in 64 KiB pieces: its large interchanges are cut into
// parts, and the parts of an invalid one (its IEA01 is wrong, which only the joined whole shows)
// are taken back out of the translation after more than a megabyte of them was written.
TEST(Cli, LargeInterchangesReadInPartsMatchTheWholeAndInvalidPartsAreTakenBack) {
  testing::ScratchDir dir;
  const std::string acme = testing::ReadBytes(testing::SourcePath("examples/x12/acme-850-004010.edi"));
  const std::string header = acme.substr(0, acme.find("ST*850*0001"));
  const std::string set = acme.substr(acme.find("ST*850*0001"), acme.find("ST*850*0002") - acme.find("ST*850*0001"));
  auto big_interchange = [&](const std::string& control, int sets, int iea_groups) {
    std::string text = header;
    for (size_t at = text.find("000004711"); at != std::string::npos; at = text.find("000004711", at)) {
      text.replace(at, 9, control);
    }
    for (int i = 1; i <= sets; ++i) {
      char number[16];
      std::snprintf(number, sizeof number, "%04d", i % 10000);
      std::string one = set;
      one.replace(one.find("*0001~"), 6, std::string("*") + number + "~");
      one.replace(one.find("SE*17*0001"), 10, std::string("SE*17*") + number);
      text += one;
    }
    return text + "GE*" + std::to_string(sets) + "*4711~\nIEA*" + std::to_string(iea_groups) + "*" + control + "~\n";
  };
  const std::string input = (dir / "large.edi").string();
  testing::WriteBytes(input, big_interchange("000000001", 2500, 2) + big_interchange("000000002", 2500, 1) + acme);

  auto run = [&](const std::vector<std::string>& pieces, const std::string& name) {
    std::vector<std::string> args = {"translate", input, "--to",       "json",
                                     "--skip-invalid", "--summary", "-o", (dir / name).string()};
    args.insert(args.end(), pieces.begin(), pieces.end());
    const CliRun translate = RunWharf(args);
    EXPECT_EQ(translate.status, kExitFindings) << translate.err;
    args = {"validate", input, "--summary"};
    args.insert(args.end(), pieces.begin(), pieces.end());
    return std::pair(translate, RunWharf(args));
  };
  const auto [whole, whole_check] = run({"--piece-size", "1073741824"}, "whole.jsonl");
  const auto [parts, parts_check] = run({"--piece-size", "65536", "--threads", "2"}, "parts.jsonl");
  // The parts, and so the documents, are the same on one thread as on two.
  const auto [one_thread, one_thread_check] = run({"--piece-size", "65536", "--threads", "1"}, "one-thread.jsonl");
  EXPECT_EQ(testing::ReadBytes(dir / "one-thread.jsonl"), testing::ReadBytes(dir / "parts.jsonl"));
  EXPECT_NE(whole_check.out.find("IEA01"), std::string::npos) << whole_check.out;
  EXPECT_EQ(parts_check.out, whole_check.out);
  EXPECT_NE(parts_check.err.find("3 interchanges (2 valid), 5002 transaction sets, 85035 segments"), std::string::npos)
      << parts_check.err;
  const std::string whole_json = testing::ReadBytes(dir / "whole.jsonl");
  const std::string parts_json = testing::ReadBytes(dir / "parts.jsonl");
  // Whole: one document for each valid interchange. In parts: the valid large one in several.
  EXPECT_EQ(std::count(whole_json.begin(), whole_json.end(), '\n'), 2);
  EXPECT_GT(std::count(parts_json.begin(), parts_json.end(), '\n'), 5);
  EXPECT_EQ(parts_json.find("000000001"), std::string::npos);  // nothing of the invalid one is left
  auto sets = [](const std::string& json) {
    std::string found;
    for (size_t at = json.find("[\"ST\","); at != std::string::npos; at = json.find("[\"ST\",", at + 1)) {
      found += json.substr(at, json.find(']', at) - at) + "\n";
    }
    return found;
  };
  EXPECT_EQ(sets(parts_json), sets(whole_json));
  EXPECT_NE(parts.err.find("1 invalid interchange"), std::string::npos) << parts.err;
}

}  // namespace
}  // namespace wharf::cli
