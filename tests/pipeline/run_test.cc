// `wharf run`, `replay` and `archive` end to end: real partner files, a real RocksDB store in a
// temporary home, real files.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <regex>
#include <sstream>

#include "cli/cli.h"
#include "support/test_files.h"

namespace wharf {
namespace {

using testing::ReadBytes;
using testing::ScratchDir;
using testing::SourcePath;
using testing::WriteBytes;

struct Outcome {
  int status;
  std::string out, err;
};

Outcome Wharf(std::vector<std::string> args) {
  std::ostringstream out, err;
  const int status = cli::RunCli(args, out, err);
  return {status, out.str(), err.str()};
}

std::string Example(const std::string& name) { return ReadBytes(SourcePath("examples/" + name)); }

// The ACME example with another interchange control number (ISA13/IEA02).
std::string AcmeOrder(const std::string& control) {
  std::string text = Example("x12/acme-850-004010.edi");
  for (size_t at = text.find("000004711"); at != std::string::npos; at = text.find("000004711", at)) {
    text.replace(at, 9, control);
  }
  return text;
}

class RunTest : public ::testing::Test {
 protected:
  RunTest() {
    std::filesystem::create_directories(partners_);
    for (const char* name : {"acme.toml", "lindqvist.toml"}) {
      std::filesystem::copy_file(SourcePath(std::string("partners/examples/") + name), partners_ / name);
    }
  }
  Outcome Run(std::vector<std::string> inputs, std::vector<std::string> extra = {},
              const std::string& now = "2026-11-29T06:00:00Z") {
    std::vector<std::string> args = {"run", "--home", home_.string(), "--partners", partners_.string(), "--now", now};
    args.insert(args.end(), extra.begin(), extra.end());
    args.insert(args.end(), inputs.begin(), inputs.end());
    return Wharf(args);
  }
  std::string Input(const std::string& name, const std::string& bytes) {
    std::filesystem::create_directories(dir_ / "in");
    WriteBytes(dir_ / "in" / name, bytes);
    return (dir_ / "in" / name).string();
  }
  std::vector<std::string> Files(const std::string& under) const {
    std::vector<std::string> files;
    if (!std::filesystem::exists(home_ / under)) return files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(home_ / under)) {
      if (entry.is_regular_file()) files.push_back(std::filesystem::relative(entry.path(), home_).string());
    }
    std::sort(files.begin(), files.end());
    return files;
  }

