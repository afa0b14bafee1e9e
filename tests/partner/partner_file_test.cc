// Partner files: what loads, and every problem named by file and line.
#include <gtest/gtest.h>

#include "grammar/loader.h"
#include "partner/partner.h"
#include "support/test_files.h"

namespace wharf::partner {
namespace {

using testing::ScratchDir;
using testing::SourcePath;
using testing::WriteBytes;

const grammar::GrammarRegistry& Grammars() {
  static const grammar::GrammarRegistry registry = grammar::LoadGrammars(SourcePath("grammars"));
  return registry;
}

// Problems of one file written into a fresh folder.
std::vector<std::string> ProblemsOf(const std::string& text, const std::string& name = "acme.toml") {
  ScratchDir dir;
  WriteBytes(dir / name, text);
  std::vector<std::string> problems;
  ParsePartnerFile(dir / name, &Grammars(), problems);
  const std::string prefix = dir.path().string() + "/";
  for (std::string& p : problems) p = p.substr(prefix.size());  // "acme.toml:3: ..."
  return problems;
}

TEST(PartnerFile, TheExamplesLoadWithEverySetting) {
  const PartnerSet set = LoadPartners(SourcePath("partners/examples"), &Grammars());
  ASSERT_TRUE(set.problems().empty()) << set.problems().front();
  ASSERT_EQ(set.partners().size(), 2u);
  const Partner& acme = *set.Find("acme");
  EXPECT_EQ(acme.name, "ACME Retail");
  EXPECT_EQ(acme.x12.qualifier, "ZZ");
  EXPECT_EQ(acme.x12.id, "ACMERETAIL");
  EXPECT_EQ(acme.x12_us.id, "WHARFSUPPLY");
  EXPECT_TRUE(acme.Accepts("x12", "004010"));
  EXPECT_FALSE(acme.Accepts("x12", "003040"));
  EXPECT_EQ(acme.acks.functional, FunctionalAck::k997);
  EXPECT_EQ(acme.acks.ta1, Ta1Policy::kOnRequest);
  EXPECT_EQ(acme.duplicates.window_days, 90u);
  EXPECT_TRUE(acme.duplicates.reject);
  EXPECT_EQ(acme.outbound.component, '>');
  ASSERT_NE(acme.FindRoute("850"), nullptr);
  EXPECT_EQ(acme.FindRoute("850")->folder, "in/orders");
  EXPECT_EQ(acme.FindRoute("810"), nullptr);
  const Partner& lindqvist = *set.Find("lindqvist");
  EXPECT_EQ(lindqvist.edifact.id, "7350000000017");
  EXPECT_EQ(lindqvist.edifact_us.qualifier, "14");
  EXPECT_EQ(lindqvist.FindRoute("ORDERS")->folder, "in/orders");
}

TEST(PartnerFile, DefaultsForWhatIsNotSaid) {
  EXPECT_TRUE(ProblemsOf("[x12]\nqualifier = \"ZZ\"\nid = \"ACME\"\n").empty());
  ScratchDir dir;
  WriteBytes(dir / "acme.toml", "[x12]\nqualifier = \"ZZ\"\nid = \"ACME\"\n");
  std::vector<std::string> problems;
  const std::optional<Partner> partner = ParsePartnerFile(dir / "acme.toml", &Grammars(), problems);
  ASSERT_TRUE(partner.has_value());
  EXPECT_EQ(partner->id, "acme");
  EXPECT_EQ(partner->name, "acme");
  EXPECT_TRUE(partner->x12_us.empty());
  EXPECT_EQ(partner->acks.functional, FunctionalAck::k997);
  EXPECT_TRUE(partner->acks.contrl);
  EXPECT_EQ(partner->control_numbers.outbound_start, 1u);
  EXPECT_TRUE(partner->Accepts("edifact", "D96A"));  // no list: everything
}

TEST(PartnerFile, ProblemsNameTheLine) {
  const std::vector<std::string> problems = ProblemsOf(
      "name = \"ACME\"\n"                      // 1
      "colour = \"blue\"\n"                    // 2
      "[x12]\n"                                // 3
      "qualifier = \"Z\"\n"                    // 4
      "id = \"ACMERETAILWITHALONGNAME\"\n"     // 5
      "[acknowledgments]\n"                    // 6
      "functional = \"998\"\n"                 // 7
      "[duplicates]\n"                         // 8
      "window_days = -3\n"                     // 9
      "[transport]\n"                          // 10
      "kind = \"sftp\"\n"                      // 11
      "host = \"sftp.acme.example\"\n"         // 12
      "password = \"hunter2\"\n"               // 13
      "[[route]]\n"                            // 14
      "document = \"851\"\n");                 // 15
  const std::vector<std::string> expected = {
      "acme.toml:2: unknown key 'colour' in the partner file (known: name, x12, edifact, acknowledgments, duplicates, "
      "control_numbers, outbound, route, transport)",
      "acme.toml:5: 'id' must be 1 to 15 printable characters (ISA06/ISA08)",
      "acme.toml:4: 'qualifier' must be 2 characters (ISA05/ISA07, e.g. \"ZZ\")",
      "acme.toml:7: 'functional' must be one of '997', '999', 'none'",
      "acme.toml:9: 'window_days' must be a whole number from 0 to 36500",
      "acme.toml:14: no grammar defines document '851'",
      "acme.toml:13: 'password' would put a secret in the partner file: name an environment variable with "
      "password_env or a key file with key_file instead",
      "acme.toml:10: [transport] needs 'password_env' or 'key_file' to authenticate",
  };
  EXPECT_EQ(problems, expected);
}

TEST(PartnerFile, RoutesToMissingGuidesAndVersions) {
  const std::vector<std::string> problems = ProblemsOf(
      "[x12]\nqualifier = \"ZZ\"\nid = \"ACME\"\nversions = [\"004010\", \"009999\"]\n"  // 1-4
      "[[route]]\ndocument = \"850\"\nguide = \"NO-SUCH-GUIDE\"\n"                       // 5-7
      "[[route]]\ndocument = \"850\"\n"                                                  // 8-9
      "[[route]]\ndocument = \"ORDERS\"\nfolder = \"../escape\"\n");                     // 10-12
  const std::vector<std::string> expected = {
      "acme.toml:4: no x12 grammar for version '009999'",
      "acme.toml:5: no implementation guide 'NO-SUCH-GUIDE' is loaded",
      "acme.toml:8: a second [[route]] for document '850'",
      "acme.toml:12: 'folder' must be a relative path inside the partner's folder",
      "acme.toml:10: no grammar defines document 'ORDERS' in the partner's versions",
  };
  EXPECT_EQ(problems, expected);
}

TEST(PartnerFile, NotTomlAndNoIdentity) {
  EXPECT_EQ(ProblemsOf("name = \"ACME\"\n[x12\n").front().substr(0, 27), "acme.toml:2: not valid TOML");
  EXPECT_EQ(ProblemsOf("name = \"ACME\"\n"),
            std::vector<std::string>{"acme.toml:1: the partner needs an [x12] or an [edifact] identity"});
  EXPECT_EQ(ProblemsOf("[x12]\nqualifier = \"ZZ\"\nid = \"A\"\n", "bad name.toml"),
            std::vector<std::string>{
                "bad name.toml:1: the file name must be the partner's id: letters, digits, '-', '_' and '.'"});
}

TEST(PartnerSet, TwoPartnersClaimingOneIdentity) {
  ScratchDir dir;
  WriteBytes(dir / "acme.toml", "[x12]\nqualifier = \"ZZ\"\nid = \"ACME\"\n");
  WriteBytes(dir / "acme-copy.toml", "[x12]\nqualifier = \"ZZ\"\nid = \"ACME   \"\n");
  WriteBytes(dir / "other.toml", "[x12]\nqualifier = \"01\"\nid = \"ACME\"\n");  // another qualifier
  const PartnerSet set = LoadPartners(dir.path(), &Grammars());
  ASSERT_EQ(set.problems().size(), 1u);
  EXPECT_NE(set.problems()[0].find("acme.toml:1: partner 'acme' claims the X12 identity ZZ:'ACME' that partner "
                                   "'acme-copy'"),
            std::string::npos)
      << set.problems()[0];
  EXPECT_EQ(set.partners().size(), 2u);
}

TEST(PartnerSet, MatchesBySenderAndChecksTheReceiver) {
  const PartnerSet set = LoadPartners(SourcePath("partners/examples"), &Grammars());
  EXPECT_EQ(set.MatchX12({"ZZ", "ACMERETAIL"}, {"ZZ", "WHARFSUPPLY"}).partner, set.Find("acme"));
  const PartnerMatch wrong_receiver = set.MatchX12({"ZZ", "ACMERETAIL"}, {"ZZ", "SOMEONEELSE"});
  EXPECT_EQ(wrong_receiver.partner, nullptr);
  EXPECT_EQ(wrong_receiver.problem,
            "interchange from partner 'acme' is addressed to ZZ:'SOMEONEELSE', not to us (ZZ:'WHARFSUPPLY')");
  const PartnerMatch unknown = set.MatchX12({"01", "ACMERETAIL"}, {"ZZ", "WHARFSUPPLY"});
  EXPECT_EQ(unknown.problem, "no partner file has the X12 sender 01:'ACMERETAIL'");
  EXPECT_EQ(set.MatchEdifact({"14", "7350000000017"}, {"14", "5412345000013"}).partner, set.Find("lindqvist"));
  EXPECT_EQ(set.MatchEdifact({"", "7350000000017"}, {"", "5412345000013"}).partner, set.Find("lindqvist"));
}

}  // namespace
}  // namespace wharf::partner