  ScratchDir dir_;
  std::filesystem::path home_ = dir_ / "home";
  std::filesystem::path partners_ = dir_ / "partners";
};

TEST_F(RunTest, TranslatesAcknowledgesArchivesAndSkipsWhatItHasSeen) {
  const std::string order = Input("order.edi", AcmeOrder("000000100"));
  const Outcome first = Run({order});
  EXPECT_EQ(first.status, 0) << first.err;
  EXPECT_NE(first.err.find("1 inputs, 1 interchanges, 2 transaction sets"), std::string::npos) << first.err;
  const std::string json = Files("partners/acme/in")[0];
  const std::string tag = json.substr(json.find("000000100.") + 10, 12);
  EXPECT_EQ(Files("partners"), (std::vector<std::string>{"partners/acme/acks/997-1.edi",
                                                         "partners/acme/in/orders/000000100." + tag + "-0.json"}));
  const std::string ack = ReadBytes(home_ / "partners/acme/acks/997-1.edi");
  EXPECT_EQ(ack.substr(0, 106),
            "ISA*00*          *00*          *ZZ*WHARFSUPPLY    *ZZ*ACMERETAIL     *261129*0600*U*00401*000000001*0*P*>~");
  EXPECT_NE(ack.find("AK9*A*2*2*2~"), std::string::npos);
  EXPECT_NE(ReadBytes(home_ / "partners/acme/in/orders" / ("000000100." + tag + "-0.json")).find("\"BEG\""),
            std::string::npos);

  // The archive holds the interchange as received and the 997 as sent.
  const Outcome list = Wharf({"archive", "list", "--home", home_.string()});
  ASSERT_EQ(list.status, 0) << list.err;
  std::istringstream lines(list.out);
  std::string in_line, out_line;
  std::getline(lines, in_line);
  std::getline(lines, out_line);
  EXPECT_NE(in_line.find("  in  acme  x12  000000100  850  "), std::string::npos) << in_line;
  EXPECT_NE(out_line.find("  out  acme  x12  1  997  "), std::string::npos) << out_line;
  const Outcome show = Wharf({"archive", "show", "--home", home_.string(), in_line.substr(0, in_line.find(' '))});
  EXPECT_EQ(show.out + "\n", AcmeOrder("000000100"));  // the interchange, without the line break after it

  // The same content again, under any name, is skipped and says so.
  const std::string again = Input("again.edi", AcmeOrder("000000100"));
  const Outcome second = Run({again});
  EXPECT_EQ(second.status, 0);
  EXPECT_NE(second.err.find("again.edi: skipped: the same content was processed before, as " + order),
            std::string::npos)
      << second.err;
  EXPECT_EQ(Files("partners").size(), 2u);
}

TEST_F(RunTest, DuplicatesAreRejectedWithinTheWindowAndGapsReported) {
  Run({Input("a.edi", AcmeOrder("000000100"))});
  // Another file (a trailing line break) with the same ISA13, ten days later: a duplicate.
  const Outcome duplicate = Run({Input("b.edi", AcmeOrder("000000100") + "\n")}, {}, "2026-12-09T06:00:00Z");
  EXPECT_EQ(duplicate.status, 1);
  EXPECT_NE(duplicate.err.find(":000000100:1: TA1-025 duplicate interchange control number '000000100' from partner "
                               "'acme': first received 2026-11-29 06:00:00 UTC in "),
            std::string::npos)
      << duplicate.err;
  // Answered with a TA1 alone; nothing translated.
  EXPECT_EQ(ReadBytes(home_ / "partners/acme/acks/TA1-2.edi").substr(107),
            "TA1*000000100*261127*0915*R*025~\nIEA*0*000000002~\n");
  EXPECT_EQ(Files("partners/acme/in").size(), 1u);

  // Past the 90-day window the number may come again.
  const Outcome later = Run({Input("c.edi", AcmeOrder("000000100") + "\n\n")}, {}, "2027-03-01T06:00:00Z");
  EXPECT_EQ(later.status, 0) << later.err;
  EXPECT_EQ(Files("partners/acme/in").size(), 2u);

  // 101 and 102 never came.
  const Outcome gap = Run({Input("d.edi", AcmeOrder("000000103"))}, {}, "2027-03-02T06:00:00Z");
  EXPECT_EQ(gap.status, 0);
  const std::vector<std::string> reports = Files("partners/acme/reports");
  ASSERT_EQ(reports.size(), 2u) << ::testing::PrintToString(reports);  // the duplicate's and the gap's
  EXPECT_NE(ReadBytes(home_ / reports[1]).find("WHARF-GAP warning: interchange control numbers 101 to 102 were never received from "
                                               "partner 'acme' (last before this: 100)"),
            std::string::npos)
      << ReadBytes(home_ / reports[0]) << ReadBytes(home_ / reports[1]);
  EXPECT_NE(gap.err.find("1 gaps"), std::string::npos);
}

TEST_F(RunTest, GapsAreFoundAgainAfterThePartnersCounterWraps) {
  Run({Input("a.edi", AcmeOrder("999999999"))});
  const Outcome wrapped = Run({Input("b.edi", AcmeOrder("000000001"))});
  EXPECT_EQ(wrapped.err.find("WHARF-GAP"), std::string::npos);
  EXPECT_NE(wrapped.err.find("0 gaps"), std::string::npos) << wrapped.err;
  const Outcome gap = Run({Input("c.edi", AcmeOrder("000000003"))});
  EXPECT_NE(gap.err.find("1 gaps"), std::string::npos) << gap.err;
  const std::vector<std::string> reports = Files("partners/acme/reports");
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_NE(ReadBytes(home_ / reports[0]).find("interchange control number 2 was never received"), std::string::npos)
      << ReadBytes(home_ / reports[0]);
}

TEST_F(RunTest, WarnPolicyProcessesTheDuplicateAgain) {
  std::string acme = ReadBytes(partners_ / "acme.toml");
  acme.replace(acme.find("action = \"reject\""), 17, "action = \"warn\"");
  WriteBytes(partners_ / "acme.toml", acme);
  Run({Input("a.edi", AcmeOrder("000000100"))});
  const Outcome duplicate = Run({Input("b.edi", AcmeOrder("000000100") + "\n")});
  EXPECT_EQ(duplicate.status, 0) << duplicate.err;
  EXPECT_NE(duplicate.err.find("1 duplicates"), std::string::npos) << duplicate.err;
  EXPECT_EQ(Files("partners/acme/in").size(), 2u);
  EXPECT_TRUE(std::filesystem::exists(home_ / "partners/acme/acks/997-2.edi"));
}

TEST_F(RunTest, UnknownSendersAndStrangersGoToTheDeadLetterFolder) {
  std::string stranger = AcmeOrder("000000100");
  stranger.replace(stranger.find("ACMERETAIL     "), 15, "STRANGER       ");
  std::string misaddressed = AcmeOrder("000000101");
  misaddressed.replace(misaddressed.find("WHARFSUPPLY    "), 15, "SOMEBODYELSE   ");
  const Outcome run = Run({Input("mixed.edi", stranger + misaddressed)});
  EXPECT_EQ(run.status, 1);
  EXPECT_NE(run.err.find("mixed.edi:000000100: dead letter (no partner file has the X12 sender ZZ:'STRANGER')"),
            std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("(interchange from partner 'acme' is addressed to ZZ:'SOMEBODYELSE', not to us "
                         "(ZZ:'WHARFSUPPLY'))"),
            std::string::npos);
  const std::vector<std::string> dead = Files("dead-letter");
  ASSERT_EQ(dead.size(), 4u);
  EXPECT_EQ(ReadBytes(home_ / dead[0]) + "\n", stranger);  // the bytes as received (the line break is between)
  EXPECT_NE(ReadBytes(home_ / dead[1]).find("no partner file has the X12 sender"), std::string::npos);
  EXPECT_TRUE(Files("partners").empty());
}

TEST_F(RunTest, AnUnknownSendersInterchangeInPartsGoesToTheDeadLetterFolderPartByPart) {
  std::string stranger = AcmeOrder("000000100");
  stranger.replace(stranger.find("ACMERETAIL     "), 15, "STRANGER       ");
  const Outcome run = Run({Input("stranger.edi", stranger)}, {"--piece-size", "1"});
  EXPECT_EQ(run.status, 1) << run.err;
  const std::vector<std::string> dead = Files("dead-letter");
  ASSERT_EQ(dead.size(), 4u);  // three parts (headers, each set) and the note
  std::string joined;
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_NE(dead[i].find(".part-000" + std::to_string(i + 1) + ".edi"), std::string::npos) << dead[i];
    joined += ReadBytes(home_ / dead[i]);
  }
  EXPECT_EQ(joined + "\n", stranger);
  EXPECT_NE(ReadBytes(home_ / dead[3]).find("its bytes, in parts, in order: "), std::string::npos);
}

TEST_F(RunTest, VersionsThePartnerFileDoesNotListAreRejected) {
  std::string old_version = AcmeOrder("000000100");
  old_version.replace(old_version.find("*X*004010~"), 10, "*X*003040~");
  const Outcome run = Run({Input("old.edi", old_version)}, {"--envelope-only"});
  EXPECT_EQ(run.status, 1);
  EXPECT_NE(run.err.find("old.edi:000000100:2: AK9-2 version '003040' is not one partner 'acme' sends (its partner file "
                         "lists the versions it accepts) (line 2, column 1)"),
            std::string::npos)
      << run.err;
  EXPECT_NE(ReadBytes(home_ / "partners/acme/acks/997-1.edi").find("AK9*R*2*2*2*2~"), std::string::npos)
      << ReadBytes(home_ / "partners/acme/acks/997-1.edi");
  EXPECT_EQ(Files("partners/acme/rejected").size(), 1u);
}

// What a run left in the home, to compare two runs: every file but the translations byte for
// byte, the translations by the transaction sets each interchange's JSON holds (an interchange
// cut into pieces is translated in parts, "<name>.part-0001.json", ...), the control records and
// the archive with every entry's bytes.
struct HomeContents {
  std::vector<std::string> files;
  std::map<std::string, std::string> sets_by_translation;
  std::string controls, archive;
  bool operator==(const HomeContents&) const = default;
};

TEST_F(RunTest, PiecesOfAnyTargetSizeGiveTheSameResult) {
  const auto contents = [&] {
    HomeContents home;
    const std::regex part_suffix(R"(\.part-[0-9]{4}\.json$)");
    for (const std::string& f : Files("partners")) {
      const std::string text = ReadBytes(home_ / f);
      if (f.find("/in/") == std::string::npos && f.find("/rejected/") == std::string::npos) {
        home.files.push_back(f + "\n" + text);
        continue;
      }
      std::string& sets = home.sets_by_translation[std::regex_replace(f, part_suffix, ".json")];
      // An X12 set or an EDIFACT message, in order: from its opening to the end of its segments.
      const std::string set = text.find("\"standard\":\"EDIFACT\"") == std::string::npos ? "{\"id\":\"" : "{\"type\":\"";
      for (size_t at = text.find(set); at != std::string::npos; at = text.find(set, at + 1)) {
        sets += text.substr(at, text.find("]]}", at) + 3 - at);
      }
    }
    home.controls = Wharf({"archive", "controls", "--home", home_.string()}).out;
    home.archive = Wharf({"archive", "list", "--home", home_.string()}).out;
    std::istringstream entries(home.archive);
    for (std::string line; std::getline(entries, line);) {
      home.archive += Wharf({"archive", "show", "--home", home_.string(), line.substr(0, line.find(' '))}).out;
    }
    return home;
  };
  std::string big;
  for (int i = 0; i < 30; ++i) big += AcmeOrder(std::to_string(200000000 + i).substr(0, 9));
  big += Example("edifact/lindqvist-orders-d96a.edi") + Example("x12/broken/acme-850-standard-errors.edi");
  // Errors only the whole interchange shows: GE01 and IEA01 counts, a set control number used
  // twice, each reaching over the cuts a 1-byte piece makes before every transaction set.
  std::string counts = AcmeOrder("300000000");
  counts.replace(counts.find("GE*2*4711"), 9, "GE*3*4711");
  counts.replace(counts.find("IEA*1*"), 6, "IEA*2*");
  counts.replace(counts.find("ST*850*0002"), 11, "ST*850*0001");
  counts.replace(counts.find("SE*6*0002"), 9, "SE*6*0001");
  big += counts;
  // A second group without its GE, noticed at the next GS, which a 1-byte piece sees behind a
  // copy of that group's GS: the message names the real GS (segment 27, not the copy's 2).
  std::string unclosed = AcmeOrder("300000001");
  const std::string first_set =
      unclosed.substr(unclosed.find("ST*850*0001"), unclosed.find("ST*850*0002") - unclosed.find("ST*850*0001"));
  const size_t first_ge = unclosed.find("GE*2*4711~\n") + 11;
  unclosed.insert(first_ge, "GS*PO*ACMERETAIL*WHARFSUPPLY*20261127*0915*4712*X*004010~\n" + first_set +
                                "GS*PO*ACMERETAIL*WHARFSUPPLY*20261127*0915*4713*X*004010~\n" + first_set +
                                "GE*1*4713~\n");
  unclosed.replace(unclosed.find("IEA*1*"), 6, "IEA*3*");
  big += unclosed;
  // And in EDIFACT: UNZ01, and a message reference used twice (UNH cuts).
  std::string edifact_counts = Example("edifact/lindqvist-orders-d96a.edi");
  for (size_t at = edifact_counts.find("LQ26112901"); at != std::string::npos; at = edifact_counts.find("LQ26112901", at)) {
    edifact_counts.replace(at, 10, "LQ26112902");
  }
  edifact_counts.replace(edifact_counts.find("UNZ+2+"), 6, "UNZ+3+");
  edifact_counts.replace(edifact_counts.find("UNH+2+"), 6, "UNH+1+");
  edifact_counts.replace(edifact_counts.find("UNT+9+2"), 7, "UNT+9+1");
  big += edifact_counts;
  // `text` as it is up to `from`, then without its line feeds, in lines of `width` bytes each
  // ended by `line_break`: wrapped at a line length, line breaks inside segments and tags.
  const auto wrap = [](const std::string& text, size_t from, size_t width, const std::string& line_break) {
    std::string rest = text.substr(from);
    std::erase(rest, '\n');
    std::string out = text.substr(0, from);
    for (size_t at = 0; at < rest.size(); at += width) out += rest.substr(at, width) + line_break;
    return out;
  };
  // Wrapped at 80 columns with CR LF, and one whose first set is not wrapped but whose later ones
  // are, at 37 columns. Read whole, each is read from one copy without line breaks and says how
  // many it removed; cut, from a copy per part.
  big += wrap(AcmeOrder("300000002"), 0, 80, "\r\n");
  const std::string late = AcmeOrder("300000003");
  big += wrap(late, late.find("ST*850*0002"), 37, "\n");
  // And EDIFACT alike, after its UNA line, with a UNB and message references of its own.
  std::string edifact_wrapped = Example("edifact/lindqvist-orders-d96a.edi");
  for (size_t at = edifact_wrapped.find("LQ26112901"); at != std::string::npos;
       at = edifact_wrapped.find("LQ26112901", at)) {
    edifact_wrapped.replace(at, 10, "LQ26112903");
  }
  big += wrap(edifact_wrapped, edifact_wrapped.find("UNB"), 23, "\r\n");
  // Last in the input, a wrapped one without its IEA: read whole, its line breaks up to the end
  // of the input count.
  const std::string no_trailer = AcmeOrder("300000004");
  big += wrap(no_trailer.substr(0, no_trailer.find("IEA*")), 0, 80, "\r\n");
  const std::string input = Input("big.edi", big);
  const Outcome whole = Run({input}, {"--no-progress"});
  const HomeContents whole_home = contents();
  std::filesystem::remove_all(home_);
  const Outcome pieces = Run({input}, {"--piece-size", "1", "--threads", "2"});
  const HomeContents piece_home = contents();
  EXPECT_EQ(whole.status, pieces.status) << pieces.err;
  ASSERT_EQ(whole_home.files.size(), piece_home.files.size());
  for (size_t i = 0; i < whole_home.files.size(); ++i) EXPECT_EQ(whole_home.files[i], piece_home.files[i]);
  for (const auto& [translation, sets] : whole_home.sets_by_translation) {
    const auto found = piece_home.sets_by_translation.find(translation);
    if (found == piece_home.sets_by_translation.end()) {
      ADD_FAILURE() << translation << " is missing";
    } else {
      EXPECT_EQ(sets, found->second) << translation;
    }
  }
  EXPECT_EQ(whole_home.sets_by_translation.size(), piece_home.sets_by_translation.size());
  EXPECT_EQ(whole_home.controls, piece_home.controls);
  EXPECT_EQ(whole_home.archive, piece_home.archive);
  // ACME: JSON and 997 each; Lindqvist: JSON, CONTRL; the broken one and the miscounted ones:
  // report, acknowledgment, rejected JSON; the wrapped ones: JSON, 997 or CONTRL, the report of
  // the warning (and the one without its IEA: of the error; its JSON is rejected).
  EXPECT_EQ(whole_home.files.size() + whole_home.sets_by_translation.size(), 30u * 2 + 2 + 3 + 3 + 3 + 3 + 4 * 3);
  const std::vector<std::string> lindqvist_reports = Files("partners/lindqvist/reports");
  ASSERT_EQ(lindqvist_reports.size(), 2u);  // the miscounted interchange's, then the wrapped one's
  const std::string edifact_report = ReadBytes(home_ / lindqvist_reports[0]);
  for (const char* expected : {"UNZ01 says 3 messages, interchange LQ26112902 has 2",
                               "UNH01 message reference '1' is used twice in interchange LQ26112902"}) {
    EXPECT_NE(edifact_report.find(expected), std::string::npos) << expected << "\n" << edifact_report;
  }
  const std::string report = ReadBytes(home_ / Files("partners/acme/reports").at(1));
  EXPECT_NE(pieces.err.find("AK9-3 functional group 4712 (GS at segment 27) has no GE before GS"), std::string::npos)
      << pieces.err;
  for (const char* expected : {"AK9-5 GE01 says 3 transaction sets, functional group 4711 has 2",
                               "TA1-021 IEA01 says 2 functional groups, interchange 300000000 has 1",
                               "AK5-23 ST02 control number 0001 is used twice in functional group 4711"}) {
    EXPECT_NE(report.find(expected), std::string::npos) << expected << "\n" << report;
  }
  // Findings name the same lines either way.
  EXPECT_EQ(whole.err.substr(0, whole.err.find("wharf run:")), pieces.err.substr(0, pieces.err.find("wharf run:")));
  // Each wrapped interchange says so once, with every line break of all its parts.
  // The interchange without its IEA names its last segment by its number in the whole.
  EXPECT_NE(pieces.err.find("interchange 300000004 has no IEA trailer: it ends after segment 26 (GE)"), std::string::npos)
      << pieces.err;
  for (const char* expected : {"interchange was read with its 18 CR/LF bytes removed",
                               "interchange was read with its 20 CR/LF bytes removed",
                               "interchange was read with its 22 CR/LF bytes removed",
                               "LQ26112903:1: WHARF-WRAPPED warning: line breaks inside segments: the interchange was read "
                               "with its 66 CR/LF bytes removed"}) {
    EXPECT_EQ(std::count_if(piece_home.files.begin(), piece_home.files.end(),
                            [&](const std::string& file) { return file.find(expected) != std::string::npos; }),
              1)
        << expected;
  }
}

TEST_F(RunTest, ReplayHonoursTheDuplicateCheckUnlessForced) {
  Run({Input("a.edi", AcmeOrder("000000100"))});
  const Outcome dry = Wharf({"replay", "--home", home_.string(), "--partners", partners_.string(), "--direction", "in",
                             "--dry-run"});
  EXPECT_EQ(dry.status, 0) << dry.err;
  EXPECT_EQ(dry.out.substr(0, 13), "would replay ");
  EXPECT_NE(dry.out.find("  in  acme  x12  000000100  850"), std::string::npos);

  const Outcome replay = Wharf({"replay", "--home", home_.string(), "--partners", partners_.string(), "--control",
                                "000000100", "--now", "2026-11-29T07:00:00Z"});
  EXPECT_EQ(replay.status, 1);
  EXPECT_NE(replay.err.find("TA1-025 duplicate interchange control number"), std::string::npos) << replay.err;

  const Outcome forced = Wharf({"replay", "--home", home_.string(), "--partners", partners_.string(), "--control",
                                "000000100", "--direction", "in", "--force", "--now", "2026-11-29T08:00:00Z"});
  EXPECT_EQ(forced.status, 0) << forced.err;
  EXPECT_NE(forced.err.find("wharf replay: 1 inputs, 1 interchanges"), std::string::npos) << forced.err;
  EXPECT_TRUE(std::filesystem::exists(home_ / "partners/acme/acks/997-3.edi"));
  // The replay is not archived again as received.
  const Outcome list = Wharf({"archive", "list", "--home", home_.string(), "--direction", "in"});
  EXPECT_EQ(std::count(list.out.begin(), list.out.end(), '\n'), 1);

  const Outcome resend = Wharf({"replay", "--home", home_.string(), "--partners", partners_.string(), "--direction",
                                "out", "--control", "1"});
  EXPECT_EQ(resend.status, 0) << resend.err;
  EXPECT_EQ(ReadBytes(home_ / "partners/acme/resend/997-1.edi"), ReadBytes(home_ / "partners/acme/acks/997-1.edi"));
}

TEST_F(RunTest, AnInterchangeArchivedInPartsReplaysWhole) {
  // 1-byte pieces: the interchange is archived as three parts (headers, each set).
  const Outcome first = Run({Input("a.edi", AcmeOrder("000000100"))}, {"--piece-size", "1"});
  ASSERT_EQ(first.status, 0) << first.err;
  const Outcome check = Wharf({"archive", "check", "--home", home_.string()});
  EXPECT_EQ(check.status, 0) << check.out << check.err;
  EXPECT_EQ(check.out, "");
  const std::string key = Wharf({"archive", "list", "--home", home_.string(), "--direction", "in"}).out.substr(0, 29);
  EXPECT_EQ(Wharf({"archive", "show", "--home", home_.string(), key}).out, AcmeOrder("000000100").substr(0, 795));
  const Outcome replay = Wharf({"replay", "--home", home_.string(), "--partners", partners_.string(), "--direction", "in",
                                "--force", "--now", "2026-11-29T08:00:00Z"});
  EXPECT_EQ(replay.status, 0) << replay.err;
  EXPECT_NE(replay.err.find("wharf replay: 1 inputs, 1 interchanges, 2 transaction sets"), std::string::npos) << replay.err;
  const std::string again = ReadBytes(home_ / "partners/acme/acks/997-2.edi");
  EXPECT_NE(again.find("AK2*850*0001~\nAK5*A~\nAK2*850*0002~\nAK5*A~\nAK9*A*2*2*2~"), std::string::npos) << again;
}

TEST_F(RunTest, UsageAndPartnerProblemsExitTwo) {
  EXPECT_EQ(Wharf({"run", "--home", home_.string(), "x.edi"}).err.substr(0, 38), "wharf run: --partners DIR is required\n");
  EXPECT_EQ(Run({"nowhere.edi"}).err, "wharf run: nowhere.edi: no such file or folder\n");
  const std::string order = Input("a.edi", AcmeOrder("000000100"));
  EXPECT_EQ(Run({order}, {"--threads", "0"}).err, "wharf run: --threads must be a whole number from 1 to 256, not '0'\n");
  EXPECT_EQ(Run({order}, {"--now", "yesterday"}).err,
            "wharf run: 'yesterday' is not a UTC time like 2026-11-29T06:00:00Z or a date like 2026-11-29\n");
  WriteBytes(partners_ / "broken.toml", "[x12]\nqualifier = \"ZZ\"\nid = \"ACMERETAIL\"\n");
  const Outcome clash = Run({Input("a.edi", AcmeOrder("000000100"))});
  EXPECT_EQ(clash.status, 2);
  EXPECT_NE(clash.err.find("broken.toml:1: partner 'broken' claims the X12 identity ZZ:'ACMERETAIL'"), std::string::npos)
      << clash.err;
  const Outcome check = Wharf({"partners", "check", partners_.string()});
  EXPECT_EQ(check.status, 1);
  EXPECT_NE(check.out.find("2 partners loaded, 1 problems"), std::string::npos) << check.out;
}

}  // namespace
}  // namespace wharf
